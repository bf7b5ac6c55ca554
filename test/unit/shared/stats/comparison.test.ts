import { describe, expect, it } from 'vitest'
import {
  alignComparison,
  compareTopStats,
  comparisonRange,
  metricChange,
} from '../../../../src/shared/stats/comparison'
import { resolvePeriod } from '../../../../src/shared/stats/periods'
import type { SeriesPoint } from '../../../../src/shared/stats/series'
import type { TopStat } from '../../../../src/shared/stats/top-stats'

const utcNoon = { timeZone: 'UTC', nowMs: Date.UTC(2023, 2, 2, 14, 0) } // Thu 2023-03-02 14:00

describe('comparisonRange (Plausible Comparisons semantics)', () => {
  const exact = { matchDayOfWeek: false }

  it('previous period of month-to-date: the same number of days before, trimmed to today', () => {
    const month = resolvePeriod({ key: 'month' }, '2023-03-02')
    const range = comparisonRange(month, { mode: 'previous_period', ...exact }, utcNoon)
    expect([range?.first, range?.last]).toEqual(['2023-02-27', '2023-02-28'])
    expect(range?.seriesDateRange).toEqual(['2023-02-27', '2023-02-28'])
  })

  it('"today so far" ends the comparison at the same time of day', () => {
    const day = resolvePeriod({ key: 'day' }, '2023-03-02')
    const range = comparisonRange(day, { mode: 'previous_period', matchDayOfWeek: false }, utcNoon)
    expect(range?.totalsDateRange).toEqual(['2023-03-01T00:00:00+00:00', '2023-03-01T14:00:00+00:00'])
    expect(range?.seriesDateRange).toEqual(['2023-03-01', '2023-03-01'])
  })

  it('uses the site offset of the comparison day for the time-of-day cut', () => {
    const now = { timeZone: 'America/New_York', nowMs: Date.UTC(2026, 10, 2, 15, 0) } // Mon 10:00 EST
    const day = resolvePeriod({ key: 'day' }, '2026-11-02')
    const range = comparisonRange(day, { mode: 'previous_period', matchDayOfWeek: false }, now)
    expect(range?.totalsDateRange).toEqual(['2026-11-01T00:00:00-04:00', '2026-11-01T10:00:00-05:00'])
  })

  it('matches the day of week by moving to the next such weekday', () => {
    // Last 30 days ending Sun 2026-11-22 start on Sat 2026-10-24; the previous 30 days start on Thu 2026-09-24.
    const period = resolvePeriod({ key: '30d' }, '2026-11-23')
    const matched = comparisonRange(period, { mode: 'previous_period', matchDayOfWeek: true }, utcNoon)
    expect([matched?.first, matched?.last]).toEqual(['2026-09-26', '2026-10-25'])
    const plain = comparisonRange(period, { mode: 'previous_period', matchDayOfWeek: false }, utcNoon)
    expect([plain?.first, plain?.last]).toEqual(['2026-09-24', '2026-10-23'])
  })

  it('takes the previous weekday when the next one would be the period’s own first day', () => {
    // 7 days from Mon 2026-11-16: previous period starts Mon 2026-11-09, already a Monday.
    const period = resolvePeriod({ key: 'custom', from: '2026-11-16', to: '2026-11-22' }, '2026-11-23')
    const range = comparisonRange(period, { mode: 'previous_period', matchDayOfWeek: true }, utcNoon)
    expect([range?.first, range?.last]).toEqual(['2026-11-09', '2026-11-15'])
    // 3 days from Tue 2026-11-17: previous starts Sat 2026-11-14, the next Tuesday is the source start.
    const short = resolvePeriod({ key: 'custom', from: '2026-11-17', to: '2026-11-19' }, '2026-11-23')
    const r2 = comparisonRange(short, { mode: 'previous_period', matchDayOfWeek: true }, utcNoon)
    expect([r2?.first, r2?.last]).toEqual(['2026-11-10', '2026-11-12'])
  })

  it('year over year: one calendar year back, then matched to the weekday', () => {
    const period = resolvePeriod({ key: 'custom', from: '2023-01-01', to: '2023-01-31' }, '2023-03-02')
    const exactRange = comparisonRange(period, { mode: 'year_over_year', matchDayOfWeek: false }, utcNoon)
    expect([exactRange?.first, exactRange?.last]).toEqual(['2022-01-01', '2022-01-31'])
    const matched = comparisonRange(period, { mode: 'year_over_year', matchDayOfWeek: true }, utcNoon)
    // Sunday 2023-01-01 → Sunday 2022-01-02 (Plausible's own doc example).
    expect([matched?.first, matched?.last]).toEqual(['2022-01-02', '2022-02-01'])
  })

  it('custom takes the dates as given; off, realtime and all time compare nothing', () => {
    const period = resolvePeriod({ key: '7d' }, '2026-11-23')
    expect(
      comparisonRange(
        period,
        { mode: 'custom', matchDayOfWeek: true, from: '2026-01-01', to: '2026-01-07' },
        utcNoon,
      )?.seriesDateRange,
    ).toEqual(['2026-01-01', '2026-01-07'])
    expect(comparisonRange(period, { mode: 'off', matchDayOfWeek: true }, utcNoon)).toBeNull()
    expect(
      comparisonRange(
        resolvePeriod({ key: 'all' }, '2026-11-23'),
        { mode: 'previous_period', matchDayOfWeek: true },
        utcNoon,
      ),
    ).toBeNull()
  })
})

describe('metricChange (Plausible Compare.calculate_change)', () => {
  it('is a whole percentage, rounding halves away from zero', () => {
    expect(metricChange('visitors', 200, 250)).toBe(25)
    expect(metricChange('visitors', 200, 195)).toBe(-3) // −2.5 → −3
    expect(metricChange('visitors', 0, 5)).toBe(100)
    expect(metricChange('visitors', 0, 0)).toBe(0)
    expect(metricChange('visitors', null, 5)).toBeNull()
  })

  it('is the difference in points for bounce rate (none from 0) and conversion rate', () => {
    expect(metricChange('bounce_rate', 40, 35)).toBe(-5)
    expect(metricChange('bounce_rate', 0, 35)).toBeNull()
    expect(metricChange('conversion_rate', 2.34, 3.1)).toBe(0.8)
  })
})

describe('compareTopStats and alignComparison', () => {
  it('pairs stats by metric', () => {
    const now: TopStat[] = [{ metric: 'visitors', label: 'Unique visitors', value: 120, display: '120' }]
    const then: TopStat[] = [{ metric: 'visitors', label: 'Unique visitors', value: 100, display: '100' }]
    expect(compareTopStats(now, then)[0]).toMatchObject({ comparisonValue: 100, change: 20 })
    expect(compareTopStats(now, undefined)[0]).toMatchObject({ comparisonValue: null, change: null })
  })

  it('lays the comparison over the period bucket by bucket', () => {
    const p = (label: string, value: number | null): SeriesPoint => ({
      key: label,
      label,
      occurrence: 0,
      value,
    })
    const aligned = alignComparison(
      [p('2026-11-01', 1), p('2026-11-02', 2), p('2026-11-03', null)],
      [p('2026-10-01', 5), p('2026-10-02', 6)],
    )
    expect(aligned.map((x) => [x.comparisonLabel, x.comparisonValue])).toEqual([
      ['2026-10-01', 5],
      ['2026-10-02', 6],
      [undefined, undefined],
    ])
  })
})
