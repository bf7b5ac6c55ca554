// Total and average revenue beside the top stats under a goal filter, where the account's server offers
// them (shared/stats/revenue.ts): one request of their own, none again once the server has refused them.
import { useEffect } from 'react'
import { useStatsQuery, type SiteRef } from '../api/queries'
import type { DateRange } from '../../../shared/plausible/query'
import type { DashboardFilter } from '../../../shared/stats/filters'
import { isRevenueRefusal, revenueQuery, toRevenueStats } from '../../../shared/stats/revenue'
import { rememberUnsupported, useUnsupportedMetrics } from '../hooks/use-metric-support'

export interface RevenueStatsProps {
  site: SiteRef
  dateRange: DateRange
  filters: DashboardFilter[]
  imports: boolean
}

export function RevenueStats({
  site,
  dateRange,
  filters,
  imports,
}: RevenueStatsProps): React.JSX.Element | null {
  const refused = useUnsupportedMetrics(site.account).includes('total_revenue')
  const result = useStatsQuery(site, refused ? null : revenueQuery(site.domain, dateRange, filters, imports))
  const isRefusal = isRevenueRefusal(result.error as { code?: string; message?: string } | null)
  useEffect(() => {
    if (isRefusal) rememberUnsupported(site.account, 'total_revenue')
  }, [isRefusal, site.account])
  const stats = result.data ? toRevenueStats(result.data) : []
  if (stats.length === 0) return null
  return (
    <div className="top-stats top-stats--revenue" data-testid="revenue-stats">
      {stats.map((stat) => (
        <div
          className="top-stat"
          key={stat.metric}
          data-testid={`top-stat-${stat.metric}`}
          data-value={stat.value}
        >
          <div className="top-stat__label">{stat.label}</div>
          <div className="top-stat__row">
            <span className="top-stat__value" title={stat.long}>
              {stat.short}
            </span>
          </div>
        </div>
      ))}
    </div>
  )
}
