// The top stats row: the one aggregate v2 query it needs, and its result shaped into labelled values.
import { aggregateQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import type { Metric } from '../plausible/vocabulary'
import { allowedMetrics } from '../plausible/metric-rules'
import { hasGoalFilter, toV2Filters, type DashboardFilter } from './filters'
import { formatMetric } from './format'

export const topStatMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
] as const satisfies readonly Metric[]

/** With a goal filter the row turns into conversions, as Plausible's does. */
export const goalTopStatMetrics = [
  'visitors',
  'events',
  'conversion_rate',
] as const satisfies readonly Metric[]

export type TopStatMetric = (typeof topStatMetrics)[number] | (typeof goalTopStatMetrics)[number]

/** Plausible's own captions for the top stats. */
export const topStatLabels: Record<TopStatMetric, string> = {
  visitors: 'Unique visitors',
  visits: 'Total visits',
  pageviews: 'Total pageviews',
  views_per_visit: 'Views per visit',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
  events: 'Total conversions',
  conversion_rate: 'Conversion rate',
}

const goalLabels: Partial<Record<TopStatMetric, string>> = { visitors: 'Unique conversions' }

export interface TopStat {
  metric: TopStatMetric
  label: string
  /** The raw number the server sent; null when it sent none (e.g. duration of zero visits). */
  value: number | null
  /** `value` as the dashboard writes it. */
  display: string
}

/**
 * The metrics the row shows under these filters: conversions under a goal filter; otherwise the top
 * stats the server takes with these filters (no views per visit under a page filter, §4.3).
 */
export function topStatMetricsFor(filters: readonly DashboardFilter[] = []): TopStatMetric[] {
  if (hasGoalFilter(filters)) return [...goalTopStatMetrics]
  return allowedMetrics(topStatMetrics, { dimensions: [], filters: toV2Filters(filters) }).metrics
}

/** One aggregate query (no dimensions) for every top stat: one request of the hourly budget. */
export function topStatsQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[] = [],
  imports = false,
): V2Query {
  return aggregateQuery(siteId, {
    metrics: topStatMetricsFor(filters),
    dateRange,
    filters: toV2Filters(filters),
    ...(imports ? { imports: true } : {}),
  })
}

/**
 * Reads the single aggregate row (§4.7: aggregates return exactly one row) against the metrics the
 * query asked for (echoed in `query.metrics`, else the default row). Non-numbers read as null.
 */
export function toTopStats(response: V2Response, asked?: readonly TopStatMetric[]): TopStat[] {
  const echoed = (response.query as { metrics?: unknown }).metrics
  const metrics = asked ?? ((Array.isArray(echoed) ? echoed : topStatMetrics) as TopStatMetric[])
  const goalMode = metrics.includes('conversion_rate')
  const row = response.results[0]
  return metrics.map((metric, index) => {
    const raw = row?.metrics[index]
    const value = typeof raw === 'number' ? raw : null
    const label = (goalMode ? goalLabels[metric] : undefined) ?? topStatLabels[metric]
    return { metric, label, value, display: formatMetric(metric, value) }
  })
}
