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

export function createReadCache(options: { clock: Clock; maxEntries?: number }): ReadCache {
  const { clock } = options
  const maxEntries = options.maxEntries ?? 500
  const fresh = new Map<string, { value: unknown; until: number }>()
  const inFlight = new Map<string, Promise<unknown>>()
  const stats: ReadCacheStats = { requests: 0, coalesced: 0, cached: 0 }

  return {
    async read<T>(key: string, freshForMs: number, load: () => Promise<T>) {
      const hit = fresh.get(key)
      if (hit && hit.until > clock()) {
        stats.cached += 1
        // Map order is insertion order: re-inserting keeps the most recently used last.
        fresh.delete(key)
        fresh.set(key, hit)
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
        fresh.delete(key)
        fresh.set(key, { value, until: clock() + freshForMs })
        while (fresh.size > maxEntries) fresh.delete(fresh.keys().next().value as string)
        return { value, source: 'network' as const }
      } finally {
        inFlight.delete(key)
      }
    },
    peek: <T>(key: string) => fresh.get(key)?.value as T | undefined,
    stats: () => ({ ...stats }),
    clear() {
      fresh.clear()
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
