// The v2 response's meta and query echo (issue 15 item 4), asked of the cloud and the CE sandbox alike:
// each row names the server test or module its expectation comes from (plausible/analytics
// query_test.exs, query_imported_test.exs, query_result.ex, query_optimizer.ex).
import { expect } from 'vitest'
import { totalRowsOf } from '../../../src/shared/plausible/response-meta'
import type { V2Response } from '../../../src/shared/plausible/query'
import {
  raw,
  type Context,
  type ParityCase,
  type RawRequest,
  type RawResponse,
  type SandboxName,
} from './harness'

const shop = 'shop.example.com'
/** America/New_York; the only site whose imports these cases set (and clear again). */
const blog = 'blog.example.org'
const base = { site_id: shop, metrics: ['visitors'], date_range: '7d' }
/** 7d on Mon 23 Nov 2026 in Berlin: 16–22 Nov. */
const shopWeek = ['2026-11-16T00:00:00+01:00', '2026-11-22T23:59:59+01:00']

type Body = Record<string, unknown>
const v2 = (body: Body): RawRequest => ({ method: 'POST', path: '/api/v2/query', body })

const unsupportedQueryWarning =
  'Imported stats are not included in the results because query parameters are not supported. For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats'
const unsupportedIntervalWarning =
  'Imported stats are not included because the time dimension (i.e. the interval) is too short.'

interface MetaRow {
  name: string
  body: Body | ((context: Context) => Body)
  /** The same check on the raw JSON and on what the client parsed. */
  check: (answer: V2Response, context: Context) => void
  before?: ParityCase['before']
  after?: ParityCase['after']
  /** Default both: the row runs once against each. */
  sandboxes?: readonly SandboxName[]
}

const bodyOf = (row: MetaRow, context: Context): Body =>
  typeof row.body === 'function' ? row.body(context) : row.body

/** One parity case per sandbox: the raw answer and the client's parsed one pass the same check. */
function metaCases(rows: readonly MetaRow[]): ParityCase[] {
  return rows.flatMap((row) =>
    (row.sandboxes ?? (['cloud', 'ce'] as const)).map((sandbox): ParityCase => ({
      name: `${row.name} [${sandbox}]`,
      group: sandbox === 'ce' ? 'ce' : 'v2',
      sandbox,
      before: row.before,
      after: row.after,
      http: (context) => v2(bodyOf(row, context)),
      expectHttp: {
        status: 200,
        check: (response: RawResponse, context) => row.check(response.json as V2Response, context),
      },
      client: (client, context) => client.query(bodyOf(row, context) as never),
      expectClient: { check: (value, context) => row.check(value as V2Response, context) },
    })),
  )
}

const withImports =
  (startDate: string, endDate: string): ParityCase['before'] =>
  ({ sandbox }) =>
    sandbox.setSiteImports(blog, [{ startDate, endDate }])
const withoutImports: ParityCase['after'] = ({ sandbox }) => sandbox.setSiteImports(blog, [])
const onBlog = { site_id: blog, metrics: ['visitors'], date_range: '7d', include: { imports: true } }

