import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import {
  dateRangeSchemaError,
  rangeDates,
  resolveDateRange,
  type DateRangeInput,
} from '../../../../src/core/sandbox/date-range'

// 2026-11-23 00:30 in Berlin is still 2026-11-22 in UTC: the site's zone decides what "today" is.
const now = Date.parse('2026-11-22T23:30:00Z')
const berlin = { timeZone: 'Europe/Berlin', now, statsStartDay: isoDateToDay('2026-05-27') }

function resolve(input: DateRangeInput, context = berlin) {
  const result = resolveDateRange(input, context)
  if (!result.ok) throw new Error(result.error)
  return result.range
}

describe('date ranges (§4.2) in the site time zone', () => {
  it('takes "day" as today in the site zone, echoed with its offset', () => {
    const range = resolve('day')
    expect(rangeDates(range)).toEqual(['2026-11-23', '2026-11-23'])
    expect(range.echo).toEqual(['2026-11-23T00:00:00+01:00', '2026-11-23T23:59:59+01:00'])
  })

  it('ends "7d" and "30d" yesterday', () => {
    expect(rangeDates(resolve('7d'))).toEqual(['2026-11-16', '2026-11-22'])
    expect(rangeDates(resolve('30d'))).toEqual(['2026-10-24', '2026-11-22'])
  })

  it('takes "month" and "year" as the whole current calendar month and year', () => {
    expect(rangeDates(resolve('month'))).toEqual(['2026-11-01', '2026-11-30'])
    expect(rangeDates(resolve('year'))).toEqual(['2026-01-01', '2026-12-31'])
  })

  it('takes "6mo" as the six full months before the current one', () => {
    const range = resolve('6mo')
    expect(rangeDates(range)).toEqual(['2026-05-01', '2026-10-31'])
    // The two ends straddle the DST change: each carries its own offset.
    expect(range.echo).toEqual(['2026-05-01T00:00:00+02:00', '2026-10-31T23:59:59+01:00'])
  })

  it('runs "all" from the stats start date to today', () => {
    expect(rangeDates(resolve('all'))).toEqual(['2026-05-27', '2026-11-23'])
  })

  it('makes "24h" the 24 hours up to now', () => {
    expect(resolve('24h').echo).toEqual(['2026-11-22T00:30:00+01:00', '2026-11-23T00:30:00+01:00'])
  })

  it('reads a date pair inclusively in the site zone', () => {
    const range = resolve(['2026-03-29', '2026-03-29'])
    expect(range.echo).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-29T23:59:59+02:00'])
    expect(range.to - range.from + 1).toBe(23 * 3_600_000)
  })

  it('keeps datetime pairs as exact instants and echoes them in the site zone', () => {
    const range = resolve(['2026-11-22T23:25:00Z', '2026-11-22T23:30:00Z'])
    expect(range.from).toBe(Date.parse('2026-11-22T23:25:00Z'))
    expect(range.echo).toEqual(['2026-11-23T00:25:00+01:00', '2026-11-23T00:30:00+01:00'])
  })

  it('refuses datetimes without offset and impossible dates with the server text; takes reversed pairs as given', () => {
    expect(resolveDateRange(['2021-02-03T00:00:00', '2021-02-03T23:59:59'], berlin)).toEqual({
      ok: false,
      error: `Invalid date_range '["2021-02-03T00:00:00", "2021-02-03T23:59:59"]'.`,
    })
    expect(resolveDateRange(['2026-02-30', '2026-03-01'], berlin)).toEqual({
      ok: false,
      error: `Invalid date_range '["2026-02-30", "2026-03-01"]'.`,
    })
    // DateTimeRange.new! does not order its ends: a reversed pair is a range with no data.
    const reversed = resolve(['2026-03-02', '2026-03-01'])
    expect(reversed.from).toBeGreaterThan(reversed.to)
    expect(resolveDateRange('0d', berlin)).toEqual({ ok: false, error: 'Invalid date_range "0d"' })
  })

  it('rejects unknown shortcuts, internal-only ones and mixed pairs at the schema level', () => {
    expect(dateRangeSchemaError('realtime')).toBe('#/date_range: Invalid date range "realtime"')
    expect(dateRangeSchemaError('30m')).toBe('#/date_range: Invalid date range "30m"')
    // A shorthand out of range passes the schema; the parser refuses it (above).
    expect(dateRangeSchemaError('0d')).toBeNull()
    expect(dateRangeSchemaError(['2026-01-01', '2026-01-02T00:00:00Z'])).toBe(
      '#/date_range: Invalid date range ["2026-01-01", "2026-01-02T00:00:00Z"]',
    )
    expect(dateRangeSchemaError('12mo')).toBeNull()
    expect(dateRangeSchemaError(['2026-01-01', '2026-01-31'])).toBeNull()
  })
})
