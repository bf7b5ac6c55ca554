// The top stats row: the one aggregate v2 query it needs, and its result shaped into labelled values.
import type { V2Query, V2Response } from '../plausible/query'
import type { Metric } from '../plausible/vocabulary'
import { formatMetric } from './format'
import type { RangeKey } from './ranges'

export const topStatMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
] as const satisfies readonly Metric[]
export type TopStatMetric = (typeof topStatMetrics)[number]

/** Plausible's own captions for the top stats. */
export const topStatLabels: Record<TopStatMetric, string> = {
  visitors: 'Unique visitors',
  visits: 'Total visits',
  pageviews: 'Total pageviews',
  views_per_visit: 'Views per visit',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
}

export interface TopStat {
  metric: TopStatMetric
  label: string
  /** The raw number the server sent; null when it sent none (e.g. duration of zero visits). */
  value: number | null
  /** `value` as the dashboard writes it. */
  display: string
}

/** One aggregate query (no dimensions) for every top stat: one request of the hourly budget. */
export function topStatsQuery(siteId: string, range: RangeKey): V2Query {
  return { site_id: siteId, metrics: [...topStatMetrics], date_range: range }
}

/**
 * Reads the single aggregate row (§4.7: aggregates return exactly one row) in request order.
 * A missing row or a non-numeric value (revenue objects never appear here) reads as null.
 */
export function toTopStats(response: V2Response): TopStat[] {
  const row = response.results[0]
  return topStatMetrics.map((metric, index) => {
    const raw = row?.metrics[index]
    const value = typeof raw === 'number' ? raw : null
    return { metric, label: topStatLabels[metric], value, display: formatMetric(metric, value) }
  })
}
