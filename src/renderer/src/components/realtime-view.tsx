// The realtime view: current visitors, a sparkline of this window's samples, and the last five minutes'
// sources and pages (v2 with a 5-minute datetime range, §4.2), polled as often as the budget allows.
import { useEffect, useState } from 'react'
import { Area, AreaChart, ResponsiveContainer, YAxis } from 'recharts'
import { useStatsQuery, type SiteRef } from '../api/queries'
import { breakdownQuery } from '../../../shared/plausible/builders'
import { toBreakdownPage } from '../../../shared/stats/breakdowns'
import { formatShortNumber } from '../../../shared/stats/format'
import { lastMinutesRange, type PollPlan } from '../../../shared/stats/realtime'
import { toV2Filters, type DashboardFilter } from '../../../shared/stats/filters'
import { ErrorPanel } from './error-panel'
import { panelState } from './panel-state'

export interface RealtimeSample {
  at: number
  visitors: number
}

export interface RealtimeViewProps {
  site: SiteRef
  filters: DashboardFilter[]
  plan: PollPlan
  visitors: number | undefined
  samples: RealtimeSample[]
  onFilter: (dimension: string, value: string, label: string) => void
}

/** The clock the realtime window moves by: now at mount, then every poll interval (never while paused). */
function useTick(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (intervalMs === null) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

export function RealtimeView({
  site,
  filters,
  plan,
  visitors,
  samples,
  onFilter,
}: RealtimeViewProps): React.JSX.Element {
  const now = useTick(plan.intervalMs)
  const range = lastMinutesRange(site.timezone, now)
  return (
    <div className="realtime-view" data-testid="realtime-view" data-range={JSON.stringify(range)}>
      <section className="card realtime-hero">
        <div className="realtime-hero__number">
          <span className="realtime__dot realtime__dot--big" aria-hidden="true" />
          <span data-testid="realtime-visitors" data-value={visitors ?? ''}>
            {visitors ?? '…'}
          </span>
          <span className="realtime-hero__caption">current visitors (last 5 minutes)</span>
        </div>
        <div className="sparkline" data-testid="realtime-sparkline" data-samples={samples.length}>
          {samples.length > 1 ? (
            <ResponsiveContainer width="100%" height={80}>
              <AreaChart data={samples} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
                <YAxis hide domain={[0, 'dataMax']} />
                <Area
                  type="monotone"
                  dataKey="visitors"
                  stroke="currentColor"
                  fill="currentColor"
                  fillOpacity={0.15}
                  isAnimationActive={false}
                  dot={false}
                />
              </AreaChart>
            </ResponsiveContainer>
          ) : (
            <p className="sparkline__hint">The line fills in as the window samples current visitors.</p>
          )}
        </div>
        <p className="realtime-hero__poll" data-testid="realtime-poll">
          {plan.intervalMs === null
            ? 'Updates paused to keep the rest of this hour’s budget.'
            : `Updates every ${Math.round(plan.intervalMs / 1000)} s${plan.reason === 'stretched' ? ', slowed to fit the hour’s budget' : ''}.`}
        </p>
      </section>
      <div className="panels-grid">
        <LiveList
          site={site}
          title="Sources"
          dimension="visit:source"
          range={range}
          filters={filters}
          onFilter={onFilter}
        />
        <LiveList
          site={site}
          title="Pages"
          dimension="event:page"
          range={range}
          filters={filters}
          onFilter={onFilter}
        />
      </div>
    </div>
  )
}

function LiveList({
  site,
  title,
  dimension,
  range,
  filters,
  onFilter,
}: {
  site: SiteRef
  title: string
  dimension: 'visit:source' | 'event:page'
  range: [string, string] | string
  filters: DashboardFilter[]
  onFilter: RealtimeViewProps['onFilter']
}): React.JSX.Element {
  const query = breakdownQuery(site.domain, {
    metrics: ['visitors'],
    dateRange: range as [string, string],
    dimensions: dimension,
    filters: toV2Filters(filters),
    limit: 20,
  })
  const result = useStatsQuery(site, query, { persist: false, keepPrevious: true })
  const page = result.data ? toBreakdownPage(result.data, ['visitors']) : undefined
  const max = Math.max(1, ...(page?.rows ?? []).map((r) => r.metrics.visitors ?? 0))
  return (
    <section
      className="card panel"
      data-testid={`realtime-${dimension === 'visit:source' ? 'sources' : 'pages'}`}
      data-state={panelState(result)}
      data-query-range={JSON.stringify(query.date_range)}
    >
      <header className="panel__head">
        <h2 className="panel__title">{title}</h2>
        <span className="panel__note">last 5 minutes</span>
      </header>
      {result.error && !page ? (
        <ErrorPanel error={result.error} compact onRetry={() => void result.refetch()} />
      ) : !page ? (
        <ul className="rows" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <li key={i} className="skeleton skeleton--row" />
          ))}
        </ul>
      ) : page.rows.length === 0 ? (
        <p className="panel__empty">Nobody in the last five minutes.</p>
      ) : (
        <ul className="rows">
          {page.rows.map((row) => (
            <li key={row.value}>
              <button
                type="button"
                className="row"
                data-testid="panel-row"
                data-value={row.value}
                data-visitors={row.metrics.visitors ?? ''}
                onClick={() => onFilter(dimension, row.value, row.name)}
              >
                <span
                  className="row__bar"
                  style={{ width: `${((row.metrics.visitors ?? 0) / max) * 100}%` }}
                  aria-hidden="true"
                />
                <span className="row__name">{row.name}</span>
                <span className="rows__metrics">
                  <span className="row__metric">{formatShortNumber(row.metrics.visitors ?? 0)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
