import { describe, expect, it } from 'vitest'
import type { BudgetSnapshot } from '../../../../src/shared/contract'
import { describeSources, hourBars, hourUsage } from '../../../../src/shared/stats/usage'

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

describe('hourBars', () => {
  it('turns the 24-hour history into bars by source with their totals, oldest first', () => {
    const zero = { interactive: 0, cli: 0, background: 0, tray: 0 }
    const bars = hourBars({
      ...snapshot(15),
      hours: [
        { hourStartedAt: '2026-01-01T09:00:00.000Z', bySource: { ...zero, tray: 4 } },
        {
          hourStartedAt: '2026-01-01T10:00:00.000Z',
          bySource: { interactive: 9, cli: 2, background: 1, tray: 3 },
        },
      ],
    })
    expect(bars).toEqual([
      { hourStartedAt: '2026-01-01T09:00:00.000Z', ...zero, tray: 4, total: 4 },
      {
        hourStartedAt: '2026-01-01T10:00:00.000Z',
        interactive: 9,
        cli: 2,
        background: 1,
        tray: 3,
        total: 15,
      },
    ])
  })

  it('draws the current hour alone when the host sends no history', () => {
    expect(
      hourBars({ ...snapshot(5), thisHourBySource: { interactive: 5, cli: 0, background: 0, tray: 0 } }),
    ).toEqual([
      { hourStartedAt: '2026-01-01T10:00:00.000Z', interactive: 5, cli: 0, background: 0, tray: 0, total: 5 },
    ])
  })
})

describe('describeSources', () => {
  it('names the sources that spent anything, most urgent first', () => {
    expect(describeSources({ interactive: 12, cli: 3, background: 0, tray: 40 })).toBe(
      'window 12 · cli 3 · tray 40',
    )
    expect(describeSources({ interactive: 0, cli: 0, background: 0, tray: 0 })).toBe('none')
  })
})
