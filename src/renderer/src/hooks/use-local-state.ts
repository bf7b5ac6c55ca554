// Small view preferences kept in localStorage (panel tabs, remembered property names, realtime samples).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { useQueryClient } from '@tanstack/react-query'

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key)
    return text ? (JSON.parse(text) as T) : fallback
  } catch {
    return fallback
  }
}

/** useState backed by localStorage under `key` (re-read when the key changes, e.g. another site). */
export function useLocalState<T>(key: string, fallback: T): [T, (value: T) => void] {
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: read(key, fallback) }))
  const value = state.key === key ? state.value : read(key, fallback)
  const set = useCallback(
    (next: T) => {
      setState({ key, value: next })
      try {
        localStorage.setItem(key, JSON.stringify(next))
      } catch {
        // Storage off: the preference lasts this session only.
      }
    },
    [key],
  )
  return [value, set]
}

/**
 * The oldest time of the answers on screen that could not be refreshed (a stats query holding data and
 * an error): what the offline notice says the numbers are "as of". Null when everything is current.
 */
export function useOfflineAsOf(): number | null {
  const client = useQueryClient()
  const cache = client.getQueryCache()
  return useSyncExternalStore(
    (onChange) => cache.subscribe(onChange),
    () => {
      let oldest: number | null = null
      for (const query of cache.findAll({ queryKey: ['stats.query'], type: 'active' })) {
        const { data, error, dataUpdatedAt } = query.state
        if (data !== undefined && error)
          oldest = oldest === null ? dataUpdatedAt : Math.min(oldest, dataUpdatedAt)
      }
      return oldest
    },
  )
}

export interface Sample {
  at: number
  visitors: number
}

const samplesBySite = new Map<string, Sample[]>()
const listeners = new Set<() => void>()
const none: Sample[] = []

function addSample(siteKey: string, sample: Sample): void {
  const list = samplesBySite.get(siteKey) ?? []
  if (list[list.length - 1]?.at === sample.at) return
  samplesBySite.set(
    siteKey,
    [...list, sample].filter((s) => s.at > sample.at - 3_600_000),
  )
  for (const listener of listeners) listener()
}

/** Current-visitor readings of this window for a site, oldest first (the last hour's worth). */
export function useRealtimeSamples(siteKey: string, visitors: number | undefined, at: number): Sample[] {
  useEffect(() => {
    if (visitors !== undefined && at !== 0) addSample(siteKey, { at, visitors })
  }, [siteKey, visitors, at])
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => samplesBySite.get(siteKey) ?? none,
  )
}
