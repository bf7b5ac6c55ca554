// A v2 response's meta and query echo as the server's QueryResult and QueryRunner build them
// (lib/plausible/stats/query_result.ex, query_runner.ex); each rule names the server test it comes from.
import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { rowsOf, runTiny, tinyNow, tinySessions } from './fixtures'

const pages = {
  metrics: ['pageviews'],
  dimensions: ['event:page'],
  order_by: [['event:page', 'asc']],
  include: { total_rows: true },
}
const page = (limit: number, offset: number) => runTiny({ ...pages, pagination: { limit, offset } })

describe('meta.total_rows (count() over () on the returned rows)', () => {
  it("query_test 'pagination with offset': every page with rows says 3, the last partial one too", () => {
    expect(rowsOf(page(2, 0))).toEqual([
      ['/', 3],
      ['/blog', 1],
    ])
    expect(page(2, 0).meta).toEqual({ total_rows: 3 })
    expect(rowsOf(page(2, 2))).toEqual([['/pricing', 2]])
    expect(page(2, 2).meta).toEqual({ total_rows: 3 })
  })

  it("query_test 'pagination with offset': a page past the last row is empty and says 0 (no row to read it from)", () => {
    expect(page(2, 3).results).toEqual([])
    expect(page(2, 3).meta).toEqual({ total_rows: 0 })
    expect(page(1, 2).meta).toEqual({ total_rows: 3 })
  })

  it("query_test 'pagination above total count - all results are returned': a limit above the count", () => {
    expect(page(10, 0).results).toHaveLength(3)
    expect(page(10, 0).meta).toEqual({ total_rows: 3 })
  })

  it('an aggregate is one row: offset 0 says 1, offset 1 is past it (LIMIT/OFFSET apply to it too)', () => {
    const aggregate = (offset: number) =>
      runTiny({ metrics: ['visitors'], include: { total_rows: true }, pagination: { limit: 1, offset } })
    expect(aggregate(0).results).toEqual([{ metrics: [3], dimensions: [] }])
    expect(aggregate(0).meta).toEqual({ total_rows: 1 })
    expect(aggregate(1).results).toEqual([])
    expect(aggregate(1).meta).toEqual({ total_rows: 0 })
  })

  it('is left out unless include.total_rows', () => {
    expect(runTiny({ ...pages, include: {} }).meta).toEqual({})
    expect(runTiny({ ...pages, include: { total_rows: false } }).meta).toEqual({})
  })
})

describe('meta.imports_* (add_imports_meta)', () => {
  it("query_imported_test 'does not add a warning when there are no site imports': no_imported_data, no warning", () => {
    expect(runTiny({ metrics: ['visitors'], include: { imports: true } }).meta).toEqual({
      imports_included: false,
      imports_skip_reason: 'no_imported_data',
    })
  })

  it("query_imported_test 'does not count imported stats unless specified': no imports keys without include.imports", () => {
    const imports = [{ startDay: isoDateToDay('2023-01-01'), endDay: isoDateToDay('2024-12-31') }]
    expect(runTiny({ metrics: ['visitors'] }, tinyNow, tinySessions, { imports }).meta).toEqual({})
    expect(
      runTiny({ metrics: ['visitors'], include: { imports: true } }, tinyNow, tinySessions, { imports }).meta,
    ).toEqual({ imports_included: true })
  })
})

describe('meta.metric_warnings (add_metric_warnings_meta)', () => {
  const imports = [{ startDay: isoDateToDay('2023-01-01'), endDay: isoDateToDay('2024-12-31') }]
  const scroll = (include: Record<string, boolean>, dimensions = ['event:page']) =>
    runTiny({ metrics: ['visitors', 'scroll_depth'], dimensions, include }, tinyNow, tinySessions, {
      imports,
    }).meta

  it('stats/query_imported_test.exs (@no_imported_scroll_depth_warning): scroll_depth over included imports without scroll data warns', () => {
    expect(scroll({ imports: true })).toEqual({
      imports_included: true,
      metric_warnings: {
        scroll_depth: {
          code: 'no_imported_scroll_depth',
          warning: 'No imports with scroll depth data were found',
        },
      },
    })
  })

  it('says nothing when imports are not included: not asked, or skipped', () => {
    expect(scroll({})).toEqual({})
    expect(scroll({ imports: true }, ['event:page', 'time:hour'])).toEqual({
      imports_included: false,
      imports_skip_reason: 'unsupported_interval',
      imports_warning:
        'Imported stats are not included because the time dimension (i.e. the interval) is too short.',
    })
    expect(
      runTiny(
        { metrics: ['visitors'], dimensions: ['event:page'], include: { imports: true } },
        tinyNow,
        tinySessions,
        {
          imports,
        },
      ).meta,
    ).toEqual({ imports_included: true })
  })
})

describe('meta as a whole', () => {
  it('query_result.ex sorts meta by key: imports_*, time_labels, total_rows', () => {
    const response = runTiny({
      metrics: ['visitors'],
      dimensions: ['time:day'],
      include: { total_rows: true, time_labels: true, imports: true },
    })
    expect(Object.keys(response.meta)).toEqual([
      'imports_included',
      'imports_skip_reason',
      'time_labels',
      'total_rows',
    ])
    expect(response.meta.time_labels).toEqual(['2024-01-10', '2024-01-11'])
    expect(response.meta.total_rows).toBe(2)
  })
})

describe('the query echo (QueryResult.from)', () => {
  it('names the site by its current domain, also when asked by its previous one (site.domain)', () => {
    const response = runTiny({ metrics: ['visitors'] }, tinyNow, tinySessions, { domain: 'renamed.example' })
    expect(response.query.site_id).toBe('renamed.example')
  })

  it('test_utils response_query: include holds only the keys that are true, pagination is %{limit, offset}', () => {
    const response = runTiny({
      metrics: ['visitors'],
      include: { imports: true, time_labels: false, total_rows: true },
      pagination: { offset: 0 },
    })
    expect(response.query.include).toEqual({ imports: true, total_rows: true })
    expect(Object.keys(response.query.include)).toEqual(['imports', 'total_rows'])
    expect(response.query.pagination).toEqual({ limit: 10000, offset: 0 })
    expect(Object.keys(response.query.pagination)).toEqual(['limit', 'offset'])
    expect(Object.keys(response.query)).toEqual([
      'site_id',
      'metrics',
      'date_range',
      'filters',
      'dimensions',
      'order_by',
      'include',
      'pagination',
    ])
  })
})
