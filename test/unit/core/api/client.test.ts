import { describe, expect, it } from 'vitest'
import { createPlausibleClient } from '../../../../src/core/api/client'
import { fakeServer } from './fake-server'

const now = Date.parse('2026-11-23T10:00:00Z')

describe('ask: v2 first, v1 where the server lacks v2', () => {
  it('translates to v1 after a v2 route 404, and asks v1 directly from then on', async () => {
    const server = fakeServer({
      'GET /api/v1/stats/aggregate': { status: 200, body: { results: { visitors: { value: 12 } } } },
    })
    const client = createPlausibleClient({
      baseUrl: 'https://old.example',
      apiKey: 'k',
      fetch: server.fetch,
      now: () => now,
    })
    const question = { kind: 'aggregate', siteId: 'a.com', metrics: ['visitors'], dateRange: '7d' } as const
    expect(await client.ask(question)).toEqual({ kind: 'aggregate', api: 'v1', metrics: { visitors: 12 } })
    expect(client.known.statsV2).toBe(false)
    await client.ask(question)
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/query',
      'GET /api/v1/stats/aggregate',
      'GET /api/v1/stats/aggregate',
    ])
    expect(Object.fromEntries(server.requests[1]!.search)).toEqual({
      site_id: 'a.com',
      period: '7d',
      date: '2026-11-23',
      metrics: 'visitors',
    })
  })

  it('does not fall back on a resource 404 or any other error', async () => {
    const server = fakeServer({
      'POST /api/v2/query': { status: 400, body: { error: '#/metrics/0: Invalid metric "x"' } },
    })
    const client = createPlausibleClient({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch })
    await expect(
      client.ask({ kind: 'aggregate', siteId: 'a.com', metrics: ['visitors'], dateRange: '7d' }),
    ).rejects.toMatchObject({ code: 'QUERY_INVALID' })
    expect(server.requests).toHaveLength(1)
  })
})

describe('a 401 that may mean an unknown site', () => {
  const refused = {
    status: 401,
    body: {
      error:
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
    },
  }
  const server = fakeServer({
    'POST /api/v2/query': refused,
    'GET /api/v1/stats/realtime/visitors': refused,
    'GET /api/v1/sites/nope.example.com': refused,
  })
  let asked = 0
  const client = createPlausibleClient({
    baseUrl: 'https://p.example',
    apiKey: 'k',
    fetch: server.fetch,
    knownSites: () => {
      asked += 1
      return ['a.com', 'b.com']
    },
  })
  const expectedHint = (site: string) =>
    `Run \`plausible sites list\` to see the sites this key can see: if it lists sites, check the spelling of ${site}; if it fails too, the key is refused (compare it with Settings → API Keys in Plausible). This key can see: a.com, b.com.`

  it('names the site of the v2 body, the v1 query and the Sites API path, with the known sites', async () => {
    await expect(
      client.query({ site_id: 'nope.example.com', metrics: ['visitors'], date_range: '7d' }),
    ).rejects.toMatchObject({ code: 'AUTH_INVALID', hint: expectedHint('nope.example.com') })
    await expect(client.realtimeVisitors('nope.example.com')).rejects.toMatchObject({
      hint: expectedHint('nope.example.com'),
    })
    await expect(client.sites.get('nope.example.com')).rejects.toMatchObject({
      hint: expectedHint('nope.example.com'),
    })
    expect(asked).toBe(3)
  })
})

describe('query: the server’s rules run before a request is spent (issue 15)', () => {
  it('refuses a query the server would refuse, in its words, without sending anything', async () => {
    const server = fakeServer({
      'POST /api/v2/query': { status: 200, body: { results: [], meta: {}, query: {} } },
    })
    const client = createPlausibleClient({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch })
    await expect(
      client.query({
        site_id: 'a.com',
        metrics: ['visitors'],
        date_range: '7d',
        filters: [['or', [['is', 'event:goal', ['Signup']]]]],
      }),
    ).rejects.toMatchObject({
      code: 'QUERY_INVALID',
      message: 'Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
      details: { pointer: '#/filters/0/1/0', queryRule: 'filter.top_level_only', checkedLocally: true },
    })
    expect(server.requests).toHaveLength(0)
  })

  it('sends a body without site_id as it is, for the server to answer before parsing (how a key is checked)', async () => {
    const server = fakeServer({
      'POST /api/v2/query': {
        status: 400,
        body: { error: 'Missing site ID. Please provide the required site_id parameter with your request.' },
      },
    })
    const client = createPlausibleClient({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch })
    await expect(client.query({ metrics: ['visitors'], date_range: 'day' } as never)).rejects.toMatchObject({
      code: 'QUERY_INVALID',
      details: {
        serverMessage: 'Missing site ID. Please provide the required site_id parameter with your request.',
      },
    })
    expect(server.requests).toHaveLength(1)
  })

  it('sends what the rules accept, leaving what needs the site (its goals) to the server', async () => {
    const server = fakeServer({
      'POST /api/v2/query': {
        status: 400,
        body: {
          error:
            'Invalid filters. The goal `Nope` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
        },
      },
    })
    const client = createPlausibleClient({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch })
    await expect(
      client.query({
        site_id: 'a.com',
        metrics: ['visitors'],
        date_range: '7d',
        filters: [['is', 'event:goal', ['Nope']]],
      }),
    ).rejects.toMatchObject({ code: 'QUERY_INVALID', message: /^Invalid filters\. The goal `Nope`/ })
    expect(server.requests).toHaveLength(1)
  })
})
