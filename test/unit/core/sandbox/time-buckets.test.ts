import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { resolveDateRange, type DateRangeInput } from '../../../../src/core/sandbox/date-range'
import { autoInterval, createBucketer, type Interval } from '../../../../src/core/sandbox/time-buckets'

const now = Date.parse('2026-11-23T12:00:00Z')

function rangeOf(input: DateRangeInput, timeZone = 'Europe/Berlin') {
  const result = resolveDateRange(input, { timeZone, now, statsStartDay: isoDateToDay('2026-01-01') })
  if (!result.ok) throw new Error(result.error)
  return result.range
}

function labels(input: DateRangeInput, interval: Interval, timeZone = 'Europe/Berlin'): string[] {
  const bucketer = createBucketer(interval, rangeOf(input, timeZone), timeZone)
  return bucketer.keys().map((key) => bucketer.label(key))
}

describe('time buckets (§4.8)', () => {
  it('has 24 hourly labels on an ordinary day, 23 on the spring DST day and 25 on the autumn one', () => {
    expect(labels(['2026-11-20', '2026-11-20'], 'hour')).toHaveLength(24)
    const spring = labels(['2026-03-29', '2026-03-29'], 'hour')
    expect(spring).toHaveLength(23)
    expect(spring.slice(1, 3)).toEqual(['2026-03-29 01:00:00', '2026-03-29 03:00:00'])
    const autumn = labels(['2026-10-25', '2026-10-25'], 'hour')
    expect(autumn).toHaveLength(25)
    expect(autumn.slice(1, 5)).toEqual([
      '2026-10-25 01:00:00',
      '2026-10-25 02:00:00',
      '2026-10-25 02:00:00',
      '2026-10-25 03:00:00',
    ])
  })

  it('puts an event in the local hour and the local day of the site', () => {
    const range = rangeOf(['2026-11-01', '2026-11-02'], 'America/New_York')
    const hours = createBucketer('hour', range, 'America/New_York')
    const days = createBucketer('day', range, 'America/New_York')
    const ts = Date.parse('2026-11-02T03:15:00Z') // 22:15 on Nov 1 in New York
    expect(hours.label(hours.key(ts))).toBe('2026-11-01 22:00:00')
    expect(days.label(days.key(ts))).toBe('2026-11-01')
  })

  it('labels weeks by Monday, except a first partial week labelled with the range start', () => {
    expect(labels(['2026-11-04', '2026-11-20'], 'week')).toEqual(['2026-11-04', '2026-11-09', '2026-11-16'])
    const range = rangeOf(['2026-11-04', '2026-11-20'])
    const weeks = createBucketer('week', range, 'Europe/Berlin')
    expect(weeks.label(weeks.key(Date.parse('2026-11-05T12:00:00Z')))).toBe('2026-11-04')
    expect(weeks.label(weeks.key(Date.parse('2026-11-11T12:00:00Z')))).toBe('2026-11-09')
  })

  it('labels months by their first day', () => {
    expect(labels('6mo', 'month')).toEqual([
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
    ])
  })

  it('resolves "time" from the range length', () => {
    expect(autoInterval(rangeOf('day'))).toBe('hour')
    expect(autoInterval(rangeOf('24h'))).toBe('hour')
    expect(autoInterval(rangeOf('7d'))).toBe('day')
    expect(autoInterval(rangeOf('month'))).toBe('day')
    expect(autoInterval(rangeOf('6mo'))).toBe('week')
    expect(autoInterval(rangeOf(['2024-01-01', '2026-01-01']))).toBe('month')
  })
})
