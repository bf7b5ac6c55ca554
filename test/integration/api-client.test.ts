// The HTTP client against the sandbox over real loopback HTTP: shapes, typed errors, the server's texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlausibleClient } from '../../src/core/api/client'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { PlausibleError } from '../../src/shared/errors'

const now = Date.parse('2026-11-23T14:30:00Z')
let sandbox: RunningSandbox
let site: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => now, hourlyLimit: 1000 })
  site = sandbox.sites[0]!.domain
})
afterAll(() => sandbox.close())

const client = () => createPlausibleClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey })

async function failure(promise: Promise<unknown>): Promise<PlausibleError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof PlausibleError)) throw new Error(`expected a PlausibleError, got ${String(error)}`)
  return error
}

describe('Plausible client against the sandbox', () => {
  it('runs an aggregate v2 query and gets one row without dimensions', async () => {
    const response = await client().query({
      site_id: site,
      metrics: ['visitors', 'visits', 'pageviews'],
      date_range: '7d',
    })
    expect(response.results).toHaveLength(1)
    expect(response.results[0]!.dimensions).toEqual([])
    const [visitors, visits, pageviews] = response.results[0]!.metrics as number[]
    expect(visitors).toBeGreaterThan(0)
    expect(visits).toBeGreaterThanOrEqual(visitors!)
    expect(pageviews).toBeGreaterThanOrEqual(visits!)
  })

  it('gets a daily series whose buckets add up to the aggregate', async () => {
    const aggregate = await client().query({ site_id: site, metrics: ['pageviews'], date_range: '30d' })
    const series = await client().query({
      site_id: site,
      metrics: ['pageviews'],
      date_range: '30d',
      dimensions: ['time:day'],
      include: { time_labels: true },
    })
    expect(series.meta.time_labels).toHaveLength(30)
    const sum = series.results.reduce((total, row) => total + (row.metrics[0] as number), 0)
    expect(sum).toBe(aggregate.results[0]!.metrics[0])
  })

  it('reads realtime visitors as a bare integer', async () => {
    const visitors = await client().realtimeVisitors(site)
    expect(Number.isInteger(visitors)).toBe(true)
    expect(visitors).toBeGreaterThanOrEqual(0)
  })

  it('walks the sites list', async () => {
    expect(await client().listSites()).toEqual(sandbox.sites)
  })

  it('maps a refused key to AUTH_INVALID with the server text', async () => {
    const error = await failure(
      createPlausibleClient({ baseUrl: sandbox.baseUrl, apiKey: 'wrong-key-000000000000' }).query({
        site_id: site,
        metrics: ['visitors'],
        date_range: '7d',
      }),
    )
    expect(error.code).toBe('AUTH_INVALID')
    expect(error.details?.status).toBe(401)
    expect(error.details?.serverMessage).toBe(
      "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
    )
  })

  it('maps an unknown site to AUTH_INVALID, as the real server does', async () => {
    expect((await failure(client().realtimeVisitors('nope.example'))).code).toBe('AUTH_INVALID')
  })

  it('surfaces a validation error with the JSON-pointer text', async () => {
    // The client's own schema would refuse this; send it raw to see the server's answer.
    const error = await failure(
      client().query({
        site_id: site,
        metrics: ['visitors'],
        date_range: '7d',
        dimensions: ['visit:nope'],
      } as never),
    )
    expect(error.code).toBe('QUERY_INVALID')
    expect(error.message).toBe('#/dimensions/0: Invalid dimension "visit:nope"')
  })

  it('reports an unreachable server as NETWORK without the key', async () => {
    const closed = await startSandbox({ port: 0, clock: () => now })
    const baseUrl = closed.baseUrl
    await closed.close()
    const error = await failure(
      createPlausibleClient({ baseUrl, apiKey: 'secret-key-123456789' }).realtimeVisitors(site),
    )
    expect(error.code).toBe('NETWORK')
    expect(error.message).toContain('the connection was refused')
    expect(error.message).not.toContain('secret-key')
  })

  it('reports a 429 as RATE_LIMITED with the server text once the hour is spent', async () => {
    const tiny = await startSandbox({ port: 0, clock: () => now, hourlyLimit: 2 })
    try {
      const small = createPlausibleClient({ baseUrl: tiny.baseUrl, apiKey: tiny.apiKey })
      await small.realtimeVisitors(tiny.sites[0]!.domain)
      await small.realtimeVisitors(tiny.sites[0]!.domain)
      const error = await failure(small.realtimeVisitors(tiny.sites[0]!.domain))
      expect(error.code).toBe('RATE_LIMITED')
      expect(error.details?.serverMessage).toBe(
        'Too many API requests. Your API key is limited to 2 requests per hour. Please contact us to request more capacity.',
      )
    } finally {
      await tiny.close()
    }
  })
})
