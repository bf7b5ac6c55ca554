// Identical reads share one request: a read already in flight is joined, a fresh result is served from
// memory. Keys are the budget (server and key), the call and its input with object keys sorted, so two
// spellings of one question meet. Only successes are kept; a failure reaches every waiter and is forgotten.
import type { Clock } from '../ports'

export type ReadSource = 'network' | 'coalesced' | 'cache'

export interface ReadCacheStats {
  /** Reads answered by a request of their own. */
  requests: number
  /** Reads that joined a request already in flight. */
  coalesced: number
  /** Reads answered from a fresh result. */
  cached: number
}

export interface ReadCache {
  read<T>(key: string, freshForMs: number, load: () => Promise<T>): Promise<{ value: T; source: ReadSource }>
  /** The last value kept for the key, fresh or not, without a request: for words, never for numbers. */
  peek<T>(key: string): T | undefined
  stats(): ReadCacheStats
  clear(): void
}

/** A kept result, in a list from the least recently used to the most. */
interface Entry {
  key: string
  value: unknown
  until: number
  older: Entry | null
  newer: Entry | null
}

export function createReadCache(options: { clock: Clock; maxEntries?: number }): ReadCache {
  const { clock } = options
  const maxEntries = options.maxEntries ?? 500
  const fresh = new Map<string, Entry>()
  const inFlight = new Map<string, Promise<unknown>>()
  const stats: ReadCacheStats = { requests: 0, coalesced: 0, cached: 0 }
  // Recency is a list through the entries, not the Map's order: deleting and re-inserting on every hit
  // made the Map allocate a new table per read in the old generation, which only a full GC reclaims; a
  // counter per entry made every eviction a scan of the whole cache. Moving an entry is four pointers.
  let leastRecent: Entry | null = null
  let mostRecent: Entry | null = null

  function unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer
    else leastRecent = entry.newer
    if (entry.newer) entry.newer.older = entry.older
    else mostRecent = entry.older
    entry.older = null
    entry.newer = null
  }

  function markUsed(entry: Entry): void {
    if (entry === mostRecent) return
    if (entry.older || entry.newer || entry === leastRecent) unlink(entry)
    entry.older = mostRecent
    if (mostRecent) mostRecent.newer = entry
    mostRecent = entry
    leastRecent ??= entry
  }

  function keep(key: string, value: unknown, until: number): void {
    const known = fresh.get(key)
    if (known) {
      known.value = value
      known.until = until
      markUsed(known)
      return
    }
    const entry: Entry = { key, value, until, older: null, newer: null }
    fresh.set(key, entry)
    markUsed(entry)
    if (fresh.size > maxEntries && leastRecent) {
      const evicted = leastRecent
      unlink(evicted)
      fresh.delete(evicted.key)
    }
  }

  return {
    async read<T>(key: string, freshForMs: number, load: () => Promise<T>) {
      const hit = fresh.get(key)
      if (hit && hit.until > clock()) {
        stats.cached += 1
        markUsed(hit)
        return { value: hit.value as T, source: 'cache' as const }
      }
      const running = inFlight.get(key)
      if (running) {
        stats.coalesced += 1
        return { value: (await running) as T, source: 'coalesced' as const }
      }
      stats.requests += 1
      const loading = load()
      inFlight.set(key, loading)
      try {
        const value = await loading
        keep(key, value, clock() + freshForMs)
        return { value, source: 'network' as const }
      } finally {
        inFlight.delete(key)
      }
    },
    peek: <T>(key: string) => fresh.get(key)?.value as T | undefined,
    stats: () => ({ ...stats }),
    clear() {
      fresh.clear()
      leastRecent = null
      mostRecent = null
    },
  }
}

/** The cache key of a call: budget id, call name and the input as canonical JSON. */
export function readKey(budgetId: string, call: string, input: unknown): string {
  return `${budgetId} ${call} ${canonicalJson(input)}`
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
