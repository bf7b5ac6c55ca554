// Which metrics a v2 query may ask for, given its dimensions and filters (plausible-api.md §4.3), in the
// server's own words. Kept once: the sandbox answers with these refusals, and the CLI picks its default
// metrics by them, so a filter never turns a default metric into an error.
import type { Filter } from './query'
import { goalMetrics, sessionMetrics, ungroupedMetrics } from './vocabulary'

/** The parts of a query the metric rules look at. */
export interface MetricContext {
  dimensions: readonly string[]
  filters: readonly Filter[]
}

const isOneOf = (list: readonly string[], value: string): boolean => list.includes(value)

/**
 * Whether a filter is on `dimension`, inside and/or/not at any depth. Behavioural filters (has_done…)
 * are about other events of the visit, so the server does not count them here.
 */
export function filtersOnDimension(filters: readonly Filter[], dimension: string): boolean {
  return filters.some((filter) => {
    const [operator] = filter
    if (operator === 'and' || operator === 'or') return filtersOnDimension(filter[1] as Filter[], dimension)
    if (operator === 'not') return filtersOnDimension([filter[1] as Filter], dimension)
    if (operator === 'has_done' || operator === 'has_not_done') return false
    return filter[1] === dimension
  })
}

/** The server's refusal of one metric under these dimensions and filters (session rule aside), or null. */
export function metricRefusal(metric: string, context: MetricContext): string | null {
  const hasGoal =
    context.dimensions.includes('event:goal') || filtersOnDimension(context.filters, 'event:goal')
  if (isOneOf(goalMetrics, metric) && !hasGoal)
    return `Metric \`${metric}\` can only be queried with event:goal filters or dimensions.`
  if (isOneOf(ungroupedMetrics, metric)) {
    if (filtersOnDimension(context.filters, 'event:page'))
      return `Metric \`${metric}\` cannot be queried with a filter on \`event:page\`.`
    if (context.dimensions.length > 0) return `Metric \`${metric}\` cannot be queried with \`dimensions\`.`
  }
  return null
}

/**
 * Session metrics mix with event:page (and event:hostname next to it) but with no other event dimension
 * (§4.3); the server names every such metric and dimension of the query in one message. Null when none.
 */
export function sessionMetricsRefusal(
  metrics: readonly string[],
  dimensions: readonly string[],
): string | null {
  const session = metrics.filter((metric) => isOneOf(sessionMetrics, metric))
  const eventDimensions = dimensions.filter(
    (dimension) =>
      dimension.startsWith('event:') &&
      dimension !== 'event:page' &&
      !(dimension === 'event:hostname' && dimensions.includes('event:page')),
  )
  if (session.length === 0 || eventDimensions.length === 0) return null
  return `Session metric(s) \`${session.join(', ')}\` cannot be queried along with event dimension(s) \`${eventDimensions.join(', ')}\``
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
