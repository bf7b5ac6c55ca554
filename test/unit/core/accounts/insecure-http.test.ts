// Keys stay off clear text, in the core: every path that sends a key (accounts add and its key check,
// reads through the connector, rotate, one-run overrides, and any client at all through the transport)
// refuses plain http to another machine without consent, before a request leaves.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPlausibleClient } from '../../../../src/core/api/client'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'
import type { SecretStore, StoredAccount } from '../../../../src/core/ports'
import { memorySettings } from '../../../helpers/memory-settings'

const key = 'lanKey-0123456789abcdefghijklmnopqrstuv'
const lanUrl = 'http://192.168.1.20:8000'
const query = { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d' }

/** Every request the core sends, answered 400 "Missing site ID" (the key check's accepted answer, §2). */
function recordingFetch() {
  const sent: Array<{ url: string; authorization: string | null }> = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers)
    sent.push({ url: String(input), authorization: headers.get('authorization') })
    return new Response(JSON.stringify({ error: 'Missing site ID' }), {
      status: 400,
      headers: { 'content-type': 'application/json' },
    })
  }) as typeof globalThis.fetch
  return { fetch, sent }
}

function memorySecrets(): SecretStore & { keys: Map<string, string> } {
  const keys = new Map<string, string>()
  return {
    kind: 'keychain',
    keys,
    get: async (alias) => keys.get(alias) ?? null,
    set: async (alias, secret) => void keys.set(alias, secret),
    delete: async (alias) => keys.delete(alias),
  }
}

const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
})

async function coreWith(accounts: StoredAccount[], env: Record<string, string> = {}) {
  const settings = memorySettings({ accounts, defaultAccount: accounts[0]?.alias ?? null })
  const secrets = memorySecrets()
  for (const account of accounts) secrets.keys.set(account.alias, key)
  const { fetch, sent } = recordingFetch()
  const core = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'plain-http-')),
    env,
    settings,
    secrets,
    fetch,
    deliverJournal: false,
  })
  cores.push(core)
  const call = (name: string, input: unknown) => dispatch(core.handlers, name, input)
  return { call, sent, settings, secrets }
}

const refused = (message: string, hint: string) => ({
  ok: false,
  error: { code: 'INSECURE_HTTP', message, hint },
})

describe('accounts.add', () => {
  it('refuses a plain http server on the network before the key is checked, and stores nothing', async () => {
    const { call, sent, settings, secrets } = await coreWith([])
    expect(await call('accounts.add', { alias: 'lan', baseUrl: lanUrl, apiKey: key })).toEqual(
      refused(
        `${lanUrl} is plain http: anyone on the network between here and the server can read the key. Nothing was sent and "lan" was not added.`,
        "Use the server's https:// address; if it has none, add the account with --allow-insecure-http (in the window, tick the box that says so).",
      ),
    )
    expect(sent).toEqual([])
    expect(settings.current.accounts).toEqual([])
    expect(secrets.keys.size).toBe(0)
  })

  it('adds it with consent, checks the key over it, and keeps the consent with the account', async () => {
    const { call, sent, settings } = await coreWith([])
    const added = await call('accounts.add', {
      alias: 'lan',
      baseUrl: lanUrl,
      apiKey: key,
      allowInsecureHttp: true,
    })
    expect(added).toMatchObject({ ok: true, value: { account: { alias: 'lan', allowInsecureHttp: true } } })
    expect(sent).toEqual([{ url: `${lanUrl}/api/v2/query`, authorization: `Bearer ${key}` }])
    expect(settings.current.accounts).toEqual([
      { alias: 'lan', baseUrl: lanUrl, hourlyLimit: 600, allowInsecureHttp: true },
    ])
  })

  it.each([
    'https://stats.example.com',
    'http://127.0.0.1:8000',
    'http://localhost:8000',
    'http://[::1]:8000',
  ])('needs no consent for %s, and keeps none', async (baseUrl) => {
    const { call, settings } = await coreWith([])
    expect(
      await call('accounts.add', { alias: 'safe', baseUrl, apiKey: key, allowInsecureHttp: true }),
    ).toMatchObject({
      ok: true,
    })
    expect(settings.current.accounts[0]).not.toHaveProperty('allowInsecureHttp')
  })
})

