import { describe, expect, it } from 'vitest'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import {
  movePeriod,
  periodForMenu,
  periodFromParams,
  periodMenu,
  periodKeys,
  periodOfBucket,
  pickInterval,
  resolvePeriod,
} from '../../../../src/shared/stats/periods'

const today = '2026-11-23'

describe('resolvePeriod', () => {
  it('sends Nd as N full days ending yesterday, as explicit dates', () => {
    const r = resolvePeriod({ key: '30d' }, today)
    expect(r.dateRange).toEqual(['2026-10-24', '2026-11-22'])
    expect(r.label).toBe('Last 30 days')
    expect(r.includesToday).toBe(false)
    expect(r.defaultInterval).toBe('time:day')
  })

  it('sends the last 91 days (N) as 91 full days ending yesterday: the 91st day back is in, the 92nd is not', () => {
    const r = resolvePeriod({ key: '91d' }, today)
    expect(r.dateRange).toEqual(['2026-08-24', '2026-11-22'])
    expect(r.label).toBe('Last 91 days')
    expect(r.defaultInterval).toBe('time:day')
    expect(r.comparable).toBe(true)
  })

  it("puts Plausible's letters on the menu: H last 24 hours, N last 91 days, P last month", () => {
    const letters = Object.fromEntries(periodMenu.map((entry) => [entry.shortcut, entry.id]))
    expect(letters).toMatchObject({ H: '24h', N: '91d', P: 'last_month', T: '30d', F: '28d' })
    const used = periodMenu.map((entry) => entry.shortcut).filter(Boolean)
    expect(new Set(used).size).toBe(used.length)
  })

  it('draws today by the hour and names yesterday', () => {
    expect(resolvePeriod({ key: 'day' }, today)).toMatchObject({
      label: 'Today',
      dateRange: [today, today],
      includesToday: true,
      intervals: ['time:hour'],
    })
    expect(resolvePeriod(periodForMenu('yesterday', today)!, today).label).toBe('Yesterday')
    expect(resolvePeriod({ key: 'day', date: '2026-11-01' }, today).label).toBe('Sun, 1 Nov 2026')
  })

  it('keeps the whole month and year on the axis, and names past ones', () => {
    expect(resolvePeriod({ key: 'month' }, today)).toMatchObject({
      label: 'Month to date',
      dateRange: ['2026-11-01', '2026-11-30'],
    })
    expect(resolvePeriod(periodForMenu('last_month', today)!, today)).toMatchObject({
      label: 'October 2026',
      dateRange: ['2026-10-01', '2026-10-31'],
      includesToday: false,
    })
    expect(resolvePeriod({ key: 'year', date: '2025-05-05' }, today)).toMatchObject({
      label: '2025',
      dateRange: ['2025-01-01', '2025-12-31'],
    })
  })

  it('sends Nmo as the N full months before this one', () => {
    expect(resolvePeriod({ key: '6mo' }, today).dateRange).toEqual(['2026-05-01', '2026-10-31'])
  })

  it('leaves rolling and all-time ranges to the server, without comparison for all time', () => {
    expect(resolvePeriod({ key: '24h' }, today)).toMatchObject({
      dateRange: '24h',
      first: null,
      comparable: true,
    })
    expect(resolvePeriod({ key: 'all' }, today)).toMatchObject({ dateRange: 'all', comparable: false })
  })

  it('offers hourly buckets for a custom range up to a year', () => {
    const r = resolvePeriod({ key: 'custom', from: '2025-11-24', to: '2026-11-23' }, today)
    expect(r.intervals).toContain('time:hour')
    expect(r.label).toBe('24 Nov 2025 – 23 Nov 2026')
    expect(pickInterval(r, 'time:hour')).toBe('time:hour')
    expect(pickInterval(resolvePeriod({ key: '6mo' }, today), 'time:hour')).toBe('time:month')
  })

  it('produces date ranges the v2 schema accepts', () => {
    // Every key the menu resolves alone (realtime has no range, custom needs its dates).
    for (const key of periodKeys.filter((key) => key !== 'realtime' && key !== 'custom')) {
      const query = {
        site_id: 'a.example',
        metrics: ['visitors'],
        date_range: resolvePeriod({ key }, today).dateRange,
      }
      expect(checkV2Query(query).ok, key).toBe(true)
    }
  })
})

describe('movePeriod', () => {
  it('steps days, months, years and custom ranges, never into the future', () => {
    expect(movePeriod({ key: 'day' }, -1, today)).toEqual({ key: 'day', date: '2026-11-22' })
    expect(movePeriod({ key: 'day' }, 1, today)).toBeNull()
    expect(movePeriod({ key: 'day', date: '2026-11-22' }, 1, today)).toEqual({ key: 'day' })
    expect(movePeriod({ key: 'month' }, -1, today)).toEqual({ key: 'month', date: '2026-10-01' })
    expect(movePeriod({ key: 'year' }, -1, today)).toEqual({ key: 'year', date: '2025-01-01' })
    expect(movePeriod({ key: 'custom', from: '2026-11-01', to: '2026-11-07' }, -1, today)).toEqual({
      key: 'custom',
      from: '2026-10-25',
      to: '2026-10-31',
    })
    expect(movePeriod({ key: '30d' }, -1, today)).toBeNull()
  })
})

describe('periodFromParams', () => {
  it('reads Plausible-style period, date, from and to', () => {
    expect(periodFromParams(new URLSearchParams('period=day&date=2026-11-01'))).toEqual({
      key: 'day',
      date: '2026-11-01',
    })
    expect(periodFromParams(new URLSearchParams('period=custom&from=2026-11-01&to=2026-11-02'))).toEqual({
      key: 'custom',
      from: '2026-11-01',
      to: '2026-11-02',
    })
    expect(periodFromParams(new URLSearchParams('period=custom'))).toBeNull()
    expect(periodFromParams(new URLSearchParams('period=week'))).toBeNull()
  })
})

describe('periodOfBucket', () => {
  it('opens a day by the hour, a month as that month, and a week as its seven days', () => {
    expect(periodOfBucket('2026-11-10', 'time:day', today)).toEqual({ key: 'day', date: '2026-11-10' })
    expect(periodOfBucket('2026-10-01', 'time:month', today)).toEqual({ key: 'month', date: '2026-10-01' })
    expect(periodOfBucket('2026-11-09', 'time:week', today)).toEqual({
      key: 'custom',
      from: '2026-11-09',
      to: '2026-11-15',
    })
  })

  it("cuts this week's bucket at today: the week starting six days back ends today, one day later too", () => {
    expect(periodOfBucket('2026-11-17', 'time:week', today)).toMatchObject({
      from: '2026-11-17',
      to: '2026-11-23',
    })
    expect(periodOfBucket('2026-11-18', 'time:week', today)).toMatchObject({
      from: '2026-11-18',
      to: '2026-11-23',
    })
  })

  it('goes no deeper than an hour, and never into the future', () => {
    expect(periodOfBucket('2026-11-23 10:00:00', 'time:hour', today)).toBeNull()
    expect(periodOfBucket(today, 'time:day', today)).toEqual({ key: 'day', date: today })
    expect(periodOfBucket('2026-11-24', 'time:day', today)).toBeNull()
  })
})
