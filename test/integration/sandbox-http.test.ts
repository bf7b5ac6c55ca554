// The sandbox over real loopback HTTP: auth and rate-limit texts, the v2 query, realtime and sites, with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'

const start = Date.parse('2026-11-23T14:30:00Z')
let now = start
let sandbox: RunningSandbox

const shop = 'shop.example.com'
const blog = 'blog.example.org'
const messages = {
  missingKey: 'Missing API key. Please use a valid Plausible API key as a Bearer Token.',
  invalid:
    "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
  missingSite: 'Missing site ID. Please provide the required site_id parameter with your request.',
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => now })
})
afterAll(() => sandbox.close())

interface Answer {
  status: number
  body: unknown
  headers: Headers
}

async function call(
  target: RunningSandbox,
  path: string,
  init: RequestInit & { key?: string | null } = {},
): Promise<Answer> {
  const headers = new Headers(init.headers)
  const key = init.key === undefined ? target.apiKey : init.key
  if (key !== null) headers.set('authorization', `Bearer ${key}`)
  const response = await fetch(`${target.baseUrl}${path}`, { ...init, headers })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers }
}

const query = (body: unknown, target = sandbox, key?: string | null) =>
  call(target, '/api/v2/query', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    key,
  })

type Rows = Array<{ metrics: number[]; dimensions: Array<string | number> }>
const rowsOf = (answer: Answer) => (answer.body as { results: Rows }).results

describe('sandbox HTTP: routes', () => {
  it('answers health checks and 404s unknown routes with the JSON fallback', async () => {
    expect((await call(sandbox, '/api/health', { key: null })).status).toBe(200)
    expect(await call(sandbox, '/api/v1/events', { key: null })).toMatchObject({
      status: 404,
      body: { status: 404, message: 'Not Found' },
    })
    expect((await call(sandbox, '/api/v2/query')).status).toBe(404)
  })

  it('lists the seeded sites with cursor meta', async () => {
    expect(await call(sandbox, '/api/v1/sites')).toMatchObject({
      status: 200,
      body: {
        sites: [
          { domain: shop, timezone: 'Europe/Berlin' },
          { domain: blog, timezone: 'America/New_York' },
          { domain: 'docs.example.net', timezone: 'Etc/UTC' },
        ],
        meta: { after: null, before: null, limit: 100 },
      },
    })
    const first = (await call(sandbox, '/api/v1/sites?limit=2')).body as {
      sites: unknown[]
      meta: { after: string }
    }
    expect(first.sites).toHaveLength(2)
    const second = (await call(sandbox, `/api/v1/sites?limit=2&after=${first.meta.after}`)).body as {
      sites: Array<{ domain: string }>
      meta: unknown
    }
    expect(second.sites.map((site) => site.domain)).toEqual(['docs.example.net'])
  })
})

describe('sandbox HTTP: authentication (§2)', () => {
  const realtime = (site: string | null, key?: string | null) =>
    call(sandbox, `/api/v1/stats/realtime/visitors${site === null ? '' : `?site_id=${site}`}`, { key })

  it('refuses a missing or non-Bearer Authorization header with "Missing API key"', async () => {
    expect(await realtime(shop, null)).toMatchObject({ status: 401, body: { error: messages.missingKey } })
    const lowercase = await fetch(`${sandbox.baseUrl}/api/v1/stats/realtime/visitors?site_id=${shop}`, {
      headers: { authorization: `bearer ${sandbox.apiKey}` },
    })
    expect([lowercase.status, await lowercase.json()]).toEqual([401, { error: messages.missingKey }])
  })

  it('refuses an unknown key and an unknown site with the same "Invalid API key or site ID" text', async () => {
    expect(await realtime(shop, 'not-a-key')).toMatchObject({
      status: 401,
      body: { error: messages.invalid },
    })
    expect(await realtime('nope.example')).toMatchObject({ status: 401, body: { error: messages.invalid } })
  })

  it('asks for site_id when it is missing, including a v2 body sent without a JSON content type', async () => {
    expect(await realtime(null)).toMatchObject({ status: 400, body: { error: messages.missingSite } })
    const plain = await call(sandbox, '/api/v2/query', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ site_id: shop, metrics: ['visitors'], date_range: '7d' }),
    })
    expect(plain).toMatchObject({ status: 400, body: { error: messages.missingSite } })
  })
})

