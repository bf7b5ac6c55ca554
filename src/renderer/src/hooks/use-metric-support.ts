// Which optional metrics (scroll depth, time on page) each account's server refused, remembered in
// localStorage: the first refusal costs one request, every query after it leaves the metric out, and the
// column or stat is hidden instead of the panel failing (shared/stats/metric-support.ts says which).
import { useEffect, useSyncExternalStore } from 'react'
import { refusedMetric } from '../../../shared/stats/metric-support'

const storageKey = 'plausible-desktop:unsupported-metrics'
const listeners = new Set<() => void>()
const none: readonly string[] = []
let cache: Record<string, readonly string[]> | null = null

function load(): Record<string, readonly string[]> {
  if (cache) return cache
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '{}')
    cache =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, readonly string[]>)
        : {}
  } catch {
    cache = {}
  }
  return cache
}

/** The metrics this account's server refused (none known: empty). Readable outside React (an export). */
export function unsupportedMetrics(account: string | undefined): readonly string[] {
  return account === undefined ? none : (load()[account] ?? none)
}

/** Records that the account's server refused `metric`; the queries that depend on it re-run without it. */
export function rememberUnsupported(account: string, metric: string): void {
  const current = unsupportedMetrics(account)
  if (current.includes(metric)) return
  cache = { ...load(), [account]: [...current, metric] }
  try {
    localStorage.setItem(storageKey, JSON.stringify(cache))
  } catch {
    // Storage off: remembered for this window only.
  }
  for (const listener of listeners) listener()
}

/** The account's refused metrics, re-rendering when one more is learnt. */
export function useUnsupportedMetrics(account: string | undefined): readonly string[] {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => unsupportedMetrics(account),
  )
}

/** Learns from a query's failure: an optional metric the server does not know is left out from then on. */
export function useMetricRefusal(account: string | undefined, error: unknown): void {
  const metric = refusedMetric(error as { code?: string; message?: string } | null)
  useEffect(() => {
    if (account !== undefined && metric !== null) rememberUnsupported(account, metric)
  }, [account, metric])
}
