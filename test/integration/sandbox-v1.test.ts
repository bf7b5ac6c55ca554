// Stats API v1 over real HTTP: the same numbers as v2 for the same question, zero fill, breakdown keys, texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'

// Midday UTC: the v1 default date (today in UTC) is the site's local date too (§5 caveat).
const now = Date.parse('2026-11-23T14:30:00Z')
let sandbox: RunningSandbox
const shop = 'shop.example.com'
const blog = 'blog.example.org'

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => now, hourlyLimit: 10_000 })
})
afterAll(() => sandbox.close())

// Test-only reads of loosely shaped JSON: each assertion states the shape it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

async function get(
  path: string,
  key: string | null = sandbox.apiKey,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  })
  return { status: response.status, body: await response.json() }
}

async function v2(
  body: Record<string, unknown>,
): Promise<Array<{ metrics: number[]; dimensions: string[] }>> {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { results: Array<{ metrics: number[]; dimensions: string[] }> }).results
}

const sessionMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'events',
  'bounce_rate',
  'visit_duration',
  'views_per_visit',
]

describe('v1 and v2 agree on the seeded data', () => {
  it('gives the same aggregate for period=30d and date_range "30d"', async () => {
    for (const site of [shop, blog]) {
      const v1 = await get(
        `/api/v1/stats/aggregate?site_id=${site}&period=30d&metrics=${sessionMetrics.join(',')}`,
      )
      const [row] = await v2({ site_id: site, metrics: sessionMetrics, date_range: '30d' })
      expect(v1.status).toBe(200)
      expect(sessionMetrics.map((metric) => v1.body.results[metric].value)).toEqual(row!.metrics)
      expect(row!.metrics[0]).toBeGreaterThan(1000)
    }
  })

  it('gives the v2 time:day rows as timeseries days, with zero fill around them', async () => {
    const v1 = await get(`/api/v1/stats/timeseries?site_id=${shop}&period=7d&metrics=visitors,pageviews`)
    const rows = await v2({
      site_id: shop,
      metrics: ['visitors', 'pageviews'],
      date_range: '7d',
      dimensions: ['time:day'],
    })
    expect(v1.body.results).toEqual(
      rows.map((row) => ({ date: row.dimensions[0], visitors: row.metrics[0], pageviews: row.metrics[1] })),
    )
    expect(v1.body.results.map((row: { date: string }) => row.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ])
  })

  it('includes the current month in 6mo where v2 stops at the month before', async () => {
    const v1 = await get(`/api/v1/stats/timeseries?site_id=${shop}&period=6mo`)
    expect(v1.body.results.map((row: { date: string }) => row.date)).toEqual([
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
    ])
    const v1Custom = await get(
      `/api/v1/stats/aggregate?site_id=${shop}&period=custom&date=2026-05-01,2026-10-31`,
    )
    const [v2Row] = await v2({ site_id: shop, metrics: ['visitors'], date_range: '6mo' })
    expect(v1Custom.body.results.visitors.value).toBe(v2Row!.metrics[0])
  })

  it('gives the same breakdown as a v2 dimension, keyed by the bare property name', async () => {
    const v1 = await get(
      `/api/v1/stats/breakdown?site_id=${shop}&property=visit:source&metrics=visitors,visits&limit=3`,
    )
    const rows = await v2({
      site_id: shop,
      metrics: ['visitors', 'visits'],
      date_range: '30d',
      dimensions: ['visit:source'],
      pagination: { limit: 3 },
    })
    expect(v1.body.results).toEqual(
      rows.map((row) => ({ source: row.dimensions[0], visitors: row.metrics[0], visits: row.metrics[1] })),
    )
  })

  it('answers a v1 filter like the matching v2 filter', async () => {
    const v1 = await get(
      `/api/v1/stats/aggregate?site_id=${shop}&metrics=visitors&filters=${encodeURIComponent('visit:country==DE|FR;event:page==/products*')}`,
    )
    const [row] = await v2({
      site_id: shop,
      metrics: ['visitors'],
      date_range: '30d',
      filters: [
        ['is', 'visit:country', ['DE', 'FR']],
        ['matches', 'event:page', ['^/products.*$']],
      ],
    })
    expect(v1.body.results.visitors.value).toBe(row!.metrics[0])
  })
})

describe('v1 endpoints', () => {
  it('compares with the previous period', async () => {
    const current = await get(`/api/v1/stats/aggregate?site_id=${shop}&period=7d&metrics=visitors`)
    const previous = await get(
      `/api/v1/stats/aggregate?site_id=${shop}&period=7d&date=2026-11-16&metrics=visitors`,
    )
    const compared = await get(
      `/api/v1/stats/aggregate?site_id=${shop}&period=7d&metrics=visitors&compare=previous_period`,
    )
    const value = current.body.results.visitors.value as number
    const comparison = previous.body.results.visitors.value as number
    expect(compared.body.results.visitors).toEqual({
      value,
      comparison_value: comparison,
      change: Math.round(((value - comparison) / comparison) * 100),
    })
  })

  it('gives period=day 24 hourly buckets and carries the browser on version rows', async () => {
    const day = await get(
      `/api/v1/stats/timeseries?site_id=${shop}&period=day&metrics=visitors,visit_duration`,
    )
    expect(day.body.results).toHaveLength(24)
    expect(day.body.results[0].date).toBe('2026-11-23 00:00:00')
    // Local time is 15:30: the hours from 16:00 on are still empty.
    expect(day.body.results[20]).toEqual({ date: '2026-11-23 20:00:00', visitors: 0, visit_duration: null })
    const versions = await get(
      `/api/v1/stats/breakdown?site_id=${shop}&property=visit:browser_version&limit=1`,
    )
    expect(Object.keys(versions.body.results[0])).toEqual(['browser', 'browser_version', 'visitors'])
  })

  it('pages breakdowns with limit and page', async () => {
    const all = await get(`/api/v1/stats/breakdown?site_id=${shop}&property=event:page&limit=4`)
    const second = await get(`/api/v1/stats/breakdown?site_id=${shop}&property=event:page&limit=2&page=2`)
    expect(second.body.results).toEqual(all.body.results.slice(2, 4))
  })

  it('answers the v1 error texts', async () => {
    expect(await get(`/api/v1/stats/aggregate?site_id=${shop}&period=week`)).toEqual({
      status: 400,
      body: {
        error:
          'Error parsing `period` parameter: invalid period `week`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods',
      },
    })
    expect(await get(`/api/v1/stats/aggregate?site_id=${shop}&metrics=visitors,visitors`)).toEqual({
      status: 400,
      body: { error: 'Metrics cannot be queried multiple times.' },
    })
    expect(await get(`/api/v1/stats/breakdown?site_id=${shop}`)).toEqual({
      status: 400,
      body: {
        error:
          'The `property` parameter is required. Please provide at least one property to show a breakdown by.',
      },
    })
    expect(
      await get(`/api/v1/stats/breakdown?site_id=${shop}&property=event:name&metrics=bounce_rate`),
    ).toEqual({
      status: 400,
      body: { error: 'Session metric `bounce_rate` cannot be queried for breakdown by `event:name`.' },
    })
    expect(await get('/api/v1/stats/aggregate')).toEqual({
      status: 400,
      body: { error: 'Missing site ID. Please provide the required site_id parameter with your request.' },
    })
    expect((await get(`/api/v1/stats/aggregate?site_id=${shop}`, null)).status).toBe(401)
  })
})
