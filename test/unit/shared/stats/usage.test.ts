import { describe, expect, it } from 'vitest'
import type { BudgetSnapshot } from '../../../../src/shared/contract'
import { hourUsage } from '../../../../src/shared/stats/usage'

const snapshot = (used: number, limit = 600, reserve = 60): BudgetSnapshot => ({
  account: 'work',
  hourlyLimit: limit,
  usedThisHour: used,
  remainingThisHour: Math.max(0, limit - used),
  hourStartedAt: '2026-01-01T10:00:00.000Z',
  resetsAt: '2026-01-01T11:00:00.000Z',
  pausedUntil: null,
  reservedForInteractive: reserve,
})

describe('hourUsage', () => {
  it('splits the hour into used, left for everyone and the reserve kept for the window and the CLI', () => {
    expect(hourUsage(snapshot(100))).toEqual({
      used: 100,
      openLeft: 440,
      reserveLeft: 60,
      limit: 600,
      backgroundCeiling: 540,
    })
  })

  it('eats into the reserve once background work is stopped at the ceiling', () => {
    expect(hourUsage(snapshot(570))).toMatchObject({ used: 570, openLeft: 0, reserveLeft: 30 })
    expect(hourUsage(snapshot(650))).toMatchObject({ used: 600, openLeft: 0, reserveLeft: 0 })
  })
})
