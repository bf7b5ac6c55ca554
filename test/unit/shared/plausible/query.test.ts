import { describe, expect, it } from 'vitest'
import { V2Query } from '../../../../src/shared/plausible/query'

const base = { site_id: 'example.com', metrics: ['visitors'], date_range: '30d' }
const messageOf = (input: unknown): string | undefined => {
  const result = V2Query.safeParse(input)
  return result.success ? undefined : result.error.issues[0]?.message
}

describe('V2Query', () => {
  it('accepts an aggregate query with shortcuts of every kind', () => {
    for (const date_range of ['day', '24h', '7d', '5000d', 'month', '6mo', '100mo', 'year', 'all']) {
      expect(V2Query.safeParse({ ...base, date_range }).success, date_range).toBe(true)
    }
  })

  it('accepts date and datetime pairs, and rejects datetimes without an offset', () => {
    expect(V2Query.safeParse({ ...base, date_range: ['2026-01-01', '2026-01-31'] }).success).toBe(true)
    expect(
      V2Query.safeParse({ ...base, date_range: ['2026-01-01T00:00:00+01:00', '2026-01-01T00:05:00+01:00'] })
        .success,
    ).toBe(true)
    expect(messageOf({ ...base, date_range: ['2021-02-03T00:00:00', '2021-02-03T23:59:59'] })).toMatch(
      /offset/,
    )
    expect(messageOf({ ...base, date_range: ['2026-02-01', '2026-01-01'] })).toBe(
      'The date range ends before it starts',
    )
  })

  it('rejects the internal-only and out-of-range shortcuts the public API rejects', () => {
    for (const date_range of ['realtime', '30m', '0d', '5001d', '101mo', 'bad_period']) {
      expect(messageOf({ ...base, date_range }), date_range).toContain(`Invalid date range "${date_range}"`)
    }
  })

  it('rejects unknown metrics and dimensions, and accepts custom props', () => {
    expect(V2Query.safeParse({ ...base, metrics: ['baa'] }).success).toBe(false)
    expect(messageOf({ ...base, dimensions: ['visit:nope'] })).toBe('Invalid dimension "visit:nope"')
    expect(V2Query.safeParse({ ...base, dimensions: ['event:props:plan', 'time:day'] }).success).toBe(true)
    expect(messageOf({ ...base, metrics: ['visitors', 'visitors'] })).toBe('Metrics must be unique')
  })

  it('rejects keys the public schema does not allow, such as include.comparisons and date', () => {
    expect(V2Query.safeParse({ ...base, date: '2026-01-01' }).success).toBe(false)
    expect(V2Query.safeParse({ ...base, include: { comparisons: {} } }).success).toBe(false)
  })

  it('accepts nested logical and behavioural filters with the case modifier', () => {
    const filters = [
      ['is', 'visit:country', ['DE', 'FR']],
      [
        'or',
        [
          ['contains', 'event:page', ['/blog'], { case_sensitive: false }],
          ['not', ['is', 'visit:source', ['Google']]],
        ],
      ],
      ['has_done', ['is', 'event:name', ['Signup']]],
    ]
    expect(V2Query.safeParse({ ...base, filters }).success).toBe(true)
  })

  it('rejects a filter on a time dimension and an empty clause list', () => {
    expect(messageOf({ ...base, filters: [['is', 'time:day', ['2026-01-01']]] })).toBe(
      'Invalid filter dimension "time:day"',
    )
    expect(V2Query.safeParse({ ...base, filters: [['is', 'visit:country', []]] }).success).toBe(false)
  })

  it('requires order_by to name a queried metric or dimension, and time_labels a time dimension', () => {
    expect(messageOf({ ...base, order_by: [['pageviews', 'desc']] })).toMatch(
      /^Invalid value in order_by "pageviews"/,
    )
    expect(
      V2Query.safeParse({ ...base, dimensions: ['visit:source'], order_by: [['visit:source', 'asc']] })
        .success,
    ).toBe(true)
    expect(messageOf({ ...base, include: { time_labels: true } })).toBe('time_labels needs a time dimension')
  })

  it('bounds pagination as the server does (limit 1..10000)', () => {
    expect(V2Query.safeParse({ ...base, pagination: { limit: 10000, offset: 0 } }).success).toBe(true)
    expect(V2Query.safeParse({ ...base, pagination: { limit: 10001 } }).success).toBe(false)
  })
})
