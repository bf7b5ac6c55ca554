import { describe, expect, it } from 'vitest'
import { totalRowsOf } from '../../../../src/shared/plausible/response-meta'
import { V2Response } from '../../../../src/shared/plausible/query'

const answer = (rows: number, offset: number, total?: number) => ({
  results: Array.from({ length: rows }, (_, index) => ({ metrics: [index], dimensions: [`/p${index}`] })),
  meta: total === undefined ? {} : { total_rows: total },
  query: { site_id: 'a.com', pagination: { limit: 10, offset } },
})

describe('totalRowsOf (QueryRunner reads count() over () off the first returned row)', () => {
  it('is the count on any page with rows, and 0 on a first page without any', () => {
    expect(totalRowsOf(answer(10, 0, 25))).toBe(25)
    expect(totalRowsOf(answer(5, 20, 25))).toBe(25)
    expect(totalRowsOf(answer(0, 0, 0))).toBe(0)
  })

  it("is unknown on a page past the last row, which says 0 (query_test 'pagination with offset')", () => {
    expect(totalRowsOf(answer(0, 30, 0))).toBeNull()
    expect(totalRowsOf(answer(0, 1, 0))).toBeNull()
  })

  it('is unknown when the server did not say (not asked, or an older server)', () => {
    expect(totalRowsOf(answer(3, 0))).toBeNull()
    expect(totalRowsOf({ ...answer(0, 30, 0), query: { site_id: 'a.com' } })).toBe(0)
  })
})

describe('V2Response meta and echo', () => {
  it('parses every meta key the server sends, metric warnings worded with warning or message', () => {
    const parsed = V2Response.parse({
      results: [],
      meta: {
        imports_included: false,
        imports_skip_reason: 'unsupported_query',
        imports_warning:
          'Imported stats are not included in the results because query parameters are not supported.',
        metric_warnings: {
          total_revenue: {
            code: 'no_revenue_goals_matching',
            warning: 'Revenue metrics are null as there are no matching revenue goals.',
          },
          time_on_page: {
            code: 'legacy_time_on_page_used',
            message:
              'This period includes data calculated with the legacy time on page method up to 2025-01-01',
          },
        },
        time_labels: ['2026-11-22'],
        total_rows: 0,
      },
      query: {
        site_id: 'a.com',
        metrics: ['visitors'],
        date_range: ['2026-11-22T00:00:00+01:00', '2026-11-22T23:59:59+01:00'],
        filters: [['is', 'event:hostname', ['a.com']]],
        dimensions: ['time:day'],
        order_by: [['time:day', 'asc']],
        include: { imports: true },
        pagination: { limit: 10000, offset: 0 },
      },
    })
    expect(parsed.meta.metric_warnings?.time_on_page?.message).toMatch(/^This period includes/)
    expect(parsed.query.pagination).toEqual({ limit: 10000, offset: 0 })
    expect(parsed.query.dimensions).toEqual(['time:day'])
  })

  it('refuses a negative or fractional total_rows, and parses an echo of site_id alone', () => {
    expect(
      V2Response.safeParse({ results: [], meta: { total_rows: -1 }, query: { site_id: 'a' } }).success,
    ).toBe(false)
    expect(
      V2Response.safeParse({ results: [], meta: { total_rows: 1.5 }, query: { site_id: 'a' } }).success,
    ).toBe(false)
    expect(V2Response.safeParse({ results: [], meta: {}, query: { site_id: 'a' } }).success).toBe(true)
  })
})
