import { describe, expect, it } from 'vitest'
import { createLedger, refusalError, type BudgetAccount } from '../../../../src/core/budget/ledger'
import { createMemoryLedgerStore } from '../../../../src/core/budget/ledger-store'
import { fakeTime } from './fake-time'

const work: BudgetAccount = { id: 'b1', alias: 'work', hourlyLimit: 20, dailyLimit: null }

function setup(start = '2026-11-23T10:15:00Z') {
  const time = fakeTime(start)
  return { time, ledger: createLedger({ store: createMemoryLedgerStore(), clock: time.clock }) }
}

describe('ledger', () => {
  it('counts up to the hourly limit, then refuses until the top of the next UTC hour', async () => {
    const { ledger } = setup()
    for (let i = 0; i < 20; i++) expect(await ledger.reserve(work, 'cli')).toEqual({ granted: true })
    const refused = await ledger.reserve(work, 'cli')
    expect(refused).toEqual({ granted: false, reason: 'hour', retryAt: Date.parse('2026-11-23T11:00:00Z') })
    if (refused.granted) throw new Error('unreachable')
    expect(refusalError(work, refused).toWire()).toMatchObject({
      code: 'BUDGET_EXHAUSTED',
      details: { resetsAt: '2026-11-23T11:00:00.000Z' },
    })
  })

  it('starts every UTC hour at zero', async () => {
    const { ledger, time } = setup()
    for (let i = 0; i < 20; i++) await ledger.reserve(work, 'cli')
    time.set('2026-11-23T11:00:00Z')
    expect(await ledger.reserve(work, 'cli')).toEqual({ granted: true })
    expect(await ledger.snapshot(work)).toMatchObject({
      usedThisHour: 1,
      hourStartedAt: '2026-11-23T11:00:00.000Z',
    })
  })

  it('keeps the last 10 % of the hour from background refresh and tray polling, not from the window or the CLI', async () => {
    const { ledger } = setup()
    for (let i = 0; i < 18; i++)
      expect((await ledger.reserve(work, i % 2 ? 'tray' : 'background')).granted).toBe(true)
    expect(await ledger.reserve(work, 'tray')).toMatchObject({ granted: false, reason: 'reserve' })
    expect(await ledger.reserve(work, 'background')).toMatchObject({ granted: false, reason: 'reserve' })
    expect(await ledger.reserve(work, 'interactive')).toEqual({ granted: true })
    expect(await ledger.reserve(work, 'cli')).toEqual({ granted: true })
    expect(await ledger.reserve(work, 'interactive')).toMatchObject({ granted: false, reason: 'hour' })
  })

  it('refuses at the daily cap until the next local midnight, across hours', async () => {
    const { ledger, time } = setup('2026-11-23T22:10:00Z')
    const capped = { ...work, dailyLimit: 25 }
    for (let i = 0; i < 20; i++) await ledger.reserve(capped, 'cli')
    time.set('2026-11-23T23:10:00Z')
    for (let i = 0; i < 5; i++) expect((await ledger.reserve(capped, 'cli')).granted).toBe(true)
    // The unit suite runs with TZ=UTC, so the local midnight is 00:00Z.
    expect(await ledger.reserve(capped, 'cli')).toEqual({
      granted: false,
      reason: 'day',
      retryAt: Date.parse('2026-11-24T00:00:00Z'),
    })
    expect(await ledger.snapshot(capped)).toMatchObject({ dailyLimit: 25, usedToday: 25, remainingToday: 0 })
  })

  it('pauses the account until the next UTC hour after a 429 and shows the pause in the snapshot', async () => {
    const { ledger, time } = setup()
    await ledger.pause(work)
    expect(await ledger.reserve(work, 'interactive')).toEqual({
      granted: false,
      reason: 'paused',
      retryAt: Date.parse('2026-11-23T11:00:00Z'),
    })
    expect(await ledger.snapshot(work)).toMatchObject({
      pausedUntil: '2026-11-23T11:00:00.000Z',
      lastPausedAt: '2026-11-23T10:15:00.000Z',
    })
    time.set('2026-11-23T11:00:00Z')
    expect(await ledger.reserve(work, 'interactive')).toEqual({ granted: true })
    expect(await ledger.snapshot(work)).toMatchObject({
      pausedUntil: null,
      lastPausedAt: '2026-11-23T10:15:00.000Z',
    })
  })

  it('gives back a refunded request and reports the hour, the day and the reserve in its snapshot', async () => {
    const { ledger } = setup()
    await ledger.reserve(work, 'cli')
    await ledger.reserve(work, 'cli')
    await ledger.refund(work, 'cli')
    const { hours, ...snapshot } = await ledger.snapshot(work)
    expect(hours).toHaveLength(24)
    expect(hours?.[23]).toEqual({
      hourStartedAt: '2026-11-23T10:00:00.000Z',
      bySource: { interactive: 0, cli: 1, background: 0, tray: 0 },
    })
    expect(snapshot).toEqual({
      account: 'work',
      hourlyLimit: 20,
      usedThisHour: 1,
      remainingThisHour: 19,
      hourStartedAt: '2026-11-23T10:00:00.000Z',
      resetsAt: '2026-11-23T11:00:00.000Z',
      pausedUntil: null,
      reservedForInteractive: 2,
      dailyLimit: null,
      usedToday: 1,
      remainingToday: null,
      dayResetsAt: '2026-11-24T00:00:00.000Z',
      lastPausedAt: null,
      sharedThrough: 'process',
      thisHourBySource: { interactive: 0, cli: 1, background: 0, tray: 0 },
    })
  })
})
