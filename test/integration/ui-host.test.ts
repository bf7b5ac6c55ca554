// `plausible ui` over real HTTP on loopback: the guards, the static files, and every call of the contract.
import { request } from 'node:http'
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callNames, type CallName } from '../../src/shared/contract'
import { PlausibleError } from '../../src/shared/errors'
import { createFakeHandlers, sampleInputs, sampleOutputs } from '../helpers/contract-samples'
import { openCore, type Core } from '../../src/core/core'
import { uiTokenHeader as tokenHeader } from '../../src/shared/contract/http-route'
import { serveUi, uiContentSecurityPolicy, type UiHost } from '../../src/core/transport/ui-host'
import { sandboxKeys } from '../../src/core/sandbox/auth'
import { sampleReport } from '../helpers/report-fixture'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

// The shared fixtures of every host's contract test; `sites.list` also fails for an unknown account.
const { handlers } = createFakeHandlers({
  'sites.list': async (input) => {
    if ((input as { account?: string }).account === 'gone') throw new PlausibleError('ACCOUNT_NOT_FOUND')
    return sampleOutputs['sites.list']
  },
})

let work: string
let host: UiHost
let token: string
let origin: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ui-host-'))
  const rendererDir = join(work, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Plausible</title>')
  await writeFile(join(rendererDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'index-abc123.css'), 'body{}')
  await writeFile(join(work, 'secret.txt'), 'not for the browser')
  host = await serveUi({ handlers, rendererDir, port: 0 })
  const url = new URL(host.url)
  token = url.searchParams.get('token') ?? ''
  origin = url.origin
})

afterAll(async () => {
  await host?.close()
  await rm(work, { recursive: true, force: true })
})

const hostHeader = (): Record<string, string> => ({ host: `127.0.0.1:${host.port}` })
const callHeaders = (): Record<string, string> => ({
  ...hostHeader(),
  'content-type': 'application/json',
  [tokenHeader]: token,
})