describe('sandbox HTTP: rate limit (§3)', () => {
  it('refuses request N+1 in the UTC hour with the server text and no retry headers, and resets at the top of the hour', async () => {
    let clock = Date.parse('2026-11-23T14:59:00Z')
    const tiny = await startSandbox({ port: 0, clock: () => clock, hourlyLimit: 3 })
    try {
      const realtime = (key?: string | null) =>
        call(tiny, `/api/v1/stats/realtime/visitors?site_id=${shop}`, { key })
      // A malformed body and bad keys are rejected before counting; a 400 with a valid key counts.
      expect(
        (
          await call(tiny, '/api/v2/query', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{oops',
          })
        ).status,
      ).toBe(400)
      expect((await realtime('bad-key')).status).toBe(401)
      expect((await realtime(null)).status).toBe(401)
      expect((await realtime()).status).toBe(200)
      expect((await call(tiny, '/api/v1/stats/realtime/visitors')).status).toBe(400)
      expect((await realtime()).status).toBe(200)
      const refused = await realtime()
      expect(refused.status).toBe(429)
      expect(refused.body).toEqual({
        error:
          'Too many API requests. Your API key is limited to 3 requests per hour. Please contact us to request more capacity.',
      })
      expect(refused.headers.get('retry-after')).toBeNull()
      expect([...refused.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual([])
      expect((await query({ site_id: shop, metrics: ['visitors'], date_range: 'day' }, tiny)).status).toBe(
        429,
      )
      clock = Date.parse('2026-11-23T15:00:00Z')
      expect((await realtime()).status).toBe(200)
    } finally {
      await tiny.close()
    }
  })
})

describe('sandbox HTTP: POST /api/v2/query (§4)', () => {
  it('rejects malformed JSON and schema errors with 400 and the JSON-pointer text', async () => {
    const malformed = await call(sandbox, '/api/v2/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"site_id":',
    })
    expect(malformed.status).toBe(400)
    expect(await query({ site_id: shop, metrics: ['visitors', 'baa'], date_range: '7d' })).toMatchObject({
      status: 400,
      body: { error: '#/metrics/1: Invalid metric "baa"' },
    })
    expect(
      await query({
        site_id: shop,
        metrics: ['visitors'],
        date_range: '7d',
        filters: [['is', 'visit:country', ['DEU']]],
      }),
    ).toMatchObject({
      status: 400,
      body: {
        error: 'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
      },
    })
  })

  it('answers an aggregate with one row and echoes the range with the site offset', async () => {
    const answer = await query({
      site_id: blog,
      metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
      date_range: '7d',
    })
    expect(answer.status).toBe(200)
    const body = answer.body as { results: Rows; meta: object; query: { date_range: string[] } }
    expect(body.results).toHaveLength(1)
    expect(body.results[0]!.dimensions).toEqual([])
    expect(body.meta).toEqual({})
    expect(body.query.date_range).toEqual(['2026-11-16T00:00:00-05:00', '2026-11-22T23:59:59-05:00'])
    const [visitors, visits, pageviews, viewsPerVisit] = body.results[0]!.metrics as [
      number,
      number,
      number,
      number,
    ]
    expect(viewsPerVisit).toBe(Math.round((pageviews / visits) * 100) / 100)
    expect(visitors).toBeLessThan(visits)
  })

  it('gives identical answers from two sandboxes with the same seed and clock, and different ones for another seed', async () => {
    const body = {
      site_id: shop,
      metrics: ['visitors', 'pageviews', 'bounce_rate'],
      date_range: '30d',
      dimensions: ['visit:source'],
    }
    const twin = await startSandbox({ port: 0, clock: () => now })
    const other = await startSandbox({ port: 0, clock: () => now, seed: 7 })
    try {
      expect(twin.apiKey).toBe(sandbox.apiKey)
      expect((await query(body, twin)).body).toEqual((await query(body)).body)
      expect(rowsOf(await query(body, other))).not.toEqual(rowsOf(await query(body)))
    } finally {
      await twin.close()
      await other.close()
    }
  })

  it('sums a daily series to the aggregate pageviews and visits, with a label for every day', async () => {
    const [aggregate] = rowsOf(
      await query({ site_id: shop, metrics: ['pageviews', 'visits'], date_range: '30d' }),
    )
    const series = await query({
      site_id: shop,
      metrics: ['pageviews', 'visits'],
      date_range: '30d',
      dimensions: ['time:day'],
      include: { time_labels: true },
    })
    const rows = rowsOf(series)
    const labels = (series.body as { meta: { time_labels: string[] } }).meta.time_labels
    expect(labels).toHaveLength(30)
    expect(labels[0]).toBe('2026-10-24')
    expect(rows.map((row) => row.dimensions[0])).toEqual(labels)
    expect(rows.reduce((sum, row) => sum + row.metrics[0]!, 0)).toBe(aggregate!.metrics[0])
    expect(rows.reduce((sum, row) => sum + row.metrics[1]!, 0)).toBe(aggregate!.metrics[1])
  })

  it('sums visits by source to the total, since every visit has exactly one source', async () => {
    const [aggregate] = rowsOf(await query({ site_id: blog, metrics: ['visits'], date_range: 'month' }))
    const bySource = rowsOf(
      await query({ site_id: blog, metrics: ['visits'], date_range: 'month', dimensions: ['visit:source'] }),
    )
    expect(bySource.reduce((sum, row) => sum + row.metrics[0]!, 0)).toBe(aggregate!.metrics[0])
    const percentages = rowsOf(
      await query({
        site_id: blog,
        metrics: ['percentage'],
        date_range: 'month',
        dimensions: ['visit:device'],
      }),
    )
    expect(Math.abs(percentages.reduce((sum, row) => sum + row.metrics[0]!, 0) - 100)).toBeLessThan(0.5)
  })

  it('labels 25 hours on the New York fall-back day, in site time without offset', async () => {
    const answer = await query({
      site_id: blog,
      metrics: ['pageviews'],
      date_range: ['2026-11-01', '2026-11-01'],
      dimensions: ['time:hour'],
      include: { time_labels: true },
    })
    const labels = (answer.body as { meta: { time_labels: string[] } }).meta.time_labels
    expect(labels).toHaveLength(25)
    expect(labels.slice(0, 3)).toEqual(['2026-11-01 00:00:00', '2026-11-01 01:00:00', '2026-11-01 01:00:00'])
    expect((answer.body as { query: { date_range: string[] } }).query.date_range).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T23:59:59-05:00',
    ])
  })

  it('breaks down goals and a custom property of the Signup goal', async () => {
    const goals = rowsOf(
      await query({
        site_id: shop,
        metrics: ['visitors', 'conversion_rate'],
        date_range: '30d',
        dimensions: ['event:goal'],
      }),
    )
    expect(goals.map((row) => row.dimensions[0]).sort()).toEqual(['Signup', 'Visit /pricing'])
    const [signups] = rowsOf(
      await query({
        site_id: shop,
        metrics: ['events'],
        date_range: '30d',
        filters: [['is', 'event:goal', ['Signup']]],
      }),
    )
    const plans = rowsOf(
      await query({
        site_id: shop,
        metrics: ['events'],
        date_range: '30d',
        dimensions: ['event:props:plan'],
        filters: [['is', 'event:goal', ['Signup']]],
      }),
    )
    expect(plans.map((row) => row.dimensions[0]).sort()).toEqual(['business', 'free', 'pro'])
    expect(plans.reduce((sum, row) => sum + row.metrics[0]!, 0)).toBe(signups!.metrics[0])
  })

  it('agrees with v1 realtime when asked for the last five minutes as a datetime range', async () => {
    const realtime = await call(sandbox, `/api/v1/stats/realtime/visitors?site_id=${shop}`)
    expect(realtime.status).toBe(200)
    expect(Number.isInteger(realtime.body)).toBe(true)
    const range = [new Date(now - 5 * 60_000).toISOString(), new Date(now).toISOString()]
    const [row] = rowsOf(await query({ site_id: shop, metrics: ['visitors'], date_range: range }))
    expect(row!.metrics[0]).toBe(realtime.body)
  })

  it('lets today grow as the clock moves, minute by minute', async () => {
    const today = async () =>
      rowsOf(await query({ site_id: shop, metrics: ['pageviews'], date_range: 'day' }))[0]!.metrics[0]!
    const before = await today()
    now = start + 30 * 60_000
    try {
      expect(await today()).toBeGreaterThan(before)
    } finally {
      now = start
    }
    expect(await today()).toBe(before)
  })
})
