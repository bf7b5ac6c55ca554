import { describe, expect, it } from 'vitest'
import { canonicalJson, createReadCache, readKey } from '../../../../src/core/cache/read-cache'
import { freshnessFor, kindOfQuery } from '../../../../src/core/cache/freshness'

describe('read cache', () => {
  it('joins identical reads in flight into one request', async () => {
    const cache = createReadCache({ clock: () => 0 })
    let loads = 0
    let finish: (value: number) => void = () => undefined
    const load = () => {
      loads += 1
      return new Promise<number>((resolve) => (finish = resolve))
    }
    const reads = [cache.read('k', 1000, load), cache.read('k', 1000, load), cache.read('k', 1000, load)]
    finish(42)
    expect((await Promise.all(reads)).map((read) => read.source)).toEqual([
      'network',
      'coalesced',
      'coalesced',
    ])
    expect(loads).toBe(1)
    expect(cache.stats()).toEqual({ requests: 1, coalesced: 2, cached: 0 })
  })

  it('serves a fresh result from memory until its freshness ends', async () => {
    let now = 0
    const cache = createReadCache({ clock: () => now })
    let loads = 0
    const load = async () => ++loads
    expect(await cache.read('k', 15_000, load)).toEqual({ value: 1, source: 'network' })
    now = 14_999
    expect(await cache.read('k', 15_000, load)).toEqual({ value: 1, source: 'cache' })
    now = 15_000
    expect(await cache.read('k', 15_000, load)).toEqual({ value: 2, source: 'network' })
  })

  it('lets a caller peek at the last value kept, stale too, without a request or a count', async () => {
    let now = 0
    const cache = createReadCache({ clock: () => now })
    expect(cache.peek('k')).toBeUndefined()
    await cache.read('k', 1000, async () => ['a.com'])
    now = 1_000_000
    expect(cache.peek('k')).toEqual(['a.com'])
    expect(cache.stats()).toEqual({ requests: 1, coalesced: 0, cached: 0 })
    cache.clear()
    expect(cache.peek('k')).toBeUndefined()
  })

  it('keeps no failure: the next read asks again', async () => {
    const cache = createReadCache({ clock: () => 0 })
    await expect(cache.read('k', 1000, () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.read('k', 1000, async () => 7)).toEqual({ value: 7, source: 'network' })
  })

  it('keys a read on the budget, the call and the input whatever its key order', () => {
    expect(readKey('b1', 'stats.query', { site_id: 'a', metrics: ['visitors'] })).toBe(
      readKey('b1', 'stats.query', { metrics: ['visitors'], site_id: 'a' }),
    )
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: undefined }] })).toBe('{"a":[2,{"d":3}],"b":1}')
  })
})

describe('freshness', () => {
  const now = Date.parse('2026-11-23T10:15:00Z')

  it('keeps realtime seconds, today minutes and finished ranges an hour', () => {
    expect(freshnessFor('stats.realtime', { site: 'a' }, now)).toBe(15_000)
    expect(freshnessFor('stats.query', { date_range: 'day' }, now)).toBe(120_000)
    expect(freshnessFor('stats.query', { date_range: '7d' }, now)).toBe(3_600_000)
    expect(freshnessFor('sites.list', {}, now)).toBe(600_000)
    // A site's goals and custom properties change as rarely as its list: every dashboard load asks.
    expect(freshnessFor('props.list', { site: 'a' }, now)).toBe(600_000)
    expect(freshnessFor('goals.list', { site: 'a' }, now)).toBe(600_000)
  })

  it('tells finished date ranges from ones that reach today in any timezone', () => {
    expect(kindOfQuery({ date_range: ['2026-11-01', '2026-11-20'] }, now)).toBe('past')
    expect(kindOfQuery({ date_range: ['2026-11-01', '2026-11-22'] }, now)).toBe('today')
    expect(kindOfQuery({ date_range: ['2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z'] }, now)).toBe(
      'realtime',
    )
    expect(kindOfQuery({ date_range: 'month' }, now)).toBe('today')
    expect(kindOfQuery({ date_range: '6mo' }, now)).toBe('past')
  })
})

describe('read cache bound', () => {
  const loadOf = (value: string) => async () => value

  it('keeps exactly maxEntries results, and the next one evicts the least recently used, not the oldest', async () => {
    let now = 0
    const cache = createReadCache({ clock: () => now, maxEntries: 2 })
    await cache.read('a', 60_000, loadOf('A'))
    await cache.read('b', 60_000, loadOf('B'))
    now = 1
    // At the bound: both kept. A hit on `a` makes `b` the least recently used.
    expect(await cache.read('a', 60_000, loadOf('A2'))).toEqual({ value: 'A', source: 'cache' })
    expect(await cache.read('b', 60_000, loadOf('B2'))).toEqual({ value: 'B', source: 'cache' })
    expect(await cache.read('a', 60_000, loadOf('A3'))).toEqual({ value: 'A', source: 'cache' })
    // One past the bound: `b` goes, `a` (used last) stays.
    await cache.read('c', 60_000, loadOf('C'))
    expect(cache.peek('a')).toBe('A')
    expect(cache.peek('b')).toBeUndefined()
    expect(cache.peek('c')).toBe('C')
  })

  it('refreshes a stale entry in place, so it counts once toward the bound', async () => {
    let now = 0
    const cache = createReadCache({ clock: () => now, maxEntries: 2 })
    await cache.read('a', 1000, loadOf('A'))
    await cache.read('b', 1000, loadOf('B'))
    now = 5000
    expect(await cache.read('a', 1000, loadOf('A2'))).toEqual({ value: 'A2', source: 'network' })
    expect([cache.peek('a'), cache.peek('b')]).toEqual(['A2', 'B'])
  })

  it('evicts in least-recently-used order over a long run of hits, misses, refreshes and a clear', async () => {
    let now = 0
    const cache = createReadCache({ clock: () => now, maxEntries: 4 })
    // The model: keys from least to most recently used.
    let model: string[] = []
    let seed = 7
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31)
    for (let step = 0; step < 2_000; step++) {
      if (step === 1_000) {
        cache.clear()
        model = []
      }
      const key = `k${next() % 9}`
      // Every 50th step the clock passes every entry's freshness: the read refreshes in place.
      if (step % 50 === 0) now += 10_000
      await cache.read(key, 5_000, loadOf(key))
      model = [...model.filter((known) => known !== key), key].slice(-4)
      const kept = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'].filter(
        (known) => cache.peek(known) !== undefined,
      )
      expect(kept).toEqual([...model].sort())
    }
  })
})