describe('serveUi', () => {
  it('listens on a free loopback port and puts a long random token in the URL', () => {
    expect(host.port).toBeGreaterThan(0)
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`))
  })

  it('serves index.html with the security headers and no caching', async () => {
    const res = await send(host.port, { path: '/', headers: hostHeader() })
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Plausible</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(uiContentSecurityPolicy)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('serves built assets with their content types', async () => {
    const js = await send(host.port, { path: '/assets/index-abc123.js', headers: hostHeader() })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    const css = await send(host.port, { path: '/assets/index-abc123.css', headers: hostHeader() })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.headers['cache-control']).toContain('immutable')
  })

  it('answers a Host that is localhost on the same port', async () => {
    const res = await send(host.port, { path: '/', headers: { host: `localhost:${host.port}` } })
    expect(res.status).toBe(200)
  })

  it.each([['evil.example'], ['evil.example:80'], ['127.0.0.1:1'], ['127.0.0.1']])(
    'refuses a request whose Host is %s (DNS rebinding)',
    async (value) => {
      const page = await send(host.port, { path: '/', headers: { host: value } })
      expect(page.status).toBe(403)
      const call = await send(host.port, {
        method: 'POST',
        path: '/api/call/accounts.list',
        headers: { ...callHeaders(), host: value },
        body: '{}',
      })
      expect(call.status).toBe(403)
      expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    },
  )

  it('refuses a call without the token', async () => {
    const headers = { ...callHeaders() }
    delete headers[tokenHeader]
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers,
      body: '{}',
    })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses a call with a wrong token of the same length', async () => {
    const wrong = token.startsWith('A') ? `B${token.slice(1)}` : `A${token.slice(1)}`
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: { ...callHeaders(), [tokenHeader]: wrong },
      body: '{}',
    })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN')
  })

  it('refuses a call sent from another origin, even with the token', async () => {
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: { ...callHeaders(), origin: 'http://evil.example' },
      body: '{}',
    })
    expect(res.status).toBe(403)
  })

  it('accepts a call from its own origin', async () => {
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: { ...callHeaders(), origin },
      body: '{}',
    })
    expect(res.status).toBe(200)
  })

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/%2e%2e%2f%2e%2e%2fetc/passwd'],
    ['/index.html%00.js'],
    ['/assets'],
  ])('serves nothing outside the renderer for %s', async (path) => {
    const res = await send(host.port, { path, headers: hostHeader() })
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('not for the browser')
  })

  it('answers a call with its envelope', async () => {
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/budget.status',
      headers: callHeaders(),
      body: '{}',
    })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: sampleOutputs['budget.status'] })
  })

  it('carries a failure from the core as an error envelope with message and hint', async () => {
    const res = await send(host.port, {
      method: 'POST',
      path: '/api/call/sites.list',
      headers: callHeaders(),
      body: JSON.stringify({ account: 'gone' }),
    })
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'ACCOUNT_NOT_FOUND',
        message: 'There is no account with that alias.',
        hint: 'Run `plausible accounts list` to see the configured aliases.',
      },
    })
  })

  it('answers an unknown call, invalid input and malformed JSON with USAGE', async () => {
    const unknown = await send(host.port, {
      method: 'POST',
      path: '/api/call/keys.dump',
      headers: callHeaders(),
      body: '{}',
    })
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    const invalid = await send(host.port, {
      method: 'POST',
      path: '/api/call/stats.realtime',
      headers: callHeaders(),
      body: JSON.stringify({ site: '' }),
    })
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    const malformed = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: callHeaders(),
      body: '{',
    })
    expect(malformed.status).toBe(400)
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
  })

  it('refuses a body over 1 MiB and a body that is not JSON', async () => {
    const big = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: callHeaders(),
      body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) }),
    })
    expect(big.status).toBe(413)
    const text = await send(host.port, {
      method: 'POST',
      path: '/api/call/accounts.list',
      headers: { ...callHeaders(), 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(text.status).toBe(415)
  })

  it('takes calls by POST only', async () => {
    const res = await send(host.port, {
      path: '/api/call/accounts.list',
      headers: { ...hostHeader(), [tokenHeader]: token },
    })
    expect(res.status).toBe(405)
  })

  it('keeps the HTML meta policy and the header policy the same', async () => {
    const html = await readFile(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    const headerOnly = uiContentSecurityPolicy.replace("; frame-ancestors 'none'", '')
    expect(meta).toBe(headerOnly)
  })
})

describe('the contract over plausible ui', () => {
  it.each(callNames.map((name) => [name]))(
    'answers %s with the handler result in an ok envelope',
    async (name) => {
      const res = await send(host.port, {
        method: 'POST',
        path: `/api/call/${name}`,
        headers: callHeaders(),
        body: JSON.stringify(sampleInputs[name]),
      })
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toEqual({ ok: true, value: sampleOutputs[name] })
    },
  )

  it.each(callNames.map((name) => [name]))(
    'answers %s with a USAGE envelope for an input that is not an object',
    async (name) => {
      const res = await send(host.port, {
        method: 'POST',
        path: `/api/call/${name}`,
        headers: callHeaders(),
        body: '[1]',
      })
      expect(JSON.parse(res.body)).toMatchObject({
        ok: false,
        error: { code: 'USAGE', hint: expect.any(String) },
      })
    },
  )
})

describe('the contract over plausible ui, on a real core with the Demo account', () => {
  let core: Core
  let real: UiHost
  let realToken: string
  let configDir: string

  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'ui-host-core-'))
    // Keys added by the accounts.* calls stay in this test's folder, never in a real keychain.
    core = await openCore({ configDir, env: { PLAUSIBLE_SECRET_STORE: 'file' }, addDemoIfEmpty: true })
    real = await serveUi({ handlers: core.handlers, rendererDir: join(work, 'renderer') })
    realToken = new URL(real.url).searchParams.get('token') ?? ''
  })

  afterAll(async () => {
    await real?.close()
    await core?.close()
    await rm(configDir, { recursive: true, force: true })
  })

  async function realCall(
    name: string,
    input: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
    const res = await send(real.port, {
      method: 'POST',
      path: `/api/call/${name}`,
      headers: {
        host: `127.0.0.1:${real.port}`,
        'content-type': 'application/json',
        [tokenHeader]: realToken,
      },
      body: JSON.stringify(input),
    })
    expect(res.status).toBe(200)
    return JSON.parse(res.body)
  }

  it('issues a different token per run', () => {
    expect(realToken).not.toBe(token)
  })

  it.each(callNames.map((name) => [name]))('answers %s from the core with an ok envelope', async (name) => {
    const sites = (await realCall('sites.list', {})) as {
      ok: true
      value: { sites: Array<{ domain: string }> }
    }
    const site = sites.value.sites[0]?.domain ?? ''
    expect(site).not.toBe('')
    // The Demo account's sandbox (seed 42) knows two keys: one to add an account with, one to rotate to.
    const demoBaseUrl = (
      (await realCall('accounts.list', {})) as {
        value: { accounts: Array<{ isDemo: boolean; baseUrl: string }> }
      }
    ).value.accounts.find((account) => account.isDemo)?.baseUrl
    const keys = sandboxKeys(42)
    const inputs: Record<CallName, unknown> = {
      'accounts.list': {},
      'accounts.add': { alias: `ui-host-${name.split('.')[1]}`, baseUrl: demoBaseUrl, apiKey: keys.demo.key },
      'accounts.use': { alias: 'demo' },
      'accounts.remove': { alias: 'ui-host-add' },
      'accounts.export': {},
      'accounts.import': { accounts: [{ alias: 'demo', baseUrl: 'builtin:sandbox', isDemo: true }] },
      'accounts.budget': { alias: 'demo', hourlyLimit: 600 },
      'accounts.allowInsecureHttp': { alias: 'ui-host-allowInsecureHttp', allow: true },
      'accounts.rotate': { alias: 'ui-host-rotate', apiKey: keys.statsOnly.key },
      'sites.list': {},
      'sites.get': { account: 'demo', site },
      'sites.create': {
        account: 'demo',
        domain: `ui-host-${name.split('.')[1]}.example`,
        timezone: 'Europe/Berlin',
      },
      'sites.update': { account: 'demo', site: 'ui-host-create.example', tracker: { outboundLinks: true } },
      'sites.delete': { account: 'demo', site: 'ui-host-create.example' },
      'capabilities.get': { account: 'demo' },
      'goals.list': { account: 'demo', site },
      'goals.add': { account: 'demo', site, goalType: 'event', eventName: 'UI host' },
      'goals.remove': { account: 'demo', site, goalId: 0 },
      'props.list': { account: 'demo', site },
      'props.add': { account: 'demo', site, property: 'ui-host' },
      'props.remove': { account: 'demo', site, property: 'ui-host' },
      'sharedLinks.create': { account: 'demo', site, name: 'UI host' },
      'guests.list': { account: 'demo', site },
      'guests.invite': { account: 'demo', site, email: 'ui-host@example.com', role: 'viewer' },
      'guests.remove': { account: 'demo', site, email: 'ui-host@example.com' },
      'status.get': {},
      'doctor.run': { account: 'demo' },
      'stats.query': { query: { site_id: site, metrics: ['visitors'], date_range: '7d' } },
      'stats.realtime': { site },
      'budget.status': {},
      'queue.inspect': {},
      'queue.corruptList': {},
      'queue.corruptDelete': { names: ['none.json.1'] },
      'queue.corruptRetry': { names: ['none.json.1'] },
      'events.send': { event: { name: 'pageview', url: `https://${site}/contract` } },
      'debug.http': { limit: 5 },
      'pins.list': {},
      'pins.set': { pins: [{ account: 'demo', site }] },
      'alerts.get': {},
      'alerts.set': { maxPerHour: 3 },
      'tray.get': {},
      'tray.set': { calm: true },
      'siteIcons.get': {},
      'siteIcons.set': { fetch: false },
      'siteIcons.icon': { site },
      'realtime.history': { site },
      'overview.get': { refresh: 'none' },
      'report.build': { scope: { kind: 'site', site }, period: { key: '7d' } },
      'report.print': { report: sampleReport },
      'reportSchedules.list': {},
      'reportSchedules.add': { cadence: 'weekly', scope: 'site', site, folder: configDir },
      'reportSchedules.remove': { id: 'none' },
      'reportSchedules.run': {},
      'dialog.pickFolder': {},
      'mcp.config': {},
      'imports.list': {},
      'imports.start': {
        source: { name: 'ui-host.ndjson', digest: '0123456789abcdef', format: 'ndjson' },
        linesRead: 0,
        refused: {},
      },
      'imports.finish': { id: 'none' },
      'metricsEndpoint.get': {},
      'metricsEndpoint.set': { enabled: false, address: '127.0.0.1:0' },
      'annotations.list': { account: 'demo', site },
      'annotations.add': { account: 'demo', site, date: '2026-11-20', kind: 'deploy', text: 'v2.3' },
      'annotations.remove': { id: 'none' },
    }
    if (name === 'annotations.remove') {
      const added = (await realCall('annotations.add', inputs['annotations.add'])) as {
        value: { annotation: { id: string } }
      }
      inputs['annotations.remove'] = { id: added.value.annotation.id }
    }
    if (name === 'imports.finish') {
      const started = (await realCall('imports.start', inputs['imports.start'])) as { value: { id: string } }
      inputs['imports.finish'] = { id: started.value.id }
    }
    if (name === 'reportSchedules.remove') {
      const added = (await realCall('reportSchedules.add', inputs['reportSchedules.add'])) as {
        value: { schedule: { id: string } }
      }
      inputs['reportSchedules.remove'] = { id: added.value.schedule.id }
    }
    if (name === 'accounts.rotate' || name === 'accounts.allowInsecureHttp')
      await realCall('accounts.add', inputs['accounts.add'])
    // Writes that need something to act on create it first.
    if (name === 'sites.update' || name === 'sites.delete')
      await realCall('sites.create', { account: 'demo', domain: 'ui-host-create.example' })
    if (name === 'goals.remove') {
      const added = (await realCall('goals.add', inputs['goals.add'])) as { value: { goal: { id: number } } }
      inputs['goals.remove'] = { account: 'demo', site, goalId: added.value.goal.id }
    }
    const wire = await realCall(name, inputs[name])
    // The desktop app's own dialogs and print: a core without a window says so, in the typed error.
    if (name === 'report.print' || name === 'dialog.pickFolder') {
      expect(wire).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } })
      return
    }
    expect(wire.ok, JSON.stringify(wire)).toBe(true)
  })

  it('answers a site the server does not know with the typed error, message and hint', async () => {
    const wire = await realCall('stats.query', {
      query: { site_id: 'not-a-site.example', metrics: ['visitors'], date_range: '7d' },
    })
    expect(wire).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID', message: expect.any(String), hint: expect.any(String) },
    })
  })
})