export const metaParityCases: ParityCase[] = metaCases([
  {
    name: "v2 echo (query_test 'shows last 7 days of visitors with time labels'): time resolved to time:day, default order_by, pagination {limit, offset}",
    body: { ...base, dimensions: ['time'] },
    check: (answer) => {
      expect(answer.query).toEqual({
        site_id: shop,
        metrics: ['visitors'],
        date_range: shopWeek,
        filters: [],
        dimensions: ['time:day'],
        order_by: [
          ['time:day', 'asc'],
          ['visitors', 'desc'],
        ],
        include: {},
        pagination: { limit: 10000, offset: 0 },
      })
      expect(answer.meta).toEqual({})
    },
  },
  {
    name: "v2 echo (query_test 'timeseries with explicit order_by'): time in order_by resolved, one day is time:hour",
    body: {
      ...base,
      date_range: 'day',
      dimensions: ['time'],
      order_by: [
        ['visitors', 'desc'],
        ['time', 'asc'],
      ],
    },
    check: (answer) => {
      expect(answer.query.dimensions).toEqual(['time:hour'])
      expect(answer.query.order_by).toEqual([
        ['visitors', 'desc'],
        ['time:hour', 'asc'],
      ])
    },
  },
  {
    name: 'v2 echo (query_optimizer.ex extend_hostname_filters_to_visit): an event:hostname filter repeated on the entry page hostname',
    body: {
      ...base,
      dimensions: ['visit:source'],
      filters: [['contains', 'event:hostname', ['shop']]],
    },
    check: (answer) => {
      expect(answer.query.filters).toEqual([
        ['contains', 'event:hostname', ['shop']],
        ['contains', 'visit:entry_page_hostname', ['shop']],
      ])
      expect(answer.results.length).toBeGreaterThan(0)
    },
  },
  {
    name: "v2 meta.total_rows (query_test 'pagination with offset'): a page past the last row is empty and counts 0",
    body: {
      ...base,
      dimensions: ['visit:source'],
      include: { total_rows: true },
      pagination: { limit: 5, offset: 5000 },
    },
    check: (answer) => {
      expect(answer.results).toEqual([])
      expect(answer.meta).toEqual({ total_rows: 0 })
      expect(answer.query.pagination).toEqual({ limit: 5, offset: 5000 })
      expect(totalRowsOf(answer)).toBeNull()
    },
  },
  {
    name: "v2 meta.imports (query_imported_test 'does not add a warning when there are no site imports'): no_imported_data",
    body: onBlog,
    check: (answer) => {
      expect(answer.meta).toEqual({ imports_included: false, imports_skip_reason: 'no_imported_data' })
      expect(answer.query.include).toEqual({ imports: true })
    },
  },
  {
    name: "v2 meta.imports (query_imported_test 'does not count imported stats unless specified'): included when asked and in range",
    before: withImports('2026-01-01', '2026-11-30'),
    after: withoutImports,
    body: { ...onBlog, dimensions: ['visit:source'], include: { imports: true, total_rows: true } },
    check: (answer) => {
      expect(Object.keys(answer.meta)).toEqual(['imports_included', 'total_rows'])
      expect(answer.meta.imports_included).toBe(true)
    },
  },
  {
    name: "v2 meta.imports (query_imported_test 'does not add a warning when import is out of queried date range'): out_of_range",
    before: withImports('2025-01-01', '2025-12-31'),
    after: withoutImports,
    body: onBlog,
    check: (answer) =>
      expect(answer.meta).toEqual({ imports_included: false, imports_skip_reason: 'out_of_range' }),
  },
  {
    name: "v2 meta.imports (query_imported_test 'adds a warning when time:hour dimension'): unsupported_interval",
    before: withImports('2026-01-01', '2026-11-30'),
    after: withoutImports,
    body: { ...onBlog, dimensions: ['time:hour'] },
    check: (answer) =>
      expect(answer.meta).toEqual({
        imports_included: false,
        imports_skip_reason: 'unsupported_interval',
        imports_warning: unsupportedIntervalWarning,
      }),
  },
  {
    name: "v2 meta.imports (query_imported_test 'imports are skipped when has_done filter is used'): unsupported_query",
    before: withImports('2026-01-01', '2026-11-30'),
    after: withoutImports,
    body: { ...onBlog, filters: [['has_done', ['is', 'event:name', ['Signup']]]] },
    check: (answer) =>
      expect(answer.meta).toEqual({
        imports_included: false,
        imports_skip_reason: 'unsupported_query',
        imports_warning: unsupportedQueryWarning,
      }),
  },
  {
    name: "v2 meta.imports (query_imported_test 'ignores imported data if filtered property belongs to a different table'): unsupported_query",
    before: withImports('2026-01-01', '2026-11-30'),
    after: withoutImports,
    body: { ...onBlog, dimensions: ['visit:source'], filters: [['is', 'visit:device', ['Desktop']]] },
    check: (answer) => expect(answer.meta.imports_skip_reason).toBe('unsupported_query'),
  },
  {
    name: 'v2 meta.metric_warnings (query_result.ex no_imported_scroll_depth): scroll_depth over included imports',
    before: withImports('2026-01-01', '2026-11-30'),
    after: withoutImports,
    body: { ...onBlog, metrics: ['visitors', 'scroll_depth'], dimensions: ['event:page'] },
    check: (answer) =>
      expect(answer.meta).toEqual({
        imports_included: true,
        metric_warnings: {
          scroll_depth: {
            code: 'no_imported_scroll_depth',
            warning: 'No imports with scroll depth data were found',
          },
        },
      }),
  },
  {
    name: 'v2 echo (query_result.ex site_id: site.domain): asked by its previous domain, the site is named by its current one',
    sandboxes: ['cloud'],
    before: async ({ sandbox, run }) => {
      const created = await raw(sandbox, 'demo', {
        method: 'POST',
        path: '/api/v1/sites',
        body: { domain: `${run}-meta-old.example.com` },
      })
      expect(created.status, created.text).toBe(200)
      const renamed = await raw(sandbox, 'demo', {
        method: 'PUT',
        path: `/api/v1/sites/${run}-meta-old.example.com`,
        body: { domain: `${run}-meta-new.example.com` },
      })
      expect(renamed.status, renamed.text).toBe(200)
    },
    after: async ({ sandbox, run }) => {
      await raw(sandbox, 'demo', { method: 'DELETE', path: `/api/v1/sites/${run}-meta-new.example.com` })
    },
    body: ({ run }) => ({ ...base, site_id: `${run}-meta-old.example.com` }),
    check: (answer, { run }) => expect(answer.query.site_id).toBe(`${run}-meta-new.example.com`),
  },
])
