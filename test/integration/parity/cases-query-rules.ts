// Issue 15: every ported query rule (src/shared/plausible/query-rules) asked of the sandbox in cloud and in
// CE mode, raw and through the client — which refuses locally, in the same words, whatever it can judge
// without the site (goals, segments and plan stay the server's). Each row names the server test it ports.
import { expect } from 'vitest'
import type { V2Response } from '../../../src/shared/plausible/query'
import type { Context, ParityCase, SandboxName } from './harness'

type Body = Record<string, unknown>
const shop = 'shop.example.com'
const plan = 'docs.example.net'
const base = { site_id: shop, metrics: ['visitors'], date_range: '7d' }
const qpb = 'query_parse_and_build_test.exs'

interface RuleRow {
  name: string
  body: Body
  /** The refusal, the same in both modes unless given per mode. */
  message?: string | Record<'cloud' | 'ce', string>
  /** For accepted queries: a check of the answer. */
  check?: (response: V2Response) => void
  modes?: ReadonlyArray<'cloud' | 'ce'>
  before?: (context: Context) => void
  after?: (context: Context) => void
}

const rows: RuleRow[] = [
  // ── 1. Where each filter may stand ─────────────────────────────────────────────────────────────
  {
    name: `event:goal inside or (${qpb}: event:goal 'not top-level filter')`,
    body: {
      ...base,
      filters: [
        [
          'or',
          [
            ['is', 'event:goal', ['Signup']],
            ['is', 'event:name', ['pageview']],
          ],
        ],
      ],
    },
    message: 'Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
  },
  {
    name: `event:hostname inside not (${qpb}: 'event:hostname filter not at top level is invalid')`,
    body: { ...base, filters: [['not', ['is', 'event:hostname', ['shop.example.com']]]] },
    message: 'Invalid filters. Dimension `event:hostname` can only be filtered at the top level.',
  },
  {
    name: `event:goal inside has_done is allowed (${qpb}: 'allowed within behavioral filters has_done')`,
    body: {
      ...base,
      filters: [
        [
          'has_done',
          [
            'or',
            [
              ['is', 'event:goal', ['Signup']],
              ['is', 'event:name', ['x']],
            ],
          ],
        ],
      ],
    },
    check: (response) => expect(response.results).toHaveLength(1),
  },
  {
    name: `a custom property below the top level with conversion_rate (${qpb}: 'not top level custom properties filter with special metric is invalid')`,
    body: {
      ...base,
      metrics: ['conversion_rate', 'group_conversion_rate'],
      filters: [['not', ['is', 'event:props:plan', ['pro']]]],
      dimensions: ['event:goal'],
    },
    message:
      'Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, custom property filters can only be used on top level.',
  },
  {
    name: `a visit dimension inside has_done (${qpb}: 'fails when using visit filters within has_done filters')`,
    body: { ...base, filters: [['has_done', ['is', 'visit:browser', ['Chrome']]]] },
    message:
      'Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.',
  },
  {
    name: `has_not_done inside has_done (${qpb}: 'fails when nesting behavioral filters')`,
    body: { ...base, filters: [['has_done', ['has_not_done', ['is', 'visit:browser', ['Chrome']]]]] },
    message: 'Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.',
  },
  {
    name: "a goal the site lacks, inside has_done (query_builder_test.exs: 'event goal name is checked within behavioral filters')",
    body: { ...base, filters: [['has_done', ['is', 'event:goal', ['Unknown']]]] },
    message:
      'Invalid filters. The goal `Unknown` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
  },
  {
    name: `contains on event:goal is not checked against the goals (${qpb}: preloading goals 'with contains match')`,
    body: { ...base, filters: [['contains', 'event:goal', ['Nothing like it']]] },
    check: (response) => expect(response.results).toEqual([{ metrics: [0], dimensions: [] }]),
  },
  // ── 2. Metrics with dimensions and filters ─────────────────────────────────────────────────────
  {
    name: `conversion_rate with a goal only inside has_done (${qpb}: conversion_rate 'fails validation on its own'; behavioral_filters: :ignore)`,
    body: {
      ...base,
      metrics: ['conversion_rate'],
      filters: [['has_done', ['is', 'event:goal', ['Signup']]]],
    },
    message: 'Metric `conversion_rate` can only be queried with event:goal filters or dimensions.',
  },
  {
    name: `scroll_depth without a page (${qpb}: scroll_depth 'fails validation on its own')`,
    body: { ...base, metrics: ['scroll_depth'] },
    message: 'Metric `scroll_depth` can only be queried with event:page filters or dimensions.',
  },
  {
    name: `scroll_depth with only a nested page filter (${qpb}: 'fails with only a non-top-level event:page filter')`,
    body: { ...base, metrics: ['scroll_depth'], filters: [['not', ['is', 'event:page', ['/']]]] },
    message: 'Metric `scroll_depth` can only be queried with event:page filters or dimensions.',
  },
  {
    name: `scroll_depth by page is answered (an average depth, 0–100, per page) (${qpb}: 'succeeds with event:page dimension')`,
    body: { ...base, metrics: ['scroll_depth'], dimensions: ['event:page'] },
    check: (response) => {
      expect(response.results.length).toBeGreaterThan(0)
      for (const row of response.results) {
        expect(Number.isInteger(row.metrics[0])).toBe(true)
        expect(row.metrics[0]).toBeGreaterThanOrEqual(0)
        expect(row.metrics[0]).toBeLessThanOrEqual(100)
      }
    },
  },
  {
    name: `time_on_page with only a behavioural page filter (${qpb}: time_on_page 'fails when using only a behavioral filter')`,
    body: { ...base, metrics: ['time_on_page'], filters: [['has_done', ['is', 'event:page', ['/']]]] },
    message: 'Metric `time_on_page` can only be queried with event:page filters or dimensions.',
  },
  {
    name: `time_on_page with a page filter is answered (${qpb}: time_on_page 'succeeds with event:page filter')`,
    body: { ...base, metrics: ['time_on_page'], filters: [['is', 'event:page', ['/pricing']]] },
    check: (response) => expect(typeof response.results[0]!.metrics[0]).toBe('number'),
  },
  {
    name: `views_per_visit with a nested page filter (${qpb}: views_per_visit 'fails validation if event:page filter specified')`,
    body: { ...base, metrics: ['views_per_visit'], filters: [['not', ['is', 'event:page', ['/']]]] },
    message: 'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
  },
  {
    name: `views_per_visit by day (${qpb}: 'fails validation with dimensions')`,
    body: { ...base, metrics: ['views_per_visit'], dimensions: ['time:day'] },
    message: 'Metric `views_per_visit` cannot be queried with `dimensions`.',
  },
  {
    name: "two session metrics by two event dimensions, each named (query_validations_test.exs: 'session metrics cannot be used with event:name dimension')",
    body: {
      ...base,
      metrics: ['bounce_rate', 'visit_duration'],
      dimensions: ['event:name', 'event:props:plan'],
    },
    message:
      'Session metric(s) `bounce_rate`, `visit_duration` cannot be queried along with event dimension(s) `event:name`, `event:props:plan`',
  },
  {
    name: 'bounce_rate by event:page and event:hostname: only event:page alone joins (table_decider.ex @ff1f8c7)',
    body: { ...base, metrics: ['bounce_rate'], dimensions: ['event:page', 'event:hostname'] },
    message:
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:page`, `event:hostname`',
  },
  {
    name: `an event metric by a session-only dimension (${qpb}: 'fails if using event metric with session-only dimension')`,
    body: { ...base, metrics: ['events'], dimensions: ['visit:exit_page'] },
    message: 'Event metric(s) `events` cannot be queried along with session dimension(s) `visit:exit_page`',
  },
  {
    name: `revenue metrics: a feature the sites lack on cloud, unknown on CE (${qpb}: revenue 'no access', 'revenue metrics are not available on CE')`,
    body: { ...base, metrics: ['total_revenue', 'average_revenue'] },
    message: {
      cloud: 'The owner of this site does not have access to the revenue metrics feature.',
      ce: '#/metrics/0: Invalid metric "total_revenue"\n#/metrics/1: Invalid metric "average_revenue"',
    },
  },
  // ── 3. Values ─────────────────────────────────────────────────────────────────────────────────
  {
    name: `a shorthand out of range, without a pointer (${qpb}: '999999999mo is invalid date range')`,
    body: { ...base, date_range: '999999999mo' },
    message: 'Invalid date_range "999999999mo"',
  },
  {
    name: 'zero days, without a pointer (api_query_parser.ex: parse_input_date_range n > 0)',
    body: { ...base, date_range: '0d' },
    message: 'Invalid date_range "0d"',
  },
  {
    name: `a date beside a datetime (${qpb}: 'custom date range is invalid when date and timestamp are combined')`,
    body: { ...base, date_range: ['2021-02-03T00:00:00Z', '2021-02-04'] },
    message: '#/date_range: Invalid date range ["2021-02-03T00:00:00Z", "2021-02-04"]',
  },
  {
    name: `an offset past 23 hours (${qpb}: 'custom date range is invalid when timestamp timezone is invalid')`,
    body: { ...base, date_range: ['2021-02-03T00:00:00-25:00', '2021-02-03T23:59:59-25:00'] },
    message: '#/date_range: Invalid date range ["2021-02-03T00:00:00-25:00", "2021-02-03T23:59:59-25:00"]',
  },
  {
    name: 'a day that does not exist (Date.from_iso8601, api_query_parser.ex: parse_date_strings)',
    body: { ...base, date_range: ['2026-02-30', '2026-03-01'] },
    message: `Invalid date_range '["2026-02-30", "2026-03-01"]'.`,
  },
  {
    name: 'the offset -00:00 (Calendar.ISO parse_offset)',
    body: { ...base, date_range: ['2026-11-01T00:00:00-00:00', '2026-11-02T00:00:00Z'] },
    message: `Invalid date_range '["2026-11-01T00:00:00-00:00", "2026-11-02T00:00:00Z"]'.`,
  },
  {
    name: 'a reversed date pair is taken as given: no rows, no labels (datetime_range.ex: new!)',
    body: {
      ...base,
      date_range: ['2026-11-20', '2026-11-10'],
      dimensions: ['time:day'],
      include: { time_labels: true },
    },
    check: (response) => {
      expect(response.results).toEqual([])
      expect(response.meta.time_labels).toEqual([])
    },
  },
  {
    name: `numbers for a string dimension (${qpb}: 'numeric filter is invalid')`,
    body: { ...base, filters: [['is', 'visit:os_version', [123]]] },
    message: `Invalid filter '["is", "visit:os_version", [123]]'.`,
  },
  {
    name: `numbers mixed with strings for visit:city (${qpb}: 'numbers are valid for visit:city')`,
    body: { ...base, filters: [['is', 'visit:city', [2950159, 'Berlin']]] },
    message: `Invalid filter '["is", "visit:city", [2950159, "Berlin"]]'.`,
  },
  {
    name: 'a lower-case country code of two letters passes (api_query_parser.ex: String.length == 2)',
    body: { ...base, filters: [['is', 'visit:country', ['de']]] },
    check: (response) => expect(response.results).toHaveLength(1),
  },
  {
    name: `string segment ids (${qpb}: 'validation fails with string segment ids')`,
    body: { ...base, filters: [['is', 'segment', ['123']]] },
    message: `Invalid filter '["is", "segment", ["123"]]'.`,
  },
  {
    name: `a segment the site does not have (${qpb}: 'parsing fails when segment filter is used, but segment is from another site')`,
    body: { ...base, filters: [['is', 'segment', [123]]] },
    message: "Invalid filters. Some segments don't exist or aren't accessible.",
  },
  {
    name: `eleven segment ids (${qpb}: 'parsing fails when too many segments in query')`,
    body: { ...base, filters: [['and', Array.from({ length: 11 }, (_, id) => ['is', 'segment', [id + 1]])]] },
    message: 'Invalid filters. You can only use up to 10 segment filters in a query.',
  },
  {
    name: 'a segment filter naming no segment matches nothing (Segments.Filters.resolve_segments: an or of none)',
    body: { ...base, filters: [['is', 'segment', []]] },
    check: (response) => expect(response.results).toEqual([{ metrics: [0], dimensions: [] }]),
  },
  {
    name: 'an empty clause list is accepted and matches nothing (query-api-schema.json: clauses without minItems)',
    body: { ...base, filters: [['is', 'event:name', []]] },
    check: (response) => expect(response.results).toEqual([{ metrics: [0], dimensions: [] }]),
  },
  {
    name: `include that is not an object (${qpb}: 'setting invalid imports value')`,
    body: { ...base, include: 'foobar' },
    message: '#/include: Type mismatch. Expected Object but got String.',
  },
  {
    name: 'ordering by a time dimension not asked for (query_builder.ex: validate_order_by)',
    body: { ...base, order_by: [['time', 'asc']] },
    message: `Invalid order_by entry '{"time", :asc}'. Entry is not a queried metric or dimension.`,
  },
  {
    name: `the case modifier on matches (${qpb}: 'case_sensitive modifier is not valid for matches')`,
    body: { ...base, filters: [['matches', 'event:page', ['^/'], { case_sensitive: false }]] },
    message: '#/filters/0: Invalid filter ["matches", "event:page", ["^/"], %{"case_sensitive" => false}]',
  },
  {
    name: 'several schema errors: sorted by property, one per line (ex_json_schema Properties)',
    body: { ...base, metrics: ['visitorz'], dimensions: ['nope'], pagination: { limit: 1.5 } },
    message:
      '#/dimensions/0: Invalid dimension "nope"\n#/metrics/0: Invalid metric "visitorz"\n#/pagination/limit: Type mismatch. Expected Integer but got Number.',
  },
  {
    name: "an internal property without the custom properties feature (query_validations_test.exs: 'can break down by an internal prop key without access to the props feature')",
    modes: ['cloud'],
    before: ({ sandbox }) => sandbox.setPlan(plan, { customProps: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { customProps: true }),
    body: { ...base, site_id: plan, dimensions: ['event:props:path'] },
    check: (response) => expect(Array.isArray(response.results)).toBe(true),
  },
  {
    name: `a custom property inside not without the feature (${qpb}: custom props access 'filters - no access')`,
    modes: ['cloud'],
    before: ({ sandbox }) => sandbox.setPlan(plan, { customProps: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { customProps: true }),
    body: { ...base, site_id: plan, filters: [['not', ['is', 'event:props:plan', ['pro']]]] },
    message: 'The owner of this site does not have access to the custom properties feature.',
  },
]

function caseFor(row: RuleRow, mode: 'cloud' | 'ce'): ParityCase {
  const sandbox: SandboxName = mode
  const common = {
    name: `v2 rule (${mode}): ${row.name}`,
    group: mode === 'cloud' ? ('v2' as const) : ('ce' as const),
    sandbox,
    ...(row.before ? { before: row.before } : {}),
    ...(row.after ? { after: row.after } : {}),
    http: { method: 'POST' as const, path: '/api/v2/query', body: row.body },
    client: (client: Parameters<ParityCase['client']>[0]) => client.query(row.body as never),
  }
  if (row.message !== undefined) {
    const message = typeof row.message === 'string' ? row.message : row.message[mode]
    return {
      ...common,
      expectHttp: { status: 400, error: message },
      expectClient: { error: { code: 'QUERY_INVALID', message } },
    }
  }
  const check = row.check!
  return {
    ...common,
    expectHttp: { status: 200, check: (response) => check(response.json as V2Response) },
    expectClient: { check: (value) => check(value as V2Response) },
  }
}

export const queryRuleCases: ParityCase[] = rows.flatMap((row) =>
  (row.modes ?? (['cloud', 'ce'] as const)).map((mode) => caseFor(row, mode)),
)
