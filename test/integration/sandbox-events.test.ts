// Events API over real HTTP (§7): 202 `ok`, drops in a header, field errors, and events feeding the stats.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'

let now = Date.parse('2026-11-23T14:30:00Z')
let sandbox: RunningSandbox
const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'

beforeEach(async () => {
  now = Date.parse('2026-11-23T14:30:00Z')
  sandbox = await startSandbox({ port: 0, clock: () => now })
})
afterEach(() => sandbox.close())

async function send(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; dropped: string | null; type: string | null }> {
  const response = await fetch(`${sandbox.baseUrl}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': browser, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: response.status,
    text: await response.text(),
    dropped: response.headers.get('x-plausible-dropped'),
    type: response.headers.get('content-type'),
  }
}

async function query(
  body: Record<string, unknown>,
): Promise<Array<{ metrics: number[]; dimensions: string[] }>> {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return ((await response.json()) as { results: Array<{ metrics: number[]; dimensions: string[] }> }).results
}

async function createSite(domain: string): Promise<void> {
  const response = await fetch(`${sandbox.baseUrl}/api/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ domain, timezone: 'Etc/UTC' }),
  })
  expect(response.status).toBe(200)
}

describe('Events API responses', () => {
  it('answers 202 with a plain-text ok and no key', async () => {
    expect(
      await send({ name: 'pageview', url: 'https://shop.example.com/', domain: 'shop.example.com' }),
    ).toEqual({
      status: 202,
      text: 'ok',
      dropped: null,
      type: 'text/plain; charset=utf-8',
    })
  })

  it('reports drops only in x-plausible-dropped', async () => {
    const headless =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36'
    expect(
      await send(
        { name: 'pageview', url: 'https://shop.example.com/', domain: 'shop.example.com' },
        { 'user-agent': headless },
      ),
    ).toMatchObject({ status: 202, text: 'ok', dropped: '1' })
    expect(
      await send({
        name: 'pageview',
        url: 'https://a.test/',
        domain: 'unknown.test,other.test,shop.example.com',
      }),
    ).toMatchObject({ status: 202, dropped: '2' })
    expect(sandbox.events()).toEqual({ received: 2, accepted: 1, dropped: 3, rejected: 0 })
  })

  it('answers field errors as {"errors": {field: [msg]}}', async () => {
    const errors = async (body: unknown) => {
      const answer = await send(body)
      expect(answer.status).toBe(400)
      return JSON.parse(answer.text) as unknown
    }
    expect(await errors({ name: 'pageview', domain: 'shop.example.com' })).toEqual({
      errors: { url: ['is required'] },
    })
    expect(await errors({ name: 'pageview', url: '/x' })).toEqual({ errors: { domain: ["can't be blank"] } })
    expect(await errors({ name: 'pageview', url: 'data:text/plain,hi', domain: 'x' })).toEqual({
      errors: { url: ['scheme is not allowed'] },
    })
    expect(await errors({ url: 'https://shop.example.com/' })).toEqual({
      errors: { event_name: ["can't be blank"] },
    })
    expect(
      await errors({ name: 'pageview', url: 'https://shop.example.com/', props: { k: 'v'.repeat(2001) } }),
    ).toEqual({ errors: { props: ['keys should have at most 300 bytes and values 2000 bytes'] } })
    expect(await errors('{not json')).toEqual({
      errors: { request: ['Unable to parse request body as json'] },
    })
    expect(sandbox.events().rejected).toBe(6)
  })
})