describe('an account stored without consent (added by an earlier version)', () => {
  const legacy: StoredAccount = { alias: 'lan', baseUrl: lanUrl, hourlyLimit: 600 }
  const stored = refused(
    `Account "lan" would send its key to ${lanUrl} over plain http: anyone on the network between here and the server can read the key. Nothing was sent.`,
    'If the server has no https address, consent with `plausible accounts allow-insecure-http lan` (or PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for one run); else remove the account and add it again with its https:// address.',
  )

  it('is refused for reads and for a key rotation, before anything is sent', async () => {
    const { call, sent } = await coreWith([legacy])
    expect(await call('stats.query', { account: 'lan', query })).toEqual(stored)
    expect(await call('accounts.rotate', { alias: 'lan', apiKey: `${key}x` })).toEqual(stored)
    expect(sent).toEqual([])
  })

  it('works once consent is given, and is refused again once it is taken back', async () => {
    const { call, sent, settings } = await coreWith([legacy])
    expect(await call('accounts.allowInsecureHttp', { alias: 'lan', allow: true })).toMatchObject({
      ok: true,
      value: { account: { alias: 'lan', allowInsecureHttp: true } },
    })
    expect(settings.current.accounts[0]).toEqual({ ...legacy, allowInsecureHttp: true })
    expect(await call('stats.query', { account: 'lan', query })).toMatchObject({
      ok: false,
      error: { code: 'QUERY_INVALID' },
    })
    expect(sent).toHaveLength(1)
    expect(await call('accounts.allowInsecureHttp', { alias: 'lan', allow: false })).toMatchObject({
      ok: true,
    })
    expect(settings.current.accounts[0]).toEqual(legacy)
    expect(await call('stats.query', { account: 'lan', query })).toEqual(stored)
    expect(sent).toHaveLength(1)
  })

  it('works for one run with PLAUSIBLE_ALLOW_INSECURE_HTTP=1', async () => {
    const { call, sent } = await coreWith([legacy], { PLAUSIBLE_ALLOW_INSECURE_HTTP: '1' })
    expect(await call('stats.query', { account: 'lan', query })).toMatchObject({
      error: { code: 'QUERY_INVALID' },
    })
    expect(sent).toHaveLength(1)
  })

  it('carries its consent through an export and an import', async () => {
    const first = await coreWith([{ ...legacy, allowInsecureHttp: true }])
    const exported = (await first.call('accounts.export', {})) as { value: { accounts: unknown[] } }
    expect(exported.value.accounts).toEqual([
      {
        alias: 'lan',
        baseUrl: lanUrl,
        hourlyLimit: 600,
        isDefault: true,
        isDemo: false,
        allowInsecureHttp: true,
      },
    ])
    const second = await coreWith([])
    expect(await second.call('accounts.import', { accounts: exported.value.accounts })).toMatchObject({
      ok: true,
    })
    expect(second.settings.current.accounts).toEqual([{ ...legacy, allowInsecureHttp: true }])
  })
})

describe('a server named for one run', () => {
  it('is refused with the run’s own way to consent, and allowed with it', async () => {
    const env = { PLAUSIBLE_API_KEY: key, PLAUSIBLE_BASE_URL: lanUrl }
    const plain = await coreWith([], env)
    expect(await plain.call('stats.query', { query })).toEqual(
      refused(
        `The server named for this run, ${lanUrl}, is plain http: anyone on the network between here and the server can read the key. Nothing was sent.`,
        'Name its https:// address, or set PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for this run if it has none.',
      ),
    )
    expect(plain.sent).toEqual([])
    const allowed = await coreWith([], { ...env, PLAUSIBLE_ALLOW_INSECURE_HTTP: '1' })
    expect(await allowed.call('stats.query', { query })).toMatchObject({ error: { code: 'QUERY_INVALID' } })
    expect(allowed.sent).toHaveLength(1)
  })
})

describe('the transport, the last guard', () => {
  it('sends no key over plain http to the network from a client built without consent', async () => {
    const { fetch, sent } = recordingFetch()
    const client = createPlausibleClient({ baseUrl: lanUrl, apiKey: key, fetch })
    await expect(client.query(query as never)).rejects.toMatchObject({ code: 'INSECURE_HTTP' })
    expect(sent).toEqual([])
    const consented = createPlausibleClient({ baseUrl: lanUrl, apiKey: key, fetch, allowInsecureHttp: true })
    await expect(consented.query(query as never)).rejects.toMatchObject({ code: 'QUERY_INVALID' })
    const local = createPlausibleClient({ baseUrl: 'http://127.0.0.1:8000', apiKey: key, fetch })
    await expect(local.query(query as never)).rejects.toMatchObject({ code: 'QUERY_INVALID' })
    expect(sent.map((request) => request.url)).toEqual([
      `${lanUrl}/api/v2/query`,
      'http://127.0.0.1:8000/api/v2/query',
    ])
  })
})
