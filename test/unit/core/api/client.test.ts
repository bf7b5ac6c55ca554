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
