import { describe, expect, it } from 'vitest'
import type { PlausibleBridge } from '../../../../src/shared/contract/bridge'
import {
  bridgeTransport,
  httpTransport,
  takeUiToken,
  tokenStorageKey,
} from '../../../../src/renderer/src/api/client'

function page(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored))
  const replaced: string[] = []
  return {
    replaced,
    storage,
    env: {
      location: { href },
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url?: string | URL | null) =>
          void replaced.push(String(url)),
      },
      storage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      },
    },
  }
}

describe('takeUiToken', () => {
  it('reads the token from the URL, keeps it for the tab and removes it from the address bar', () => {
    const p = page('http://127.0.0.1:4000/?token=abc123&period=7d#top')
    expect(takeUiToken(p.env)).toBe('abc123')
    expect(p.storage.get(tokenStorageKey)).toBe('abc123')
    expect(p.replaced).toEqual(['/?period=7d#top'])
  })

  it('falls back to the token kept for the tab after a reload', () => {
    const p = page('http://127.0.0.1:4000/', { [tokenStorageKey]: 'kept' })
    expect(takeUiToken(p.env)).toBe('kept')
    expect(p.replaced).toEqual([])
  })

  it('has no token when neither the URL nor the tab has one', () => {
    expect(takeUiToken(page('http://127.0.0.1:4000/').env)).toBeNull()
  })
})

describe('httpTransport', () => {
  it('posts the input as JSON to /api/call/<name> with the token header', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, init })
      return new Response(JSON.stringify({ ok: true, value: { site: 'a.example', visitors: 2 } }))
    }) as unknown as typeof fetch
    const wire = await httpTransport('tok', fetchImpl)('stats.realtime', { site: 'a.example' })
    expect(wire).toEqual({ ok: true, value: { site: 'a.example', visitors: 2 } })
    expect(seen[0]?.url).toBe('/api/call/stats.realtime')
    expect(seen[0]?.init.method).toBe('POST')
    expect(seen[0]?.init.headers).toEqual({ 'content-type': 'application/json', 'x-plausible-token': 'tok' })
    expect(seen[0]?.init.body).toBe('{"site":"a.example"}')
  })

  it('passes a refusal envelope through with its code', async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: 'no', hint: 'reopen' } }
    const fetchImpl = (async () =>
      new Response(JSON.stringify(refusal), { status: 403 })) as unknown as typeof fetch
    expect(await httpTransport(null, fetchImpl)('accounts.list', {})).toEqual(refusal)
  })

  it('turns a dead server or a non-envelope answer into APP_UNREACHABLE with a hint', async () => {
    const dead = (async () => {
      throw new TypeError('fetch failed')
    }) as unknown as typeof fetch
    const down = await httpTransport('t', dead)('accounts.list', {})
    expect(down).toMatchObject({
      ok: false,
      error: { code: 'APP_UNREACHABLE', hint: expect.stringContaining('plausible ui') },
    })
    const html = (async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch
    const odd = await httpTransport('t', html)('accounts.list', {})
    expect(odd).toMatchObject({
      ok: false,
      error: { code: 'APP_UNREACHABLE', message: expect.stringContaining('502') },
    })
  })
})

describe('bridgeTransport', () => {
  it('calls the preload function of the same name', async () => {
    const partial = { 'budget.status': async (input: unknown) => ({ ok: true, value: input }) }
    const transport = bridgeTransport(partial as unknown as PlausibleBridge)
    expect(await transport('budget.status', { account: 'demo' })).toEqual({
      ok: true,
      value: { account: 'demo' },
    })
    expect(await transport('sites.list', {})).toMatchObject({ ok: false, error: { code: 'APP_UNREACHABLE' } })
  })
})
