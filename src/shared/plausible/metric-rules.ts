// Which metrics a v2 query may ask for, given its dimensions and filters, in the server's own words: a
// view of the shared query rules (query-rules/build.ts, table-decider.ts) for the callers that pick
// metrics — the CLI's defaults and the dashboard's top stats — so a filter never turns a default metric
// into an error, and the reason given is the refusal the server would send.
import type { Filter } from './query'
import { filterLeaves, metricRefusal as ruleFor, metricsDimensionsConflict } from './query-rules'
import { filtersOnDimension as onDimension } from './query-rules/filter-tree'

/** The parts of a query the metric rules look at. */
export interface MetricContext {
  dimensions: readonly string[]
  filters: readonly Filter[]
}

/**
 * Whether a filter is on `dimension`, inside and/or/not at any depth. Behavioural filters (has_done…)
 * are about other events of the visit, so the server does not count them here.
 */
export function filtersOnDimension(filters: readonly Filter[], dimension: string): boolean {
  return onDimension(filterLeaves(filters), dimension)
}

/** The server's refusal of one metric under these dimensions and filters (table conflict aside), or null. */
export function metricRefusal(metric: string, context: MetricContext): string | null {
  return ruleFor(metric, 0, context.dimensions, filterLeaves(context.filters))?.message ?? null
}

/**
 * The event/session table conflict (session metrics with event dimensions other than event:page alone,
 * event metrics with entry/exit dimensions); the server names every such metric and dimension. Null when none.
 */
export function sessionMetricsRefusal(
  metrics: readonly string[],
  dimensions: readonly string[],
): string | null {
  return metricsDimensionsConflict(metrics, dimensions)?.message ?? null
}

export interface AllowedMetrics<M extends string> {
  /** `wanted` in its order, without the metrics the server would refuse here. */
  metrics: M[]
  /** Each metric taken out, with the server's reason. */
  leftOut: Array<{ metric: M; reason: string }>
}

/** The metrics of `wanted` this query may ask for, and the ones it may not with the server's reasons. */
export function allowedMetrics<M extends string>(
  wanted: readonly M[],
  context: MetricContext,
): AllowedMetrics<M> {
  const result: AllowedMetrics<M> = { metrics: [], leftOut: [] }
  for (const metric of wanted) {
    const reason = metricRefusal(metric, context) ?? sessionMetricsRefusal([metric], context.dimensions)
    if (reason === null) result.metrics.push(metric)
    else result.leftOut.push({ metric, reason })
  }
  return result
}
