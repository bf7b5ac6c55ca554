// Done-when: v1 and v2 give the same numbers for the same question on the seeded data — asked through the
// client's neutral form, once over v2 and once forced through v1, and once through a server whose v2 route is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlausibleClient, type PlausibleClient } from '../../../src/core/api/client'
import { startSandbox, type RunningSandbox } from '../../../src/core/sandbox'
import { contains, is, isNot } from '../../../src/shared/plausible/builders'
import type { StatsAnswer, StatsQuestion } from '../../../src/shared/plausible/question'
import { now } from './harness'

let sandbox: RunningSandbox
let v2: PlausibleClient
let v1: PlausibleClient
const v1Requests: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => now, hourlyLimit: 100_000 })
  const options = { baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey, now: () => now }
  v2 = createPlausibleClient(options)
  v1 = createPlausibleClient({
    ...options,
    knownCapabilities: { statsV2: false },
    onResponse: ({ path }) => v1Requests.push(path),
  })
})
afterAll(() => sandbox?.close())

const withoutApi = (answer: StatsAnswer) => ({ ...answer, api: undefined })

async function sameBothWays(question: StatsQuestion): Promise<StatsAnswer> {
  const [fromV2, fromV1] = await Promise.all([v2.ask(question), v1.ask(question)])
  expect(fromV2.api).toBe('v2')
  expect(fromV1.api).toBe('v1')
  expect(withoutApi(fromV1)).toEqual(withoutApi(fromV2))
  return fromV2
}

const site = () => sandbox.sites[0]!
const ask = (question: Omit<StatsQuestion, 'siteId' | 'timezone'> & Partial<StatsQuestion>) =>
  sameBothWays({ siteId: site().domain, timezone: site().timezone, ...question } as StatsQuestion)

describe('v1 and v2 agree on the seeded data', () => {
  const metrics = [
    'visitors',
    'visits',
    'pageviews',
    'events',
    'views_per_visit',
    'bounce_rate',
    'visit_duration',
  ] as const

  for (const dateRange of ['day', '7d', '28d', '30d', 'month', '6mo', '12mo', 'year'] as const) {
    it(`aggregate of every v1 metric over ${dateRange}`, async () => {
      const answer = await ask({ kind: 'aggregate', metrics: [...metrics], dateRange })
      if (answer.kind === 'aggregate') expect(answer.metrics.visitors).toBeGreaterThan(0)
    })
  }

  it('aggregate over a custom date range with filters (is, is_not, contains)', async () => {
    await ask({
      kind: 'aggregate',
      metrics: ['visitors', 'pageviews', 'bounce_rate'],
      dateRange: ['2026-10-01', '2026-10-31'],
      filters: [
        is('visit:country', ['DE', 'FR']),
        isNot('visit:device', 'Mobile'),
        contains('event:page', '/products'),
      ],
    })
  })

  it('goal conversions: visitors and conversion_rate filtered by a goal', async () => {
    await ask({
      kind: 'aggregate',
      metrics: ['visitors', 'conversion_rate'],
      dateRange: '30d',
      filters: [is('event:goal', 'Signup')],
    })
  })

  it('daily series over 30 days, zero-filled the same way', async () => {
    const answer = await ask({
      kind: 'timeseries',
      metrics: ['visitors', 'pageviews', 'visit_duration'],
      dateRange: '30d',
      interval: 'day',
    })
    if (answer.kind === 'timeseries') expect(answer.points).toHaveLength(30)
  })

  it('hourly series for today, including the hours still to come', async () => {
    const answer = await ask({
      kind: 'timeseries',
      metrics: ['visitors', 'bounce_rate'],
      dateRange: 'day',
      interval: 'hour',
    })
    if (answer.kind === 'timeseries') {
      expect(answer.points).toHaveLength(24)
      expect(answer.points[23]!.metrics.visitors).toBe(0)
    }
  })

  it('monthly series over 6mo (v1 is sent custom dates: its own 6mo would include this month)', async () => {
    const answer = await ask({
      kind: 'timeseries',
      metrics: ['visitors'],
      dateRange: '6mo',
      interval: 'month',
    })
    if (answer.kind === 'timeseries') expect(answer.points.map((point) => point.label)[0]).toBe('2026-05-01')
  })

  it('breakdowns by source, page, country and goal', async () => {
    for (const dimension of ['visit:source', 'event:page', 'visit:country', 'event:goal'] as const) {
      const answer = await ask({ kind: 'breakdown', metrics: ['visitors'], dateRange: '30d', dimension })
      if (answer.kind === 'breakdown') expect(answer.rows.length).toBeGreaterThan(0)
    }
  })

  it('breakdown pages line up: limit and page vs offset', async () => {
    const first = await ask({
      kind: 'breakdown',
      metrics: ['visitors', 'pageviews'],
      dateRange: '30d',
      dimension: 'event:page',
      limit: 4,
      page: 1,
    })
    const second = await ask({
      kind: 'breakdown',
      metrics: ['visitors', 'pageviews'],
      dateRange: '30d',
      dimension: 'event:page',
      limit: 4,
      page: 2,
    })
    if (first.kind === 'breakdown' && second.kind === 'breakdown') {
      expect(first.rows).toHaveLength(4)
      expect(second.rows.map((row) => row.value)).not.toContain(first.rows[0]!.value)
    }
  })

  it('every site, in its own time zone', async () => {
    for (const { domain, timezone } of sandbox.sites)
      await sameBothWays({
        kind: 'aggregate',
        siteId: domain,
        timezone,
        metrics: ['visitors', 'pageviews'],
        dateRange: '7d',
      })
  })

  it('the v1 client really asked v1', () => {
    expect(v1Requests.length).toBeGreaterThan(0)
    expect(v1Requests.every((path) => path.startsWith('/api/v1/stats/'))).toBe(true)
  })
})

describe('fallback against a server without v2', () => {
  it('a v2 404 marks the server v1-only and the same question is answered through v1', async () => {
    const paths: string[] = []
    // The sandbox with its v2 route taken away, as an old self-hosted server would answer.
    const oldServer: typeof fetch = async (input, init) => {
      const url = new URL(String(input))
      paths.push(url.pathname)
      if (url.pathname === '/api/v2/query')
        return new Response(JSON.stringify({ status: 404, message: 'Not Found' }), { status: 404 })
      return fetch(input, init)
    }
    const old = createPlausibleClient({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      now: () => now,
      fetch: oldServer,
    })
    const question: StatsQuestion = {
      kind: 'aggregate',
      siteId: site().domain,
      timezone: site().timezone,
      metrics: ['visitors'],
      dateRange: '7d',
    }
    const answer = await old.ask(question)
    expect(answer.api).toBe('v1')
    expect(withoutApi(answer)).toEqual(withoutApi(await v2.ask(question)))
    await old.ask(question)
    expect(paths).toEqual(['/api/v2/query', '/api/v1/stats/aggregate', '/api/v1/stats/aggregate'])
    expect(old.known.statsV2).toBe(false)
  })

  it('a question v1 cannot express fails plainly instead of returning other numbers', async () => {
    await expect(
      v1.ask({ kind: 'aggregate', siteId: site().domain, metrics: ['scroll_depth'], dateRange: '7d' }),
    ).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'The metric scroll_depth exists only in Stats API v2.',
    })
  })
})
