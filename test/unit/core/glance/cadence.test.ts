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
  it('spreads half of the hour above the reserve evenly: 10 sites at the top of the hour poll every 133.4 s', () => {
    // min(540 left, 0.5 · 540 · 3600/3600 = 270) / 10 = 27 rounds in 3600 s
    expect(planPolling(budget(0), 10, hour)).toEqual({ kind: 'poll', intervalMs: 133_334, rounds: 27 })
  })

  it('keeps the pace while nobody else spends: 135 used at half past still polls every 133.4 s', () => {
    // min(405, 0.5 · 540 · 1800/3600 = 135) / 10 = 13 rounds in 1800 s
    expect(planPolling(budget(135), 10, hour + 1_800_000)).toEqual({
      kind: 'poll',
      intervalMs: 138_462,
      rounds: 13,
    })
  })

  it('slows as others drain the hour: with 440 used at half past every 180 s, with 500 used every 450 s', () => {
    // min(100, 135) / 10 = 10 rounds in 1800 s; min(40, 135) / 10 = 4 rounds
    expect(planPolling(budget(440), 10, hour + 1_800_000)).toEqual({
      kind: 'poll',
      intervalMs: 180_000,
      rounds: 10,
    })
    expect(planPolling(budget(500), 10, hour + 1_800_000)).toEqual({
      kind: 'poll',
      intervalMs: 450_000,
      rounds: 4,
    })
  })

  it('never polls faster than once a minute, whatever the budget', () => {
    expect(planPolling(budget(0), 1, hour)).toEqual({ kind: 'poll', intervalMs: minIntervalMs, rounds: 270 })
  })

  it('waits for just after the top of the hour when the rest of this one is too short for a round', () => {
    // 0.5 · 540 · 60/3600 = 4.5 < 10 sites
    expect(planPolling(budget(100), 10, hour + 3_540_000)).toEqual({
      kind: 'poll',
      intervalMs: 60_000 + hourStartSlackMs,
      rounds: 0,
    })
  })

  it('pauses until just after the next UTC hour when a round no longer fits above the reserve', () => {
    expect(planPolling(budget(531), 10, hour + 600_000)).toEqual({
      kind: 'paused',
      until: resetsAt + hourStartSlackMs,
      reason: 'hour-spent',
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
