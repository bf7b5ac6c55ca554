import { describe, expect, it } from 'vitest'
import { probeCapabilities, requireCapability } from '../../../../src/core/api/capabilities'
import { createTransport } from '../../../../src/core/api/transport'
import { fakeServer, type Answer } from './fake-server'

const sitesPage = { status: 200, body: { sites: [], meta: { after: null, before: null, limit: 1 } } }
const schema = { status: 200, body: { $schema: 'x' } }
const missingSiteId = {
  status: 400,
  body: { error: 'Missing site ID. Please provide the required site_id parameter with your request.' },
}
const invalidKey = {
  status: 401,
  body: {
    error:
      "Invalid API key. Please make sure you're using a valid API key with access to the resource you've requested.",
  },
}

async function probe(routes: Record<string, Answer>) {
  const server = fakeServer(routes)
  const transport = createTransport({
    baseUrl: 'https://p.example',
    apiKey: 'k',
    fetch: server.fetch,
    now: () => Date.parse('2026-11-23T14:10:00Z'),
  })
  return { capabilities: await probeCapabilities(transport), requests: server.requests }
}

describe('probeCapabilities', () => {
  it('cloud with a provisioning key: two keyed requests, and nothing is created', async () => {
    const { capabilities, requests } = await probe({
      'GET /api/v1/sites': sitesPage,
      'GET /api/docs/query/schema.json': schema,
      'PUT /api/v1/sites/goals': {
        status: 400,
        body: { error: 'Parameter `site_id` is required to create a goal' },
      },
    })
    expect(capabilities).toMatchObject({
      statsV2: true,
      sitesApi: 'available',
      keyKind: 'provisioning',
      keyedRequests: 2,
    })
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/sites',
      'GET /api/docs/query/schema.json',
      'PUT /api/v1/sites/goals',
    ])
    expect(requests[1]!.headers.authorization).toBeUndefined()
  })

  it('cloud with a stats-only key: says it may read but not write', async () => {
    const { capabilities } = await probe({
      'GET /api/v1/sites': sitesPage,
      'GET /api/docs/query/schema.json': schema,
      'PUT /api/v1/sites/goals': invalidKey,
    })
    expect(capabilities.keyKind).toBe('stats-only')
    expect(capabilities.sentences).toContain(
      'This key can read stats and sites but not change them: it lacks the `sites:provision` scope.',
    )
    expect(() => requireCapability(capabilities, 'sites-write')).toThrow(
      expect.objectContaining({ code: 'SCOPE_REQUIRED' }),
    )
    expect(() => requireCapability(capabilities, 'sites-read')).not.toThrow()
  })

  it('self-hosted CE: no Sites API, said plainly; the key is checked through v2', async () => {
    const { capabilities } = await probe({
      'GET /api/docs/query/schema.json': schema,
      'POST /api/v2/query': missingSiteId,
    })
    expect(capabilities).toMatchObject({
      statsV2: true,
      sitesApi: 'absent',
      keyKind: 'stats-only',
      keyedRequests: 2,
    })
    expect(capabilities.sentences[0]).toBe(
      'This server has no Sites API (self-hosted Plausible CE removed it in v2.1): manage sites, goals and guests in its dashboard.',
    )
    expect(() => requireCapability(capabilities, 'sites-read')).toThrow(
      expect.objectContaining({
        code: 'NOT_SUPPORTED',
        message: 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1).',
      }),
    )
  })

  it('plausible.io without Enterprise: 402 means the plan, not the key', async () => {
    const { capabilities } = await probe({
      'GET /api/v1/sites': { status: 402, body: { error: 'API key does not have access to Sites API' } },
      'GET /api/docs/query/schema.json': schema,
    })
    expect(capabilities).toMatchObject({ sitesApi: 'plan-required', keyKind: 'stats-only', keyedRequests: 1 })
    expect(() => requireCapability(capabilities, 'sites-read')).toThrow(
      expect.objectContaining({ code: 'PLAN_REQUIRED' }),
    )
  })

  it('an old server without v2', async () => {
    const { capabilities } = await probe({})
    expect(capabilities).toMatchObject({ statsV2: false, sitesApi: 'absent', keyKind: 'unknown' })
    expect(capabilities.sentences).toContain(
      'This server has no Stats API v2 (older than Plausible v2.1): questions go through v1, where some metrics and filters do not exist.',
    )
  })

  it('stops at a 429 and says until when', async () => {
    const { capabilities, requests } = await probe({
      'GET /api/v1/sites': { status: 429, body: { error: 'Too many API requests.' } },
    })
    expect(requests).toHaveLength(1)
    expect(capabilities.rateLimitedUntil).toBe('2026-11-23T15:00:00.000Z')
    expect(capabilities.sentences.at(-1)).toBe(
      "The key's hourly budget is spent until 15:00 UTC; the rest was not checked.",
    )
  })

  it('a refused key stops the probe after one request', async () => {
    const { capabilities, requests } = await probe({ 'GET /api/v1/sites': invalidKey })
    expect(capabilities.keyKind).toBe('invalid')
    expect(requests).toHaveLength(1)
  })
})
