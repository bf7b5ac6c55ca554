// The realtime view: current visitors, a sparkline of the last 30 minutes (the tray's samples from
// realtime.history merged with this window's own, and the tray's 24 hours when it has them), and the last
// five minutes' sources and pages (v2 with a 5-minute datetime range, §4.2), polled as the budget allows.
import { useEffect, useState } from 'react'
import { useRealtimeHistory, useStatsQuery, type SiteRef } from '../api/queries'
import { LazySparkline } from '../charts/lazy-charts'
import { breakdownQuery } from '../../../shared/plausible/builders'
import { toBreakdownPage } from '../../../shared/stats/breakdowns'
import { formatShortNumber } from '../../../shared/stats/format'
import { lastMinutesRange, type PollPlan } from '../../../shared/stats/realtime'
import { dayLine, mergeSamples, sparklineSource } from '../../../shared/stats/sparkline'
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
  /** This window's own readings; the tray's come from realtime.history. */
  samples: RealtimeSample[]
  onFilter: (dimension: string, value: string, label: string) => void
}

/** Re-reading the tray's rings costs no request; this keeps the line in step with the tray's rounds. */
const historyRefreshMs = 30_000

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
        <Sparklines site={site} samples={samples} now={now} />
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

function Sparklines({
  site,
  samples,
  now,
}: {
  site: SiteRef
  samples: RealtimeSample[]
  now: number
}): React.JSX.Element {
  const history = useRealtimeHistory(site, historyRefreshMs)
  // The tray's rings are pruned when read; the newest answer's time keeps the window's own in step.
  const until = Math.max(now, history.dataUpdatedAt)
  const points = mergeSamples(history.data?.recent ?? [], samples, until)
  const day = dayLine(history.data?.day ?? [])
  const trayCount = points.filter((point) => point.source === 'tray').length
  return (
    <div
      className="sparkline"
      data-testid="realtime-sparkline"
      data-samples={points.length}
      data-tray-samples={trayCount}
      data-window-samples={points.length - trayCount}
      data-max={points.length > 0 ? Math.max(...points.map((point) => point.visitors)) : ''}
      data-history-state={history.error ? 'error' : history.data ? 'ready' : 'loading'}
    >
      {points.length > 1 ? <LazySparkline points={points} height={80} testId="sparkline-recent" /> : null}
      <p className="sparkline__hint" data-testid="sparkline-source">
        {sparklineSource(points)}
      </p>
      {history.error ? (
        <ErrorPanel error={history.error} compact onRetry={() => void history.refetch()} />
      ) : null}
      {day.length > 1 ? (
        <div className="sparkline__day" data-testid="sparkline-day" data-buckets={day.length}>
          <LazySparkline points={day} height={40} testId="sparkline-day-line" />
          <p className="sparkline__hint">
            Last 24 hours as the tray sampled them, in 5-minute means ({day.length} of 288 periods sampled).
          </p>
        </div>
      ) : null}
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
