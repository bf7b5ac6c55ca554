import { describe, expect, it } from 'vitest'
import { isBudgetLow, lastMinutesRange, realtimePollPlan } from '../../../../src/shared/stats/realtime'

const now = Date.UTC(2026, 10, 23, 18, 30, 7)
const budget = (remaining: number, limit = 600) => ({
  hourlyLimit: limit,
  remainingThisHour: remaining,
  resetsAt: '2026-11-23T19:00:00.000Z',
  pausedUntil: null,
})

describe('lastMinutesRange', () => {
  it('is the last five minutes with the site offset, ending on a 10-second tick', () => {
    expect(lastMinutesRange('Europe/Berlin', now)).toEqual([
      '2026-11-23T19:25:00+01:00',
      '2026-11-23T19:30:00+01:00',
    ])
  })
})

describe('realtimePollPlan', () => {
  it('polls every 30 seconds when the hour has room', () => {
    expect(realtimePollPlan(budget(500), now, { requestsPerPoll: 3 })).toEqual({
      intervalMs: 30_000,
      reason: 'normal',
    })
  })

  it('stretches the interval to spend at most half of what is left before the reset', () => {
    // (60 − 30 reserve) × 0.5 = 15 requests = 5 polls of 3 over the 29 min 53 s left → every 5 min 58.6 s.
    expect(realtimePollPlan(budget(60), now, { requestsPerPoll: 3 })).toEqual({
      intervalMs: 358_600,
      reason: 'stretched',
    })
  })

  it('stops when only the reserve is left or the account is paused', () => {
    expect(realtimePollPlan(budget(31), now, { requestsPerPoll: 3 }).intervalMs).toBeNull()
    const paused = { ...budget(500), pausedUntil: '2026-11-23T19:00:00.000Z' }
    expect(realtimePollPlan(paused, now, { requestsPerPoll: 1 })).toEqual({
      intervalMs: null,
      reason: 'paused',
    })
  })

  it('calls a tenth of the hour low', () => {
    expect(isBudgetLow(budget(60), now)).toBe(true)
    expect(isBudgetLow(budget(61), now)).toBe(false)
  })
})
