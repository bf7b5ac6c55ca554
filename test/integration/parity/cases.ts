// The table: one row per question, asked of the sandbox through the client and as raw HTTP (parity.test.ts).
import { expect } from 'vitest'
import { z } from 'zod'
import { createTransport } from '../../../src/core/api/transport'
import {
  aggregateQuery,
  and,
  breakdownQuery,
  contains,
  hasDone,
  is,
  not,
  or,
  timeseriesQuery,
} from '../../../src/shared/plausible/builders'
import { fillTimeSeries } from '../../../src/shared/plausible/time-series'
import type { V2Response } from '../../../src/shared/plausible/query'
import { raw, type ParityCase, type RawRequest, type RawResponse } from './harness'
import { texts } from './texts'

const v2 = (body: unknown): RawRequest => ({ method: 'POST', path: '/api/v2/query', body })
const shop = 'shop.example.com'
const plan = 'docs.example.net'

type Body = Record<string, unknown>
const json = (response: RawResponse) => response.json as Body
const v2Body = (response: RawResponse) => response.json as V2Response

function expectAggregateRow(response: V2Response, metricCount: number): void {
  expect(response.results).toHaveLength(1)
  expect(response.results[0]!.dimensions).toEqual([])
  expect(response.results[0]!.metrics).toHaveLength(metricCount)
  for (const value of response.results[0]!.metrics) expect(typeof value).toBe('number')
}

/** §4.7: every row has metrics and dimensions in request order; `query` echoes the normalised request. */
function expectV2Shape(response: V2Response, dimensionCount: number, metricCount: number): void {
  expect(Object.keys(response).sort()).toEqual(['meta', 'query', 'results'])
  for (const row of response.results) {
    expect(Object.keys(row).sort()).toEqual(['dimensions', 'metrics'])
    expect(row.dimensions).toHaveLength(dimensionCount)
    expect(row.metrics).toHaveLength(metricCount)
  }
}

const v2Invalid = (
  name: string,
  body: Body,
  message: string,
  group: ParityCase['group'] = 'v2',
): ParityCase => ({
  name,
  group,
  http: v2(body),
  expectHttp: { status: 400, error: message },
  client: (client) => client.query(body as never),
  expectClient: { error: { code: 'QUERY_INVALID', message } },
})

const base = { site_id: shop, metrics: ['visitors'], date_range: '7d' }

