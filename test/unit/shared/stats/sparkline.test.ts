import { describe, expect, it } from 'vitest'
import { dayLine, mergeSamples, sparklineSource } from '../../../../src/shared/stats/sparkline'

const t0 = Date.parse('2026-03-02T10:00:00.000Z')
const iso = (ms: number): string => new Date(ms).toISOString()
const minute = 60_000

describe('mergeSamples', () => {
  it("puts the tray's samples and the window's in time order, within the last 30 minutes", () => {
    const tray = [
      { at: iso(t0 - 40 * minute), visitors: 99 },
      { at: iso(t0 - 20 * minute), visitors: 4 },
      { at: iso(t0 - 10 * minute), visitors: 6 },
    ]
    const own = [
      { at: t0 - 45 * minute, visitors: 98 },
      { at: t0 - 15 * minute, visitors: 5 },
      { at: t0, visitors: 7 },
    ]
    expect(mergeSamples(tray, own, t0)).toEqual([
      { at: t0 - 20 * minute, visitors: 4, source: 'tray' },
      { at: t0 - 15 * minute, visitors: 5, source: 'window' },
      { at: t0 - 10 * minute, visitors: 6, source: 'tray' },
      { at: t0, visitors: 7, source: 'window' },
    ])
  })

  it("draws a reading both took at the same time once, as the window's", () => {
    const merged = mergeSamples(
      [{ at: iso(t0 - minute), visitors: 3 }],
      [{ at: t0 - minute, visitors: 4 }],
      t0,
    )
    expect(merged).toEqual([{ at: t0 - minute, visitors: 4, source: 'window' }])
  })
})

describe('dayLine', () => {
  it('draws the buckets by their means, oldest first', () => {
    expect(
      dayLine([
        { at: iso(t0), mean: 2.5 },
        { at: iso(t0 - 5 * minute), mean: 1 },
      ]),
    ).toEqual([
      { at: t0 - 5 * minute, visitors: 1 },
      { at: t0, visitors: 2.5 },
    ])
  })
})

describe('sparklineSource', () => {
  it('says how many points the tray and the window each gave', () => {
    const tray = { at: t0, visitors: 1, source: 'tray' } as const
    const own = { at: t0 + 1, visitors: 1, source: 'window' } as const
    expect(sparklineSource([tray, tray, own])).toBe(
      'Last 30 minutes: 2 samples taken by the tray, 1 sample by this window.',
    )
    expect(sparklineSource([tray])).toBe(
      'Last 30 minutes as the tray sampled them (1 sample); this window adds its own as it polls.',
    )
    expect(sparklineSource([own])).toMatch(/^The line fills in as this window samples/)
  })
})
