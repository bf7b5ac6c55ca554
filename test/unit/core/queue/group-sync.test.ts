import { describe, expect, it } from 'vitest'
import { createGroupSync } from '../../../../src/core/queue/group-sync'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A sync that ends when the test says so, and counts how often it started. */
function manualSync() {
  const ends: Array<() => void> = []
  let started = 0
  const syncOnce = () =>
    new Promise<void>((resolve) => {
      started += 1
      ends.push(resolve)
    })
  return { syncOnce, started: () => started, endNext: () => ends.shift()?.() }
}

describe('createGroupSync', () => {
  it('runs one sync for a lone caller', async () => {
    const manual = manualSync()
    const request = createGroupSync(manual.syncOnce)
    const done = request()
    await tick()
    expect(manual.started()).toBe(1)
    manual.endNext()
    await done
    expect(manual.started()).toBe(1)
  })

  it('gives every caller that came during a sync one more sync to share, started after theirs', async () => {
    const manual = manualSync()
    const request = createGroupSync(manual.syncOnce)
    let firstDone = false
    let laterDone = 0
    void request().then(() => (firstDone = true))
    await tick()
    // Three more changes while the first sync runs: it may have started before them.
    const later = [request(), request(), request()].map((promise) => promise.then(() => (laterDone += 1)))
    expect(manual.started()).toBe(1)
    manual.endNext()
    await tick()
    expect([firstDone, laterDone, manual.started()]).toEqual([true, 0, 2])
    manual.endNext()
    await Promise.all(later)
    expect([laterDone, manual.started()]).toEqual([3, 2])
  })

  it('starts afresh once the syncs are done', async () => {
    const manual = manualSync()
    const request = createGroupSync(manual.syncOnce)
    const first = request()
    await tick()
    manual.endNext()
    await first
    const second = request()
    await tick()
    expect(manual.started()).toBe(2)
    manual.endNext()
    await second
  })

  it('shares a sync among the callers that came before it started', async () => {
    const manual = manualSync()
    const request = createGroupSync(manual.syncOnce)
    const all = Promise.all([request(), request(), request()])
    await tick()
    expect(manual.started()).toBe(1)
    manual.endNext()
    await all
    expect(manual.started()).toBe(1)
  })

  it('waits gatherMs before a sync starts, and shares it with whoever came meanwhile', async () => {
    const manual = manualSync()
    const request = createGroupSync(manual.syncOnce, { gatherMs: 30 })
    const first = request()
    await new Promise((resolve) => setTimeout(resolve, 10))
    const second = request()
    expect(manual.started()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(manual.started()).toBe(1)
    manual.endNext()
    await Promise.all([first, second])
    expect(manual.started()).toBe(1)
  })

  it('passes a failed sync to its callers and goes on with the next', async () => {
    let calls = 0
    const request = createGroupSync(async () => {
      calls += 1
      if (calls === 1) throw new Error('EIO')
    })
    // Awaited from the start, as every caller does: a rejection nobody awaits yet is an unhandled one.
    const first = expect(request()).rejects.toThrow('EIO')
    await tick()
    const second = request()
    await first
    await expect(second).resolves.toBeUndefined()
    expect(calls).toBe(2)
  })
})
