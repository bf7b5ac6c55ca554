// Metrics a server may not know: scroll_depth became public in a newer schema, and an older server answers
// 400 `#/metrics/0: Invalid metric "scroll_depth"` (plausible-api.md §4.3 version note). The dashboard asks
// for them once; a refusal names the metric, which is then left out of that account's queries for good,
// instead of the whole panel failing.
import { metrics as knownMetrics, type Metric } from '../plausible/vocabulary'

/** The metrics the dashboard adds to queries of its own accord, and so may take back out. */
export const optionalMetrics: readonly Metric[] = ['scroll_depth', 'time_on_page']

/**
 * The optional metric a failure says the server does not know, or null: only a rejected query
 * (QUERY_INVALID) whose text is the schema's "Invalid metric" for one of `optionalMetrics`.
 */
export function refusedMetric(error: { code?: string; message?: string } | null | undefined): Metric | null {
  if (!error || error.code !== 'QUERY_INVALID' || typeof error.message !== 'string') return null
  const named = /Invalid metric "([a-z_]+)"/.exec(error.message)?.[1]
  if (named === undefined || !(knownMetrics as readonly string[]).includes(named)) return null
  return optionalMetrics.includes(named as Metric) ? (named as Metric) : null
}

/** `metrics` without those the account's server refused, in their order. */
export function supportedMetrics<M extends string>(
  metrics: readonly M[],
  unsupported: readonly string[] = [],
): M[] {
  return metrics.filter((metric) => !unsupported.includes(metric))
}
