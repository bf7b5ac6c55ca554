import { describe, expect, it } from 'vitest'
import { createHourLedger } from '../../../../src/core/budget/hour-ledger'
import { PlausibleError } from '../../../../src/shared/errors'

const at = (iso: string): number => Date.parse(iso)

function fakeClock(start: string): { now: () => number; set: (iso: string) => void } {
  let current = at(start)
  return { now: () => current, set: (iso) => void (current = at(iso)) }
}

function errorOf(fn: () => void): PlausibleError {
  try {
    fn()
  } catch (error) {
    if (error instanceof PlausibleError) return error
    throw error
  }
  throw new Error('expected a PlausibleError')
}

describe('hour ledger', () => {
  it('allows exactly the hourly limit and then refuses with the reset time', () => {
    const clock = fakeClock('2026-11-23T10:15:00Z')
    const ledger = createHourLedger(clock.now)
    for (let i = 0; i < 3; i++) ledger.reserve('work', 3)
    const error = errorOf(() => ledger.reserve('work', 3))
    expect(error.code).toBe('BUDGET_EXHAUSTED')
    expect(error.details?.resetsAt).toBe('2026-11-23T11:00:00.000Z')
    expect(ledger.snapshot('work', 3)).toEqual({
      account: 'work',
      hourlyLimit: 3,
      usedThisHour: 3,
      remainingThisHour: 0,
      hourStartedAt: '2026-11-23T10:00:00.000Z',
      resetsAt: '2026-11-23T11:00:00.000Z',
      pausedUntil: null,
    })
  })

  it('starts a fresh count at the top of the UTC hour, not 60 minutes after the first request', () => {
    const clock = fakeClock('2026-11-23T10:59:59Z')
    const ledger = createHourLedger(clock.now)
    ledger.reserve('work', 1)
    expect(() => ledger.reserve('work', 1)).toThrow(PlausibleError)
    clock.set('2026-11-23T11:00:00Z')
    ledger.reserve('work', 1)
    expect(ledger.snapshot('work', 1).usedThisHour).toBe(1)
  })

  it('keeps accounts apart', () => {
    const ledger = createHourLedger(fakeClock('2026-11-23T10:00:00Z').now)
    ledger.reserve('a', 1)
    ledger.reserve('b', 1)
    expect(ledger.snapshot('a', 1).remainingThisHour).toBe(0)
    expect(ledger.snapshot('b', 5).remainingThisHour).toBe(4)
  })

  it('pauses the account until the next UTC hour after a 429', () => {
    const clock = fakeClock('2026-11-23T10:20:00Z')
    const ledger = createHourLedger(clock.now)
    ledger.pause('work')
    const error = errorOf(() => ledger.reserve('work', 600))
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.details?.resetsAt).toBe('2026-11-23T11:00:00.000Z')
    expect(ledger.snapshot('work', 600).pausedUntil).toBe('2026-11-23T11:00:00.000Z')
    clock.set('2026-11-23T11:00:00Z')
    ledger.reserve('work', 600)
    expect(ledger.snapshot('work', 600).pausedUntil).toBeNull()
  })

  it('honours a pause that reaches past the hour, as a Retry-After may ask', () => {
    const clock = fakeClock('2026-11-23T10:50:00Z')
    const ledger = createHourLedger(clock.now)
    ledger.pause('work', at('2026-11-23T11:30:00Z'))
    clock.set('2026-11-23T11:10:00Z')
    expect(errorOf(() => ledger.reserve('work', 600)).code).toBe('RATE_LIMITED')
    clock.set('2026-11-23T11:30:00Z')
    ledger.reserve('work', 600)
  })

  it('gives a reservation back when its request never reached the server', () => {
    const ledger = createHourLedger(fakeClock('2026-11-23T10:00:00Z').now)
    ledger.reserve('work', 2)
    ledger.release('work')
    ledger.release('work')
    expect(ledger.snapshot('work', 2).usedThisHour).toBe(0)
  })
})
