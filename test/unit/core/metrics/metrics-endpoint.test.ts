// The app's /metrics endpoint follows the user's choice in glance.json: served only where a long-running
// process hosts it, on loopback unless allowed, and never said to serve when it could not listen.
import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openGlanceSettings, type GlanceSettingsStore } from '../../../../src/core/glance/glance-settings'
import { createMetricsEndpoint, type MetricsEndpoint } from '../../../../src/core/metrics/metrics-endpoint'
import { startMetricsServer } from '../../../../src/core/metrics/metrics-server'
import type { MetricsServerOptions } from '../../../../src/core/metrics/metrics-server'

let dir: string
let settings: GlanceSettingsStore
let endpoint: MetricsEndpoint
let listens: Array<{ host: string; port: number }>
let stopHosting: (() => Promise<void>) | undefined
let blocker: Server | undefined

async function open(): Promise<MetricsEndpoint> {
  settings = openGlanceSettings({ path: join(dir, 'glance.json'), now: Date.now })
  return createMetricsEndpoint({
    settings,
    render: async () => 'plausible_up 1\n',
    startServer: (options: MetricsServerOptions) => {
      listens.push({ host: options.host, port: options.port })
      return startMetricsServer(options)
    },
  })
}

/** A port another program holds. */
async function takenPort(): Promise<number> {
  blocker = createServer()
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve))
  return (blocker.address() as { port: number }).port
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url)
  return `${response.status} ${await response.text()}`
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metrics-endpoint-'))
  listens = []
  endpoint = await open()
})

afterEach(async () => {
  await stopHosting?.()
  stopHosting = undefined
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)))
  blocker = undefined
  await rm(dir, { recursive: true, force: true })
})

describe('the metrics endpoint', () => {
  it('is off by default, on 127.0.0.1:9464, and listens nowhere', async () => {
    stopHosting = await endpoint.host()
    expect(await endpoint.status()).toEqual({
      enabled: false,
      address: '127.0.0.1:9464',
      allowNonLoopback: false,
      state: 'off',
      url: null,
      error: null,
    })
    expect(listens).toEqual([])
  })

  it('serves the metrics once turned on, keeps the choice in glance.json, and stops when turned off', async () => {
    stopHosting = await endpoint.host()
    const on = await endpoint.set({ enabled: true, address: '127.0.0.1:0' })
    expect(on).toMatchObject({ enabled: true, state: 'serving', error: null })
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    expect(await scrape(on.url!)).toBe('200 plausible_up 1\n')
    const file = JSON.parse(await readFile(join(dir, 'glance.json'), 'utf8')) as Record<string, unknown>
    expect(file.metricsEndpoint).toEqual({ enabled: true, address: '127.0.0.1:0', allowNonLoopback: false })

    const off = await endpoint.set({ enabled: false })
    expect(off).toMatchObject({ enabled: false, state: 'off', url: null })
    await expect(fetch(on.url!)).rejects.toThrow()
  })

  it('starts serving when a host opens with the choice on, and stops with the host', async () => {
    await endpoint.set({ enabled: true, address: '127.0.0.1:0' })
    // Saved by a process that does not host it (a CLI command): waiting, nothing listens.
    expect(await endpoint.status()).toMatchObject({ state: 'waiting', url: null })
    expect(listens).toEqual([])

    const reopened = await open()
    const stop = await reopened.host()
    const { url, state } = await reopened.status()
    expect(state).toBe('serving')
    expect(await scrape(url!)).toBe('200 plausible_up 1\n')
    await stop()
    await expect(fetch(url!)).rejects.toThrow()
    expect(await reopened.status()).toMatchObject({ state: 'waiting', url: null })
  })

  it('refuses a port already taken, keeps the choice off and says why', async () => {
    stopHosting = await endpoint.host()
    const port = await takenPort()
    const refused = endpoint.set({ enabled: true, address: `127.0.0.1:${port}` })
    await expect(refused).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining(
        `The metrics endpoint could not listen on 127.0.0.1:${port}: another program already uses that port`,
      ),
      hint: 'Pick another port in the address (0 picks a free one), or stop what already listens there.',
    })
    expect(await endpoint.status()).toMatchObject({ enabled: false, address: '127.0.0.1:9464', state: 'off' })
  })

  it('reports a taken port at the host’s start as failed, not serving, and serves after a retry once free', async () => {
    const port = await takenPort()
    await endpoint.set({ enabled: true, address: `127.0.0.1:${port}` })
    const reopened = await open()
    stopHosting = await reopened.host()
    const failed = await reopened.status()
    expect(failed).toMatchObject({ enabled: true, state: 'failed', url: null })
    expect(failed.error?.message).toContain('another program already uses that port')

    await new Promise((resolve) => blocker!.close(resolve))
    blocker = undefined
    const retried = await reopened.set({ enabled: true })
    expect(retried).toMatchObject({ state: 'serving', url: `http://127.0.0.1:${port}/metrics`, error: null })
  })

  it('keeps serving at the old address when a move to a taken port fails', async () => {
    stopHosting = await endpoint.host()
    const before = await endpoint.set({ enabled: true, address: '127.0.0.1:0' })
    const port = await takenPort()
    await expect(endpoint.set({ address: `127.0.0.1:${port}` })).rejects.toMatchObject({ code: 'USAGE' })
    const after = await endpoint.status()
    expect(after).toMatchObject({ address: '127.0.0.1:0', state: 'serving' })
    expect(await scrape(after.url!)).toBe('200 plausible_up 1\n')
    expect(before.url).not.toBeNull()
  })

  it('refuses an address other machines can reach unless allowed, before listening or saving', async () => {
    stopHosting = await endpoint.host()
    await expect(endpoint.set({ enabled: true, address: '0.0.0.0:0' })).rejects.toMatchObject({
      code: 'USAGE',
      message:
        'Refusing to serve metrics on 0.0.0.0: other machines could read them (account and site names, budgets), and the endpoint has no authentication.',
    })
    // Refused even while off: the address is never kept.
    await expect(endpoint.set({ address: '0.0.0.0:9464' })).rejects.toMatchObject({ code: 'USAGE' })
    expect(listens).toEqual([])
    expect(await endpoint.status()).toMatchObject({ enabled: false, address: '127.0.0.1:9464' })

    // Loopback names either side of the rule: localhost and 127.x are served.
    expect(await endpoint.set({ enabled: true, address: 'localhost:0' })).toMatchObject({ state: 'serving' })
    expect(await endpoint.set({ address: '127.0.0.2:0' })).toMatchObject({ state: 'serving' })

    const allowed = await endpoint.set({ address: '0.0.0.0:0', allowNonLoopback: true })
    expect(allowed).toMatchObject({ state: 'serving', allowNonLoopback: true })
    expect(allowed.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/metrics$/)
  })

  it('refuses an address that is not host:port, naming the field', async () => {
    await expect(endpoint.set({ address: '127.0.0.1:99999' })).rejects.toMatchObject({
      code: 'USAGE',
      message: 'address takes host:port (e.g. 127.0.0.1:9464, or [::1]:9464), not "127.0.0.1:99999".',
    })
  })
})
