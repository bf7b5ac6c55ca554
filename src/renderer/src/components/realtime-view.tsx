// The realtime view, as Plausible's: current visitors (last 5 minutes, v1), the last 30 minutes minute by
// minute (one aggregate per minute: the public API has no minute buckets, see realtime-minutes.ts), that
// half hour's unique visitors and pageviews, and every panel over it; the tray's samples as a sparkline
// under it. Refreshed as the budget allows, and it says how often and what one refresh costs.
import { useEffect, useState } from 'react'
import { useBudget, useRealtimeHistory, useStatsQuery, type SiteRef } from '../api/queries'
import { useMinuteAnswers } from '../api/realtime-queries'
import { LazyMainGraph, LazySparkline } from '../charts/lazy-charts'
import { panels, type PanelId } from '../../../shared/stats/breakdowns'
import { formatMetric } from '../../../shared/stats/format'
import type { PollPlan } from '../../../shared/stats/realtime'
import {
  aggregateValue,
  minuteBuckets,
  minuteSeries,
  realtimeCost,
  realtimeWindowRange,
  windowTotalsQuery,
  type MinuteMetric,
} from '../../../shared/stats/realtime-minutes'
import { dayLine, mergeSamples, sparklineSource } from '../../../shared/stats/sparkline'
import type { DashboardFilter } from '../../../shared/stats/filters'
import { BreakdownPanel } from './breakdown-panel'
import { ErrorPanel } from './error-panel'

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
  /** Each panel's tab, shared with the dashboard's panels. */
  tabs: Record<string, string>
  onTab: (panel: PanelId, tabId: string) => void
}

/**
 * The panels realtime shows: all but Properties, whose breakdown needs a property name typed on the
 * dashboard first. Each is one request per refresh.
 */
export const realtimePanels = panels.filter((panel) => panel.id !== 'properties')

/** What one refresh of this view spends, and its first load (the 29 finished minutes once). */
export const realtimeViewCost = realtimeCost(realtimePanels.length)

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

const metricLabels: Record<MinuteMetric, string> = {
  visitors: 'Unique visitors (last 30 min)',
  pageviews: 'Pageviews (last 30 min)',
}

export function RealtimeView({
  site,
  filters,
  plan,
  visitors,
  samples,
  onFilter,
  tabs,
  onTab,
}: RealtimeViewProps): React.JSX.Element {
  const now = useTick(plan.intervalMs)
  const [metric, setMetric] = useState<MinuteMetric>('visitors')
  const range = realtimeWindowRange(site.timezone, now)
  const buckets = minuteBuckets(site.timezone, now)
  // The minutes are most of what realtime costs (37 requests at first): none is asked while the plan has
  // paused polling to keep the rest of the hour's budget, nor before the plan is known, which takes the
  // budget (budget.status reads the core's ledger: no request).
  const budgetKnown = useBudget(site.account).data !== undefined
  const paused = plan.intervalMs === null
  const minutes = useMinuteAnswers(site, buckets, filters, budgetKnown && !paused)
  const totals = useStatsQuery(site, windowTotalsQuery(site.domain, range, filters), {
    persist: false,
    keepPrevious: true,
  })
  const points = minuteSeries(
    buckets,
    minutes.map((minute) => minute.data),
    metric,
  )
  const answered = minutes.filter((minute) => minute.data !== undefined).length
  const minuteError = minutes.find((minute) => minute.error)?.error ?? null
  return (
    <div
      className="realtime-view"
      data-testid="realtime-view"
      data-range={JSON.stringify(range)}
      data-minutes-answered={answered}
    >
      <section className="card realtime-hero" aria-label="Realtime">
        <div className="realtime-hero__stats top-stats">
          <div className="realtime-hero__number">
            <span className="realtime__dot realtime__dot--big" aria-hidden="true" />
            <span data-testid="realtime-visitors" data-value={visitors ?? ''}>
              {visitors ?? '…'}
            </span>
            <span className="realtime-hero__caption">current visitors (last 5 minutes)</span>
          </div>
          {(['visitors', 'pageviews'] as const).map((name) => {
            const value = aggregateValue(totals.data, name)
            return (
              <button
                type="button"
                key={name}
                className={name === metric ? 'top-stat top-stat--graphed' : 'top-stat'}
                data-testid={`realtime-total-${name}`}
                data-value={value ?? ''}
                aria-pressed={name === metric}
                onClick={() => setMetric(name)}
                title={`Graph ${name} per minute`}
              >
                <div className="top-stat__label">{metricLabels[name]}</div>
                <div className="top-stat__value">
                  {value === null ? <span className="skeleton skeleton--value" /> : formatMetric(name, value)}
                </div>
              </button>
            )
          })}
        </div>
        <div
          className="realtime-graph"
          data-testid="realtime-graph"
          data-buckets={buckets.length}
          data-answered={answered}
          data-metric={metric}
        >
          {paused && answered === 0 ? (
            <p className="panel__empty" data-testid="realtime-graph-paused">
              The minute graph is paused to keep the rest of this hour’s budget: it would cost{' '}
              {realtimeViewCost.firstLoad} requests. It fills in when the hour resets.
            </p>
          ) : minuteError && answered === 0 ? (
            <ErrorPanel
              error={minuteError}
              compact
              onRetry={() => minutes.forEach((minute) => void minute.refetch())}
            />
          ) : (
            <LazyMainGraph
              points={answered === 0 ? undefined : points}
              interval="time:minute"
              metric={metric}
              timeZone={site.timezone}
              comparing={false}
              lastIsRunning
            />
          )}
          <ul className="realtime-graph__minutes" hidden>
            {buckets.map((bucket, index) => (
              <li
                key={bucket.label}
                data-testid="realtime-minute"
                data-label={bucket.label}
                data-range={JSON.stringify(bucket.dateRange)}
                data-running={bucket.running}
                data-visitors={aggregateValue(minutes[index]?.data, 'visitors') ?? ''}
                data-pageviews={aggregateValue(minutes[index]?.data, 'pageviews') ?? ''}
              />
            ))}
          </ul>
        </div>
        <p className="realtime-hero__poll" data-testid="realtime-poll">
          {pollText(plan)}
        </p>
        <p className="realtime-hero__cost" data-testid="realtime-cost">
          The public API has no minute buckets, so each minute is one request: the first load costs{' '}
          {realtimeViewCost.firstLoad} requests, each refresh {realtimeViewCost.fixedPerRefresh} (current
          visitors, the half hour’s totals, the running minute and {realtimePanels.length} panels) and one for
          each minute finished since the last.
        </p>
        <Sparklines site={site} samples={samples} now={now} />
      </section>
      <div className="panels-grid">
        {realtimePanels.map((spec) => (
          <BreakdownPanel
            key={spec.id}
            site={site}
            spec={spec}
            tabId={tabs[spec.id] ?? ''}
            onTab={(tabId) => onTab(spec.id, tabId)}
            dateRange={range}
            filters={filters}
            onFilter={onFilter}
            live
          />
        ))}
      </div>
    </div>
  )
}

/** How often the view refreshes, as the budget plan says. */
export function pollText(plan: PollPlan): string {
  if (plan.intervalMs === null) return 'Updates paused to keep the rest of this hour’s budget.'
  return `Updates every ${Math.round(plan.intervalMs / 1000)} s${plan.reason === 'stretched' ? ', slowed to fit the hour’s budget' : ''}.`
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
