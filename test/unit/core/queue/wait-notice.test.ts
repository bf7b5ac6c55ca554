import { describe, expect, it } from 'vitest'
import {
  currentWaitListener,
  listenInThisProcess,
  noticeWait,
  withWaitListener,
  type WaitNotice,
} from '../../../../src/core/queue/wait-notice'

const resumed = (account: string): WaitNotice => ({ phase: 'resumed', account })

describe('the listener of a budget wait', () => {
  it("tells the process's listener when no call has its own, and no one once it stopped listening", () => {
    const told: string[] = []
    const stop = listenInThisProcess((notice) => told.push(notice.account))
    noticeWait(resumed('work'))
    stop()
    noticeWait(resumed('demo'))
    expect(told).toEqual(['work'])
    expect(currentWaitListener()).toBeUndefined()
  })

  it('tells a call run with its own listener that one, not the process’s', async () => {
    const process: string[] = []
    const call: string[] = []
    const stop = listenInThisProcess((notice) => process.push(notice.account))
    await withWaitListener(
      (notice) => call.push(notice.account),
      async () => {
        await Promise.resolve()
        noticeWait(resumed('in the call'))
      },
    )
    noticeWait(resumed('outside'))
    stop()
    expect([process, call]).toEqual([['outside'], ['in the call']])
  })

  it('puts the listener before back when a later one stops, and ignores a listener that throws', () => {
    const told: string[] = []
    const stopFirst = listenInThisProcess((notice) => told.push(`first ${notice.account}`))
    const stopSecond = listenInThisProcess(() => {
      throw new Error('a broken terminal')
    })
    expect(() => noticeWait(resumed('a'))).not.toThrow()
    stopSecond()
    noticeWait(resumed('b'))
    stopFirst()
    expect(told).toEqual(['first b'])
  })
})