// ── Stats API v2 (§4) ─────────────────────────────────────────────────────────────────────────────
const v2Cases: ParityCase[] = [
  {
    name: 'v2 aggregate: every visit and event metric in one row without dimensions',
    group: 'v2',
    http: v2({
      ...base,
      metrics: [
        'visitors',
        'visits',
        'pageviews',
        'events',
        'views_per_visit',
        'bounce_rate',
        'visit_duration',
      ],
    }),
    expectHttp: {
      status: 200,
      check: (response) => {
        expectV2Shape(v2Body(response), 0, 7)
        expectAggregateRow(v2Body(response), 7)
        expect(v2Body(response).query.date_range).toEqual([
          '2026-11-16T00:00:00+01:00',
          '2026-11-22T23:59:59+01:00',
        ])
      },
    },
    client: (client) =>
      client.query(
        aggregateQuery(shop, {
          metrics: [
            'visitors',
            'visits',
            'pageviews',
            'events',
            'views_per_visit',
            'bounce_rate',
            'visit_duration',
          ],
          dateRange: '7d',
        }),
      ),
    expectClient: { check: (value) => expectAggregateRow(value as V2Response, 7) },
  },
  {
    name: 'v2 daily series: sparse rows, every day in meta.time_labels, filled by the client',
    group: 'v2',
    http: v2({ ...base, metrics: ['pageviews'], dimensions: ['time:day'], include: { time_labels: true } }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const body = v2Body(response)
        expect(body.meta.time_labels).toEqual([
          '2026-11-16',
          '2026-11-17',
          '2026-11-18',
          '2026-11-19',
          '2026-11-20',
          '2026-11-21',
          '2026-11-22',
        ])
        for (const row of body.results) expect(body.meta.time_labels).toContain(row.dimensions[0])
      },
    },
    client: async (client) =>
      fillTimeSeries(
        await client.query(
          timeseriesQuery(shop, { metrics: ['pageviews'], dateRange: '7d', interval: 'time:day' }),
        ),
      ),
    expectClient: {
      check: (value) => {
        const buckets = value as ReturnType<typeof fillTimeSeries>
        expect(buckets.map((bucket) => bucket.label)).toHaveLength(7)
        expect(buckets[0]!.label).toBe('2026-11-16')
      },
    },
  },
  {
    name: 'v2 hourly series for today: 24 labels in the site time zone, no offset',
    group: 'v2',
    http: v2({ ...base, date_range: 'day', dimensions: ['time:hour'], include: { time_labels: true } }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const labels = v2Body(response).meta.time_labels!
        expect(labels).toHaveLength(24)
        expect(labels[0]).toBe('2026-11-23 00:00:00')
        expect(labels[23]).toBe('2026-11-23 23:00:00')
      },
    },
    client: (client) =>
      client.query(timeseriesQuery(shop, { metrics: ['visitors'], dateRange: 'day', interval: 'time:hour' })),
    expectClient: {
      check: (value) => expect((value as V2Response).meta.time_labels).toHaveLength(24),
    },
  },
  {
    name: 'v2 monthly series for 6mo: six whole months before this one',
    group: 'v2',
    http: v2({ ...base, date_range: '6mo', dimensions: ['time:month'], include: { time_labels: true } }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect(v2Body(response).meta.time_labels).toEqual([
          '2026-05-01',
          '2026-06-01',
          '2026-07-01',
          '2026-08-01',
          '2026-09-01',
          '2026-10-01',
        ]),
    },
    client: (client) =>
      client.query(
        timeseriesQuery(shop, { metrics: ['visitors'], dateRange: '6mo', interval: 'time:month' }),
      ),
    expectClient: { check: (value) => expect((value as V2Response).meta.time_labels).toHaveLength(6) },
  },
  {
    name: 'v2 breakdown page: total_rows counts every row, pagination returns the slice',
    group: 'v2',
    http: v2({
      ...base,
      dimensions: ['visit:source'],
      include: { total_rows: true },
      pagination: { limit: 3, offset: 3 },
    }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const body = v2Body(response)
        expectV2Shape(body, 1, 1)
        expect(body.results).toHaveLength(3)
        expect(body.meta.total_rows).toBeGreaterThan(6)
        expect(body.query).toMatchObject({
          pagination: { limit: 3, offset: 3 },
          order_by: [['visitors', 'desc']],
        })
      },
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          dimensions: 'visit:source',
          limit: 3,
          page: 2,
        }),
      ),
    expectClient: {
      check: (value) => {
        const rows = (value as V2Response).results.map((row) => row.metrics[0] as number)
        expect(rows).toHaveLength(3)
        expect([...rows].sort((a, b) => b - a)).toEqual(rows)
      },
    },
  },
  {
    name: 'v2 order_by ascending on a metric',
    group: 'v2',
    http: v2({ ...base, dimensions: ['event:page'], order_by: [['visitors', 'asc']] }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const values = v2Body(response).results.map((row) => row.metrics[0] as number)
        expect([...values].sort((a, b) => a - b)).toEqual(values)
      },
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          dimensions: 'event:page',
          orderBy: [['visitors', 'asc']],
        }),
      ),
    expectClient: {
      check: (value) => {
        const values = (value as V2Response).results.map((row) => row.metrics[0] as number)
        expect([...values].sort((a, b) => a - b)).toEqual(values)
      },
    },
  },
  {
    name: 'v2 is filter on visit:country keeps only that country',
    group: 'v2',
    http: v2({ ...base, dimensions: ['visit:country'], filters: [['is', 'visit:country', ['DE']]] }),
    expectHttp: {
      status: 200,
      check: (response) => expect(v2Body(response).results.map((row) => row.dimensions[0])).toEqual(['DE']),
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          dimensions: 'visit:country',
          filters: [is('visit:country', 'DE')],
        }),
      ),
    expectClient: {
      check: (value) => expect((value as V2Response).results.map((row) => row.dimensions[0])).toEqual(['DE']),
    },
  },
  {
    name: 'v2 contains filter with case_sensitive false matches other casing',
    group: 'v2',
    http: v2({
      ...base,
      dimensions: ['event:page'],
      filters: [['contains', 'event:page', ['PRODUCTS'], { case_sensitive: false }]],
    }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const pages = v2Body(response).results.map((row) => String(row.dimensions[0]))
        expect(pages.length).toBeGreaterThan(0)
        for (const page of pages) expect(page.toLowerCase()).toContain('products')
      },
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          dimensions: 'event:page',
          filters: [contains('event:page', 'PRODUCTS', { caseSensitive: false })],
        }),
      ),
    expectClient: { check: (value) => expect((value as V2Response).results.length).toBeGreaterThan(0) },
  },
  {
    name: 'v2 or / not nesting',
    group: 'v2',
    http: v2({
      ...base,
      dimensions: ['visit:country'],
      filters: [
        [
          'and',
          [
            [
              'or',
              [
                ['is', 'visit:country', ['DE']],
                ['is', 'visit:country', ['FR']],
              ],
            ],
            ['not', ['is', 'visit:country', ['FR']]],
          ],
        ],
      ],
    }),
    expectHttp: {
      status: 200,
      check: (response) => expect(v2Body(response).results.map((row) => row.dimensions[0])).toEqual(['DE']),
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          dimensions: 'visit:country',
          filters: [
            and(or(is('visit:country', 'DE'), is('visit:country', 'FR')), not(is('visit:country', 'FR'))),
          ],
        }),
      ),
    expectClient: {
      check: (value) => expect((value as V2Response).results.map((row) => row.dimensions[0])).toEqual(['DE']),
    },
  },
  {
    name: 'v2 has_done: visitors who signed up',
    group: 'v2',
    http: v2({ ...base, filters: [['has_done', ['is', 'event:name', ['Signup']]]] }),
    expectHttp: { status: 200, check: (response) => expectAggregateRow(v2Body(response), 1) },
    client: (client) =>
      client.query(
        aggregateQuery(shop, {
          metrics: ['visitors'],
          dateRange: '7d',
          filters: [hasDone(is('event:name', 'Signup'))],
        }),
      ),
    expectClient: { check: (value) => expectAggregateRow(value as V2Response, 1) },
  },
  {
    name: 'v2 goal breakdown with conversion_rate',
    group: 'v2',
    http: v2({ ...base, metrics: ['visitors', 'conversion_rate'], dimensions: ['event:goal'] }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect(
          v2Body(response)
            .results.map((row) => row.dimensions[0])
            .sort(),
        ).toEqual(['Signup', 'Visit /pricing']),
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors', 'conversion_rate'],
          dateRange: '7d',
          dimensions: 'event:goal',
        }),
      ),
    expectClient: { check: (value) => expect((value as V2Response).results).toHaveLength(2) },
  },
  {
    name: 'v2 percentage per source: shares of all visitors, largest first',
    group: 'v2',
    http: v2({ ...base, metrics: ['visitors', 'percentage'], dimensions: ['visit:source'] }),
    expectHttp: {
      status: 200,
      check: (response) => {
        // A visitor who came from two sources counts in both, so the shares may add up to more than 100.
        const rows = v2Body(response).results
        for (const row of rows) {
          expect(row.metrics[1]).toBeGreaterThan(0)
          expect(row.metrics[1]).toBeLessThanOrEqual(100)
        }
        expect(rows[0]!.metrics[1]).toBe(Math.max(...rows.map((row) => row.metrics[1] as number)))
      },
    },
    client: (client) =>
      client.query(
        breakdownQuery(shop, {
          metrics: ['visitors', 'percentage'],
          dateRange: '7d',
          dimensions: 'visit:source',
        }),
      ),
    expectClient: { check: (value) => expect((value as V2Response).results.length).toBeGreaterThan(0) },
  },
  {
    name: 'v2 custom property dimension event:props:plan',
    group: 'v2',
    http: v2({ ...base, metrics: ['events'], dimensions: ['event:props:plan'] }),
    expectHttp: { status: 200, check: (response) => expectV2Shape(v2Body(response), 1, 1) },
    client: (client) =>
      client.query(
        breakdownQuery(shop, { metrics: ['events'], dateRange: '7d', dimensions: 'event:props:plan' }),
      ),
    expectClient: { check: (value) => expectV2Shape(value as V2Response, 1, 1) },
  },
  v2Invalid(
    'v2 unknown metric: JSON pointer text',
    { ...base, metrics: ['visitors', 'baa'] },
    '#/metrics/1: Invalid metric "baa"',
  ),
  v2Invalid(
    'v2 unknown dimension',
    { ...base, dimensions: ['badproperty'] },
    '#/dimensions/0: Invalid dimension "badproperty"',
  ),
  v2Invalid(
    'v2 internal-only date range realtime',
    { ...base, date_range: 'realtime' },
    '#/date_range: Invalid date range "realtime"',
  ),
  v2Invalid(
    'v2 unknown top-level key (relative date)',
    { ...base, date: '2026-11-01' },
    '#/date: Schema does not allow additional properties.',
  ),
  v2Invalid(
    'v2 include.comparisons is internal-only',
    { ...base, include: { comparisons: { mode: 'previous_period' } } },
    '#/include/comparisons: Schema does not allow additional properties.',
  ),
  v2Invalid(
    'v2 pagination limit above 10000',
    { ...base, pagination: { limit: 10001 } },
    '#/pagination/limit: Expected the value to be <= 10000',
  ),
  v2Invalid(
    'v2 duplicate metrics',
    { ...base, metrics: ['visitors', 'visitors'] },
    '#/metrics: Expected items to be unique but they were not.',
  ),
  v2Invalid(
    'v2 missing metrics',
    { site_id: shop, date_range: '7d' },
    '#: Required property metrics was not present.',
  ),
  v2Invalid(
    'v2 conversion_rate without a goal',
    { ...base, metrics: ['conversion_rate'] },
    'Metric `conversion_rate` can only be queried with event:goal filters or dimensions.',
  ),
  v2Invalid(
    'v2 session metric with an event dimension',
    { ...base, metrics: ['bounce_rate'], dimensions: ['event:name'] },
    'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:name`',
  ),
  v2Invalid(
    'v2 time_labels without a time dimension',
    { ...base, include: { time_labels: true } },
    'Invalid include.time_labels: requires a time dimension.',
  ),
  v2Invalid(
    'v2 filter on a goal the site does not have',
    { ...base, filters: [['is', 'event:goal', ['Nope']]] },
    'Invalid filters. The goal `Nope` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
  ),
  v2Invalid(
    'v2 visit:country needs 2-letter codes',
    { ...base, filters: [['is', 'visit:country', ['Germany']]] },
    'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
  ),
  v2Invalid(
    'v2 order_by names a metric that was not queried',
    { ...base, order_by: [['events', 'desc']] },
    "Invalid order_by entry '{:events, :desc}'. Entry is not a queried metric or dimension.",
  ),
  v2Invalid(
    'v2 datetimes without an offset',
    { ...base, date_range: ['2021-02-03T00:00:00', '2021-02-03T23:59:59'] },
    `Invalid date_range '["2021-02-03T00:00:00", "2021-02-03T23:59:59"]'.`,
  ),
  {
    name: 'v2 body without a JSON content type is not read: missing site ID',
    group: 'v2',
    http: { method: 'POST', path: '/api/v2/query', body: JSON.stringify(base), contentType: 'text/plain' },
    expectHttp: { status: 400, error: texts.missingSiteId },
    client: (client) => client.query({ metrics: ['visitors'], date_range: '7d' } as never),
    expectClient: { error: { code: 'QUERY_INVALID', message: texts.missingSiteId } },
  },
  {
    name: 'v2 custom props on a plan without them: 400 in v2 (402 in v1)',
    group: 'v2',
    before: ({ sandbox }) => sandbox.setPlan(plan, { customProps: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { customProps: true }),
    http: v2({ ...base, site_id: plan, dimensions: ['event:props:plan'] }),
    expectHttp: {
      status: 400,
      check: (response) =>
        expect(json(response).error).toMatch(
          /^The owner of this site does not have access to the custom properties feature\.?$/,
        ),
    },
    client: (client) =>
      client.query(
        breakdownQuery(plan, { metrics: ['visitors'], dateRange: '7d', dimensions: 'event:props:plan' }),
      ),
    expectClient: { error: { code: 'QUERY_INVALID', message: /custom properties feature/ } },
  },
]

