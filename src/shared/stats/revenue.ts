// Revenue in the top stats under a goal filter, where the server offers it: total and average revenue exist
// on Plausible's EE servers (plausible.io) for revenue goals only; CE's schema has no such metric (400
// `Invalid metric "total_revenue"`) and a plan without the feature is refused in words. They are asked in a
// query of their own, so a refusal never takes the other top stats with it; the refusal is remembered per
// account (metric-support.ts) and the query not asked again. A goal that records no revenue answers null.
import { aggregateQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import { hasGoalFilter, toV2Filters, type DashboardFilter } from './filters'

export const revenueTopStatMetrics = ['total_revenue', 'average_revenue'] as const
export type RevenueMetric = (typeof revenueTopStatMetrics)[number]

export const revenueLabels: Record<RevenueMetric, string> = {
  total_revenue: 'Total revenue',
  average_revenue: 'Average revenue',
}

export interface RevenueStat {
  metric: RevenueMetric
  label: string
  /** The amount in the site's reporting currency. */
  value: number
  currency: string
  /** As the server writes it: `€1.2K` for the tile, `€1,234.56` for the tooltip. */
  short: string
  long: string
}

/** Under a goal filter, one aggregate for both revenue metrics (one request); otherwise none. */
export function revenueQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
  imports = false,
): V2Query | null {
  if (!hasGoalFilter(filters)) return null
  return aggregateQuery(siteId, {
    metrics: [...revenueTopStatMetrics],
    dateRange,
    filters: toV2Filters(filters),
    ...(imports ? { imports: true } : {}),
  })
}

/** The revenue stats the answer holds: none where the goal records no revenue (the server's null). */
export function toRevenueStats(response: V2Response): RevenueStat[] {
  const row = response.results[0]
  if (!row) return []
  const stats: RevenueStat[] = []
  revenueTopStatMetrics.forEach((metric, index) => {
    const raw = row.metrics[index]
    if (raw === null || raw === undefined || typeof raw === 'number') return
    stats.push({ metric, label: revenueLabels[metric], ...raw })
  })
  return stats
}

/**
 * Whether a failure says this server or plan has no revenue metrics: CE's schema ("Invalid metric") or a
 * plan without the feature. Either is for good, so the account is not asked again.
 */
export function isRevenueRefusal(error: { code?: string; message?: string } | null | undefined): boolean {
  if (!error || error.code !== 'QUERY_INVALID' || typeof error.message !== 'string') return false
  return (
    /Invalid metric "(total|average)_revenue"/.test(error.message) ||
    error.message.includes('does not have access to the revenue metrics feature')
  )
}
