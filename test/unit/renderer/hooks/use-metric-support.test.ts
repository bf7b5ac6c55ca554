import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const key = 'plausible-desktop:unsupported-metrics'
let store: Map<string, string>

beforeEach(() => {
  store = new Map()
  vi.stubGlobal('localStorage', {
    getItem: (name: string) => store.get(name) ?? null,
    setItem: (name: string, value: string) => void store.set(name, value),
  })
  vi.resetModules()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const load = () => import('../../../../src/renderer/src/hooks/use-metric-support')

describe('the per-account memory of refused metrics', () => {
  it('remembers a refused metric for its account only, once, and keeps it in localStorage', async () => {
    const { rememberUnsupported, unsupportedMetrics } = await load()
    expect(unsupportedMetrics('older')).toEqual([])
    rememberUnsupported('older', 'scroll_depth')
    rememberUnsupported('older', 'scroll_depth')
    rememberUnsupported('older', 'total_revenue')
    expect(unsupportedMetrics('older')).toEqual(['scroll_depth', 'total_revenue'])
    expect(unsupportedMetrics('demo')).toEqual([])
    expect(unsupportedMetrics(undefined)).toEqual([])
    expect(JSON.parse(store.get(key)!)).toEqual({ older: ['scroll_depth', 'total_revenue'] })
  })

  it('reads what an earlier window remembered, and ignores a stored value that is not a map', async () => {
    store.set(key, JSON.stringify({ older: ['scroll_depth'] }))
    expect((await load()).unsupportedMetrics('older')).toEqual(['scroll_depth'])
    vi.resetModules()
    store.set(key, '["scroll_depth"]')
    expect((await load()).unsupportedMetrics('older')).toEqual([])
    vi.resetModules()
    store.set(key, '{not json')
    expect((await load()).unsupportedMetrics('older')).toEqual([])
  })
})
