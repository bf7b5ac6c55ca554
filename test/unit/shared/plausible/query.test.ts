import { describe, expect, it } from 'vitest'
import { DateRange, V2Query } from '../../../../src/shared/plausible/query'

const base = { site_id: 'example.com', metrics: ['visitors'], date_range: '30d' }
const dateRangeMessage = (input: unknown): string | undefined => {
  const result = DateRange.safeParse(input)
  return result.success ? undefined : result.error.issues[0]?.message
}

describe('V2Query at an edge (the contract, stats query --file)', () => {
  it('lets any JSON object through: the server’s rules judge it next, in its own words (query-rules)', () => {
    expect(V2Query.safeParse(base).success).toBe(true)
    // Invalid for the server, but not this schema's to refuse: the core answers QUERY_INVALID with the text.
    expect(V2Query.safeParse({ ...base, metrics: ['baa'] }).success).toBe(true)
  })

  it('refuses what is not an object, saying what a query is', () => {
    for (const input of [null, [], 'visitors', 7]) {
      const result = V2Query.safeParse(input)
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.message).toBe(
        'A v2 query is a JSON object: {"site_id": …, "metrics": […], "date_range": …}',
      )
    }
  })
})

describe('DateRange (the CLI’s --period/--from/--to)', () => {
  it('accepts shortcuts of every kind, date pairs and datetime pairs with an offset', () => {
    for (const range of ['day', '24h', '7d', '5000d', 'month', '6mo', '100mo', 'year', 'all'])
      expect(DateRange.safeParse(range).success, range).toBe(true)
    expect(DateRange.safeParse(['2026-01-01', '2026-01-31']).success).toBe(true)
    expect(DateRange.safeParse(['2026-01-01T00:00:00+01:00', '2026-01-01T00:05:00+01:00']).success).toBe(true)
  })

  it('refuses internal-only and out-of-range shortcuts, naming what to use', () => {
    for (const range of ['realtime', '30m', '0d', '5001d', '101mo', 'bad_period'])
      expect(dateRangeMessage(range), range).toContain(`Invalid date range "${range}"`)
  })

  it('refuses datetimes without an offset and, as a flag check, a range that ends before it starts', () => {
    expect(dateRangeMessage(['2021-02-03T00:00:00', '2021-02-03T23:59:59'])).toMatch(/offset/)
    expect(dateRangeMessage(['2026-02-01', '2026-01-01'])).toBe('The date range ends before it starts')
  })
})
