import { describe, expect, it } from 'vitest'
import {
  dueRun,
  periodStartAt,
  reportedPeriod,
  scheduledFileName,
} from '../../../../src/shared/report/schedule'

const at = (iso: string) => Date.parse(iso)
const weekly = { cadence: 'weekly' as const, timeZone: 'Europe/Berlin', since: '2026-11-16' }
const monthly = { cadence: 'monthly' as const, timeZone: 'UTC', since: '2026-01-01' }

describe('periodStartAt', () => {
  it('is Monday in the schedule’s timezone: Sunday 23:59:59 is still the old week, 00:00:00 the new one', () => {
    // Monday 23 Nov 2026 00:00 in Berlin is Sunday 23:00 UTC.
    expect(periodStartAt('weekly', at('2026-11-22T22:59:59Z'), 'Europe/Berlin')).toBe('2026-11-16')
    expect(periodStartAt('weekly', at('2026-11-22T23:00:00Z'), 'Europe/Berlin')).toBe('2026-11-23')
  })

  it('is the 1st of the month', () => {
    expect(periodStartAt('monthly', at('2026-02-28T23:59:59Z'), 'UTC')).toBe('2026-02-01')
    expect(periodStartAt('monthly', at('2026-03-01T00:00:00Z'), 'UTC')).toBe('2026-03-01')
  })
})

describe('dueRun', () => {
  it('runs at exactly the period’s start and not one second before', () => {
    expect(dueRun(weekly, undefined, at('2026-11-22T22:59:59Z'))).toBeNull()
    expect(dueRun(weekly, undefined, at('2026-11-22T23:00:00Z'))).toEqual({
      periodStart: '2026-11-23',
      period: { key: 'custom', from: '2026-11-16', to: '2026-11-22' },
    })
  })

  it('runs once per period: not again after the run was written', () => {
    expect(dueRun(weekly, '2026-11-23', at('2026-11-29T22:59:59Z'))).toBeNull()
    expect(dueRun(weekly, '2026-11-23', at('2026-11-29T23:00:00Z'))?.periodStart).toBe('2026-11-30')
  })

  it('runs a missed week once, for the last full week, not once per missed week', () => {
    // Written at 23 Nov, then the machine was off for three weeks: one run, for 7–13 Dec.
    const due = dueRun(weekly, '2026-11-23', at('2026-12-16T09:00:00Z'))
    expect(due).toEqual({
      periodStart: '2026-12-14',
      period: { key: 'custom', from: '2026-12-07', to: '2026-12-13' },
    })
    expect(dueRun(weekly, due?.periodStart, at('2026-12-16T09:00:01Z'))).toBeNull()
  })

  it('writes nothing for the period the schedule was made in', () => {
    expect(dueRun({ ...weekly, since: '2026-11-23' }, undefined, at('2026-11-25T12:00:00Z'))).toBeNull()
  })

  it('reports the month before across month lengths: February after 31 January, 28 days, leap years', () => {
    expect(dueRun(monthly, '2026-01-01', at('2026-02-01T00:00:00Z'))?.period).toEqual({
      key: 'month',
      date: '2026-01-01',
    })
    expect(dueRun(monthly, '2026-02-01', at('2026-02-28T23:59:59Z'))).toBeNull()
    expect(dueRun(monthly, '2026-02-01', at('2026-03-01T00:00:00Z'))?.period).toEqual({
      key: 'month',
      date: '2026-02-01',
    })
    expect(dueRun(monthly, '2026-04-01', at('2026-04-30T23:59:59Z'))).toBeNull()
    expect(dueRun(monthly, '2026-04-01', at('2026-05-01T00:00:00Z'))?.period).toEqual({
      key: 'month',
      date: '2026-04-01',
    })
    expect(
      dueRun({ ...monthly, since: '2028-01-01' }, '2028-02-01', at('2028-03-01T00:00:00Z'))?.period,
    ).toEqual({
      key: 'month',
      date: '2028-02-01',
    })
  })
})

describe('reportedPeriod and scheduledFileName', () => {
  it('names the file by site, cadence and the period’s first day (or month)', () => {
    const week = reportedPeriod('weekly', '2026-11-23')
    expect(scheduledFileName({ cadence: 'weekly', format: 'html' }, 'shop.example.com', week)).toBe(
      'shop.example.com-weekly-2026-11-16.html',
    )
    const month = reportedPeriod('monthly', '2026-03-01')
    expect(scheduledFileName({ cadence: 'monthly', format: 'md' }, 'all sites', month)).toBe(
      'all-sites-monthly-2026-02.md',
    )
  })
})
