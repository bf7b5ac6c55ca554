import { describe, expect, it } from 'vitest'
import {
  hourStartSlackMs,
  minIntervalMs,
  planPolling,
  trayAllowance,
} from '../../../../src/core/glance/cadence'
import type { BudgetSnapshot } from '../../../../src/shared/contract'

const hour = Date.parse('2026-11-22T13:00:00.000Z')
const resetsAt = hour + 3_600_000

function budget(used: number, extra: Partial<BudgetSnapshot> = {}): BudgetSnapshot {
  return {
    account: 'work',
    hourlyLimit: 600,
    usedThisHour: used,
    remainingThisHour: 600 - used,
    hourStartedAt: new Date(hour).toISOString(),
    resetsAt: new Date(resetsAt).toISOString(),
    pausedUntil: null,
    reservedForInteractive: 60,
    ...extra,
  }
}

describe('planPolling', () => {
  it('spreads half of what is left above the reserve over the rest of the hour: 10 sites at the top of the hour poll every 133.4 s', () => {
    // floor(0.5 · (600 − 60 − 0) / 10) = 27 rounds in 3600 s
    expect(planPolling(budget(0), 10, hour)).toEqual({ kind: 'poll', intervalMs: 133_334, rounds: 27 })
  })

  it('slows as the hour drains: with 440 used at half past, 10 sites poll every 900 s', () => {
    // floor(0.5 · (540 − 440) / 10) = 5 rounds in 1800 s → 360 s; at 500 used: floor(0.5·40/10) = 2 → 900 s
    expect(planPolling(budget(440), 10, hour + 1_800_000)).toEqual({
      kind: 'poll',
      intervalMs: 360_000,
      rounds: 5,
    })
    expect(planPolling(budget(500), 10, hour + 1_800_000)).toEqual({
      kind: 'poll',
      intervalMs: 900_000,
      rounds: 2,
    })
  })

  it('never polls faster than once a minute, whatever the budget', () => {
    expect(planPolling(budget(0), 1, hour)).toEqual({ kind: 'poll', intervalMs: minIntervalMs, rounds: 270 })
  })

  it('pauses until just after the next UTC hour when a round no longer fits above the reserve', () => {
    expect(planPolling(budget(531), 10, hour + 600_000)).toEqual({
      kind: 'paused',
      until: resetsAt + hourStartSlackMs,
      reason: 'hour-spent',
    })
  })

  it('runs one last round when it fits whole above the reserve, even past the half share', () => {
    // 540 − 525 = 15 left for the tray: half is 7 (< 10 sites) but a full round of 10 still keeps the reserve.
    expect(planPolling(budget(525), 10, hour + 3_000_000)).toEqual({
      kind: 'poll',
      intervalMs: 600_000,
      rounds: 1,
    })
  })

  it('waits out a 429 pause until the next hour', () => {
    const paused = budget(100, { pausedUntil: new Date(resetsAt).toISOString() })
    expect(planPolling(paused, 3, hour + 60_000)).toEqual({
      kind: 'paused',
      until: resetsAt + hourStartSlackMs,
      reason: 'rate-limited',
    })
  })

  it('counts the reserve from the snapshot, or 10 % of the limit when an older snapshot lacks it', () => {
    expect(trayAllowance(budget(100))).toBe(440)
    const { reservedForInteractive: _omitted, ...older } = budget(100)
    expect(trayAllowance(older)).toBe(440)
    expect(trayAllowance(budget(590))).toBe(0)
  })
})
