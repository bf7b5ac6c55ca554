// Editions and plans over real HTTP: cloud vs CE limits and routes, the stats-only key, per-site 402s, and
// `plausible sandbox` run in-process (its JSON line and human text).
import { PassThrough, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runSandbox } from '../../src/cli/commands/sandbox-action'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'

const now = Date.parse('2026-11-23T14:30:00Z')
const shop = 'shop.example.com'

async function withSandbox(
  options: Parameters<typeof startSandbox>[0],
  run: (sandbox: RunningSandbox) => Promise<void>,
): Promise<void> {
  const sandbox = await startSandbox({ port: 0, clock: () => now, ...options })
  try {
    await run(sandbox)
  } finally {
    await sandbox.close()
  }
}

async function query(sandbox: RunningSandbox, body: Record<string, unknown>, key = sandbox.apiKey) {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('modes', () => {
  it('defaults to cloud with 600 requests per hour; ce has 1,000,000; --limit overrides either', async () => {
    await withSandbox({}, async (cloud) => {
      expect([cloud.mode, cloud.hourlyLimit]).toEqual(['cloud', 600])
    })
    await withSandbox({ mode: 'ce' }, async (ce) => {
      expect([ce.mode, ce.hourlyLimit]).toEqual(['ce', 1_000_000])
      // Stats and events are the same on CE; revenue is not kept.
      expect((await query(ce, { site_id: shop, metrics: ['visitors'], date_range: '7d' })).status).toBe(200)
      const event = await fetch(`${ce.baseUrl}/api/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Firefox/132.0' },
        body: JSON.stringify({
          name: 'Purchase',
          url: `https://${shop}/`,
          revenue: { currency: 'USD', amount: 5 },
        }),
      })
      expect(event.status).toBe(202)
      expect(ce.acceptedEvents()[0]!.revenue).toBeNull()
    })
    await withSandbox({ mode: 'ce', hourlyLimit: 5 }, async (limited) => {
      expect(limited.hourlyLimit).toBe(5)
    })
  })

  it('gives a stats-only key that reads stats like the demo key', async () => {
    await withSandbox({}, async (sandbox) => {
      expect(sandbox.statsOnlyKey).toMatch(/^[\w-]{64}$/)
      expect(sandbox.statsOnlyKey).not.toBe(sandbox.apiKey)
      const body = { site_id: shop, metrics: ['visitors'], date_range: '7d' }
      expect(await query(sandbox, body, sandbox.statsOnlyKey)).toEqual(await query(sandbox, body))
    })
  })
})

describe('per-site plans on the Stats API', () => {
  it('answers the 402 texts of §2 and turns back when switched on again', async () => {
    await withSandbox({}, async (sandbox) => {
      const body = { site_id: shop, metrics: ['visitors'], date_range: '7d' }
      sandbox.setPlan(shop, { statsApi: false })
      expect(await query(sandbox, body)).toEqual({
        status: 402,
        body: {
          error:
            "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API",
        },
      })
      const v1 = await fetch(`${sandbox.baseUrl}/api/v1/stats/aggregate?site_id=${shop}`, {
        headers: { authorization: `Bearer ${sandbox.apiKey}` },
      })
      expect(v1.status).toBe(402)
      sandbox.setPlan(shop, { statsApi: true, locked: true })
      expect((await query(sandbox, body)).body.error).toBe(
        'This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan',
      )
      sandbox.setPlan(shop, { locked: false, customProps: false })
      expect((await query(sandbox, body)).status).toBe(200)
      expect(await query(sandbox, { ...body, dimensions: ['event:props:plan'] })).toEqual({
        status: 400,
        body: { error: 'The owner of this site does not have access to the custom properties feature.' },
      })
      expect(() => sandbox.setPlan('nope.example', { locked: true })).toThrow(
        'The sandbox has no site nope.example.',
      )
    })
  })
})

describe('plausible sandbox', () => {
  function capture(): { stream: PassThrough; text: () => string } {
    const stream = new PassThrough()
    let text = ''
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()))
    return { stream, text: () => text }
  }

  it('prints one JSON line with both keys, the mode and the limit, and serves until stopped', async () => {
    const out = capture()
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const running = runSandbox(
      { stdout: out.stream },
      { port: 0, mode: 'ce', limit: 50, json: true },
      () => stopped,
    )
    await expect.poll(() => out.text().includes('\n')).toBe(true)
    const line = JSON.parse(out.text()) as Record<string, unknown>
    expect(Object.keys(line)).toEqual(['baseUrl', 'apiKey', 'statsOnlyKey', 'mode', 'hourlyLimit', 'sites'])
    expect(line).toMatchObject({ mode: 'ce', hourlyLimit: 50 })
    const sites = await fetch(`${line.baseUrl as string}/api/v1/sites`, {
      headers: { authorization: `Bearer ${line.apiKey as string}` },
    })
    expect(sites.status).toBe(404)
    stop()
    await running
  })

  it('listens for the stop before it prints the line that says it is ready (its reader may stop it at once)', async () => {
    const events: string[] = []
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        events.push('printed')
        done()
      },
    })
    await runSandbox(
      { stdout },
      { port: 0, mode: 'cloud', json: true },
      async () => void events.push('listening'),
    )
    expect(events).toEqual(['listening', 'printed'])
  })

  it('names both keys and the mode for people', async () => {
    const out = capture()
    const running = runSandbox({ stdout: out.stream }, { port: 0, mode: 'cloud' }, async () => undefined)
    await running
    expect(out.text()).toContain(
      'Sandbox (cloud: like plausible.io, with the Sites API) listening on http://127.0.0.1:',
    )
    expect(out.text()).toContain('600 requests per key per UTC hour')
    expect(out.text()).toMatch(/Demo API key \(stats and sites:provision\): [\w-]{64}/)
    expect(out.text()).toMatch(/Stats-only API key \(stats:read, no Sites API writes\): [\w-]{64}/)
  })
})