// ── Auth, plans and the hourly limit (§2, §3) ─────────────────────────────────────────────────────
const authCases: ParityCase[] = [
  {
    name: 'no Authorization header',
    group: 'auth',
    key: 'none',
    http: v2(base),
    expectHttp: { status: 401, error: texts.missingKey },
    client: (_client, { sandbox }) =>
      createTransport({ baseUrl: sandbox.baseUrl }).json(
        { method: 'POST', path: '/api/v2/query', body: base, surface: 'stats-v2', isAuthenticated: false },
        z.unknown(),
        'x',
      ),
    expectClient: { error: { code: 'AUTH_MISSING', serverMessage: texts.missingKey } },
  },
  {
    name: 'lowercase "bearer" is not a bearer token',
    group: 'auth',
    key: 'lowercase-bearer',
    http: v2(base),
    expectHttp: { status: 401, error: texts.missingKey },
    client: (_client, { sandbox }) =>
      createTransport({ baseUrl: sandbox.baseUrl }).json(
        {
          method: 'POST',
          path: '/api/v2/query',
          body: base,
          surface: 'stats-v2',
          isAuthenticated: false,
          headers: { authorization: `bearer ${sandbox.apiKey}` },
        },
        z.unknown(),
        'x',
      ),
    expectClient: { error: { code: 'AUTH_MISSING' } },
  },
  {
    name: 'wrong key on the Stats API: where to check it',
    group: 'auth',
    key: 'bad',
    http: v2(base),
    expectHttp: { status: 401, error: texts.invalidKeyOrSite },
    client: (client) => client.query(aggregateQuery(shop, { metrics: ['visitors'], dateRange: '7d' })),
    expectClient: {
      error: {
        code: 'AUTH_INVALID',
        message: `The server refused the request for ${shop}: either the API key is refused, or this key cannot see site ${shop} (Plausible answers both with 401). Server said: ${texts.invalidKeyOrSite}`,
        hint: /Settings → API Keys/,
      },
    },
  },
  {
    name: 'unknown site answers like a wrong key',
    group: 'auth',
    http: { method: 'GET', path: '/api/v1/stats/realtime/visitors', query: { site_id: 'nope.example' } },
    expectHttp: { status: 401, error: texts.invalidKeyOrSite },
    client: (client) => client.realtimeVisitors('nope.example'),
    expectClient: { error: { code: 'AUTH_INVALID', serverMessage: texts.invalidKeyOrSite } },
  },
  {
    name: 'wrong key on the Sites API',
    group: 'auth',
    key: 'bad',
    http: { method: 'GET', path: '/api/v1/sites' },
    expectHttp: { status: 401, error: texts.invalidKeySites },
    client: (client) => client.sites.list(),
    expectClient: { error: { code: 'AUTH_INVALID', serverMessage: texts.invalidKeySites } },
  },
  {
    name: '402 plan without the Stats API: names the Business plan',
    group: 'auth',
    before: ({ sandbox }) => sandbox.setPlan(plan, { statsApi: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { statsApi: true }),
    http: v2({ ...base, site_id: plan }),
    expectHttp: { status: 402, error: texts.noStatsApi },
    client: (client) => client.query(aggregateQuery(plan, { metrics: ['visitors'], dateRange: '7d' })),
    expectClient: {
      error: { code: 'PLAN_REQUIRED', serverMessage: texts.noStatsApi, hint: /Business plan/ },
    },
  },
  {
    name: '402 locked site',
    group: 'auth',
    before: ({ sandbox }) => sandbox.setPlan(plan, { locked: true }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { locked: false }),
    http: { method: 'GET', path: '/api/v1/stats/realtime/visitors', query: { site_id: plan } },
    expectHttp: { status: 402, error: texts.locked },
    client: (client) => client.realtimeVisitors(plan),
    expectClient: { error: { code: 'PLAN_REQUIRED', message: /^This site is locked/ } },
  },
  {
    name: '429 after the hourly limit: the text, and the reset at the next UTC hour',
    group: 'auth',
    sandbox: 'tiny',
    // Spend the tiny sandbox's three requests first; the refused ones count too (§3).
    before: async ({ sandbox }) => {
      for (let i = 0; i < 3; i++)
        await raw(sandbox, 'demo', {
          method: 'GET',
          path: '/api/v1/stats/realtime/visitors',
          query: { site_id: shop },
        })
    },
    http: { method: 'GET', path: '/api/v1/stats/realtime/visitors', query: { site_id: shop } },
    expectHttp: {
      status: 429,
      error: texts.rateLimited(3),
      headers: { 'retry-after': null, 'x-ratelimit-limit': null },
    },
    client: (client) => client.realtimeVisitors(shop),
    expectClient: {
      error: {
        code: 'RATE_LIMITED',
        serverMessage: texts.rateLimited(3),
        hint: "Wait until 15:00 UTC (2026-11-23T15:00:00.000Z), the top of the next hour, when the server's counter resets.",
      },
    },
  },
  {
    name: 'unknown route: the JSON 404 fallback',
    group: 'auth',
    http: { method: 'GET', path: '/api/v1/events' },
    expectHttp: { status: 404, body: { status: 404, message: 'Not Found' } },
    client: (_client, { sandbox }) =>
      createTransport({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey }).json(
        { method: 'GET', path: '/api/v1/events', surface: 'events' },
        z.unknown(),
        'x',
      ),
    expectClient: { error: { code: 'NOT_SUPPORTED' } },
  },
]

// ── Stats API v1 (§5) ─────────────────────────────────────────────────────────────────────────────
const v1 = (endpoint: string, query: Record<string, string | number>): RawRequest => ({
  method: 'GET',
  path: `/api/v1/stats/${endpoint}`,
  query: { site_id: shop, ...query },
})

const v1Invalid = (
  name: string,
  endpoint: string,
  query: Record<string, string | number>,
  message: string,
): ParityCase => ({
  name,
  group: 'v1',
  http: v1(endpoint, query),
  expectHttp: { status: 400, error: message },
  client: (client) => {
    const { metrics, ...rest } = query
    const params = {
      siteId: shop,
      ...rest,
      ...(metrics !== undefined ? { metrics: String(metrics).split(',') } : {}),
    } as never
    return endpoint === 'aggregate'
      ? client.v1.aggregate(params)
      : endpoint === 'timeseries'
        ? client.v1.timeseries(params)
        : client.v1.breakdown(params)
  },
  expectClient: { error: { code: 'QUERY_INVALID', message } },
})

const v1Cases: ParityCase[] = [
  {
    name: 'v1 aggregate: {results: {metric: {value}}}',
    group: 'v1',
    http: v1('aggregate', { period: '7d', metrics: 'visitors,pageviews,bounce_rate,visit_duration' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const results = json(response).results as Record<string, Record<string, unknown>>
        expect(Object.keys(results)).toEqual(['visitors', 'pageviews', 'bounce_rate', 'visit_duration'])
        for (const metric of Object.values(results)) expect(Object.keys(metric)).toEqual(['value'])
      },
    },
    client: (client) =>
      client.v1.aggregate({
        siteId: shop,
        period: '7d',
        metrics: ['visitors', 'pageviews', 'bounce_rate', 'visit_duration'],
      }),
    expectClient: {
      check: (value) => expect(Object.keys((value as { results: object }).results)).toHaveLength(4),
    },
  },
  {
    name: 'v1 aggregate with compare=previous_period: value, comparison_value, change',
    group: 'v1',
    http: v1('aggregate', { period: '7d', metrics: 'visitors,pageviews', compare: 'previous_period' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const visitors = (json(response).results as Record<string, Record<string, number>>).visitors!
        expect(Object.keys(visitors).sort()).toEqual(['change', 'comparison_value', 'value'])
        const expected = Math.round(
          ((visitors.value! - visitors.comparison_value!) / visitors.comparison_value!) * 100,
        )
        expect(visitors.change).toBe(expected)
      },
    },
    client: (client) =>
      client.v1.aggregate({
        siteId: shop,
        period: '7d',
        metrics: ['visitors', 'pageviews'],
        compare: 'previous_period',
      }),
    expectClient: {
      check: (value) =>
        expect((value as { results: { visitors: object } }).results.visitors).toHaveProperty(
          'comparison_value',
        ),
    },
  },
  {
    name: 'v1 timeseries: zero-filled days',
    group: 'v1',
    http: v1('timeseries', { period: 'custom', date: '2026-11-16,2026-11-22' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const rows = json(response).results as Array<Record<string, unknown>>
        expect(rows.map((row) => row.date)).toEqual([
          '2026-11-16',
          '2026-11-17',
          '2026-11-18',
          '2026-11-19',
          '2026-11-20',
          '2026-11-21',
          '2026-11-22',
        ])
        for (const row of rows) expect(Object.keys(row)).toEqual(['date', 'visitors'])
      },
    },
    client: (client) =>
      client.v1.timeseries({ siteId: shop, period: 'custom', date: '2026-11-16,2026-11-22' }),
    expectClient: { check: (value) => expect((value as { results: unknown[] }).results).toHaveLength(7) },
  },
  {
    name: 'v1 timeseries for one day: 24 hourly buckets, future hours zero',
    group: 'v1',
    http: v1('timeseries', { period: 'day', date: '2026-11-23', metrics: 'visitors,visit_duration' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const rows = json(response).results as Array<Record<string, unknown>>
        expect(rows).toHaveLength(24)
        expect(rows[0]!.date).toBe('2026-11-23 00:00:00')
        // 23:00 Berlin has not happened yet at 15:30: an empty bucket, zero visitors and no duration.
        expect(rows[23]).toEqual({ date: '2026-11-23 23:00:00', visitors: 0, visit_duration: null })
      },
    },
    client: (client) =>
      client.v1.timeseries({
        siteId: shop,
        period: 'day',
        date: '2026-11-23',
        metrics: ['visitors', 'visit_duration'],
      }),
    expectClient: { check: (value) => expect((value as { results: unknown[] }).results).toHaveLength(24) },
  },
  {
    name: 'v1 timeseries 6mo: monthly, including the current month',
    group: 'v1',
    http: v1('timeseries', { period: '6mo', date: '2026-11-23' }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect((json(response).results as Array<{ date: string }>).map((row) => row.date)).toEqual([
          '2026-06-01',
          '2026-07-01',
          '2026-08-01',
          '2026-09-01',
          '2026-10-01',
          '2026-11-01',
        ]),
    },
    client: (client) => client.v1.timeseries({ siteId: shop, period: '6mo', date: '2026-11-23' }),
    expectClient: { check: (value) => expect((value as { results: unknown[] }).results).toHaveLength(6) },
  },
  {
    name: 'v1 breakdown page 2 by source: rows keyed "source"',
    group: 'v1',
    http: v1('breakdown', { period: '7d', property: 'visit:source', limit: 3, page: 2 }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const rows = json(response).results as Array<Record<string, unknown>>
        expect(rows).toHaveLength(3)
        for (const row of rows) expect(Object.keys(row)).toEqual(['source', 'visitors'])
      },
    },
    client: (client) =>
      client.v1.breakdown({ siteId: shop, period: '7d', property: 'visit:source', limit: 3, page: 2 }),
    expectClient: { check: (value) => expect((value as { results: unknown[] }).results).toHaveLength(3) },
  },
  {
    name: 'v1 breakdown by a custom property: rows keyed by the property name',
    group: 'v1',
    http: v1('breakdown', { period: '30d', property: 'event:props:plan', metrics: 'visitors' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        for (const row of json(response).results as Array<Record<string, unknown>>)
          expect(row).toHaveProperty('plan')
      },
    },
    client: (client) => client.v1.breakdown({ siteId: shop, period: '30d', property: 'event:props:plan' }),
    expectClient: {
      check: (value) => expect(Array.isArray((value as { results: unknown[] }).results)).toBe(true),
    },
  },
  {
    name: 'v1 filters: visit:country==DE|FR with an escaped pipe elsewhere',
    group: 'v1',
    http: v1('breakdown', { period: '7d', property: 'visit:country', filters: 'visit:country==DE|FR' }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect(
          (json(response).results as Array<{ country: string }>).map((row) => row.country).sort(),
        ).toEqual(['DE', 'FR']),
    },
    client: (client) =>
      client.v1.breakdown({
        siteId: shop,
        period: '7d',
        property: 'visit:country',
        filters: 'visit:country==DE|FR',
      }),
    expectClient: { check: (value) => expect((value as { results: unknown[] }).results).toHaveLength(2) },
  },
  {
    name: 'v1 realtime visitors: a bare integer',
    group: 'v1',
    http: { method: 'GET', path: '/api/v1/stats/realtime/visitors', query: { site_id: shop } },
    expectHttp: { status: 200, check: (response) => expect(Number.isInteger(response.json)).toBe(true) },
    client: (client) => client.v1.realtimeVisitors(shop),
    expectClient: { check: (value) => expect(Number.isInteger(value)).toBe(true) },
  },
  v1Invalid('v1 invalid period', 'aggregate', { period: 'fortnight' }, texts.v1.invalidPeriod('fortnight')),
  v1Invalid('v1 custom period without date', 'aggregate', { period: 'custom' }, texts.v1.customWithoutDate),
  v1Invalid(
    'v1 invalid interval',
    'timeseries',
    { period: '7d', interval: 'week' },
    texts.v1.invalidInterval('week'),
  ),
  v1Invalid(
    'v1 unknown metric',
    'aggregate',
    { period: '7d', metrics: 'scroll_depth' },
    texts.v1.unknownMetric('scroll_depth'),
  ),
  v1Invalid(
    'v1 duplicate metrics',
    'aggregate',
    { period: '7d', metrics: 'visitors,visitors' },
    texts.v1.duplicateMetrics,
  ),
  v1Invalid('v1 breakdown without property', 'breakdown', { period: '7d' }, texts.v1.missingProperty),
  v1Invalid(
    'v1 breakdown by event:hostname',
    'breakdown',
    { period: '7d', property: 'event:hostname' },
    texts.v1.invalidProperty('event:hostname'),
  ),
  v1Invalid(
    'v1 breakdown limit above 1000',
    'breakdown',
    { period: '7d', property: 'visit:source', limit: 1001 },
    texts.v1.badLimit,
  ),
  v1Invalid(
    'v1 breakdown page 0',
    'breakdown',
    { period: '7d', property: 'visit:source', page: 0 },
    texts.v1.badPage,
  ),
  {
    name: 'v1 custom props on a plan without them: 402',
    group: 'v1',
    before: ({ sandbox }) => sandbox.setPlan(plan, { customProps: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { customProps: true }),
    http: {
      method: 'GET',
      path: '/api/v1/stats/breakdown',
      query: { site_id: plan, period: '7d', property: 'event:props:plan' },
    },
    expectHttp: {
      status: 402,
      check: (response) =>
        expect(json(response).error).toMatch(
          /^The owner of this site does not have access to the custom properties feature\.?$/,
        ),
    },
    client: (client) => client.v1.breakdown({ siteId: plan, period: '7d', property: 'event:props:plan' }),
    expectClient: {
      error: { code: 'PLAN_REQUIRED', message: /^This site's plan does not include custom properties\./ },
    },
  },
]

export const statsCases = [...v2Cases, ...authCases, ...v1Cases]
