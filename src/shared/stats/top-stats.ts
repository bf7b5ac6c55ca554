// The top stats row: the one aggregate v2 query it needs, and its result shaped into labelled values.
import { aggregateQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import type { Metric } from '../plausible/vocabulary'
import { allowedMetrics, filtersOnDimension } from '../plausible/metric-rules'
import { hasGoalFilter, toV2Filters, type DashboardFilter } from './filters'
import { formatMetric } from './format'
import { supportedMetrics } from './metric-support'

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

/**
 * With a page filter, as Plausible's top stats (its top_stats.ex): scroll depth and time on page in place of
 * views per visit and visit duration, which say nothing about one page.
 */
export const pageTopStatMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'bounce_rate',
  'scroll_depth',
  'time_on_page',
] as const satisfies readonly Metric[]

export type TopStatMetric =
  (typeof topStatMetrics)[number] | (typeof goalTopStatMetrics)[number] | (typeof pageTopStatMetrics)[number]

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
  scroll_depth: 'Scroll depth',
  time_on_page: 'Time on page',
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
 * The metrics the row shows under these filters: conversions under a goal filter; the page's own under a
 * page filter; otherwise the top stats the server takes with these filters (§4.3: scroll depth only under a
 * top-level page filter), without those the account's server refused (`unsupported`, metric-support.ts).
 */
export function topStatMetricsFor(
  filters: readonly DashboardFilter[] = [],
  unsupported: readonly string[] = [],
): TopStatMetric[] {
  if (hasGoalFilter(filters)) return [...goalTopStatMetrics]
  const v2Filters = toV2Filters(filters)
  const wanted: readonly TopStatMetric[] = filtersOnDimension(v2Filters, 'event:page')
    ? pageTopStatMetrics
    : topStatMetrics
  return supportedMetrics(allowedMetrics(wanted, { dimensions: [], filters: v2Filters }).metrics, unsupported)
}

/** One aggregate query (no dimensions) for every top stat: one request of the hourly budget. */
export function topStatsQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[] = [],
  imports = false,
  unsupported: readonly string[] = [],
): V2Query {
  return aggregateQuery(siteId, {
    metrics: topStatMetricsFor(filters, unsupported),
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