describe('Events API feeding the stats', () => {
  it('shows received events in v2, v1 and realtime of a site created over the Sites API', async () => {
    await createSite('fresh.example.com')
    const headers = { 'x-forwarded-for': '203.0.113.10' }
    await send(
      { n: 'pageview', u: 'https://fresh.example.com/?utm_source=newsletter', d: 'fresh.example.com' },
      headers,
    )
    now += 20_000
    await send(
      {
        name: 'Signup',
        url: 'https://fresh.example.com/pricing',
        domain: 'fresh.example.com',
        props: { plan: 'pro' },
      },
      headers,
    )
    await send(
      {
        name: 'pageview',
        url: 'https://fresh.example.com/docs',
        domain: 'fresh.example.com',
        referrer: 'https://www.google.com/',
      },
      { 'x-forwarded-for': '203.0.113.11, 10.0.0.1' },
    )
    expect(
      await query({
        site_id: 'fresh.example.com',
        metrics: ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate'],
        date_range: 'day',
      }),
    ).toEqual([{ metrics: [2, 2, 2, 3, 50], dimensions: [] }])
    expect(
      await query({
        site_id: 'fresh.example.com',
        metrics: ['visitors'],
        date_range: 'day',
        dimensions: ['visit:source', 'visit:browser'],
      }),
    ).toEqual([
      { metrics: [1], dimensions: ['Google', 'Safari'] },
      { metrics: [1], dimensions: ['newsletter', 'Safari'] },
    ])
    const v1 = await fetch(
      `${sandbox.baseUrl}/api/v1/stats/breakdown?site_id=fresh.example.com&period=day&property=event:props:plan`,
      { headers: { authorization: `Bearer ${sandbox.apiKey}` } },
    )
    expect(await v1.json()).toEqual({
      results: [
        { plan: '(none)', visitors: 2 },
        { plan: 'pro', visitors: 1 },
      ],
    })
    const realtime = await fetch(
      `${sandbox.baseUrl}/api/v1/stats/realtime/visitors?site_id=fresh.example.com`,
      {
        headers: { authorization: `Bearer ${sandbox.apiKey}` },
      },
    )
    expect(await realtime.json()).toBe(2)
  })

  it('adds events to a seeded site on top of its seeded traffic, and a goal created later counts them', async () => {
    const before = await query({ site_id: 'docs.example.net', metrics: ['events'], date_range: 'day' })
    await send({
      name: 'Download',
      url: 'https://docs.example.net/guides/installation',
      domain: 'docs.example.net',
    })
    const after = await query({ site_id: 'docs.example.net', metrics: ['events'], date_range: 'day' })
    expect(after[0]!.metrics[0]).toBe(before[0]!.metrics[0]! + 1)
    await fetch(`${sandbox.baseUrl}/api/v1/sites/goals`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site_id: 'docs.example.net', goal_type: 'event', event_name: 'Download' }),
    })
    expect(
      await query({
        site_id: 'docs.example.net',
        metrics: ['visitors'],
        date_range: 'day',
        filters: [['is', 'event:goal', ['Download']]],
      }),
    ).toEqual([{ metrics: [1], dimensions: [] }])
  })

  it('exposes the accepted events on the sandbox and at /_sandbox/events for the demo key only', async () => {
    await send(
      {
        name: 'Purchase',
        url: 'https://shop.example.com/checkout',
        domain: 'shop.example.com',
        revenue: { currency: 'EUR', amount: 12 },
      },
      { 'x-forwarded-for': '203.0.113.20' },
    )
    const [event] = sandbox.acceptedEvents()
    expect(event).toMatchObject({
      domain: 'shop.example.com',
      name: 'Purchase',
      pathname: '/checkout',
      revenue: { currency: 'EUR', amount: '12' },
      ip: '203.0.113.20',
      userAgent: browser,
      ts: now,
    })
    const response = await fetch(`${sandbox.baseUrl}/_sandbox/events`, {
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    })
    expect(await response.json()).toEqual({
      received: 1,
      accepted: 1,
      dropped: 0,
      rejected: 0,
      events: [event],
    })
    const refused = await fetch(`${sandbox.baseUrl}/_sandbox/events`, {
      headers: { authorization: `Bearer ${sandbox.statsOnlyKey}` },
    })
    expect(refused.status).toBe(401)
  })
})
