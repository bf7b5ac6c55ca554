// The dashboard for one site, as Plausible lays it out: site, current visitors, filters and period on
// top; the top stats over the main graph; the report panels below; realtime as its own view.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useApi } from '../api/client'
import {
  siteListOptions,
  statsQueryOptions,
  useBudget,
  useRealtime,
  useSites,
  useStatsQuery,
  type SiteRef,
} from '../api/queries'
import { LazyMainGraph } from '../charts/lazy-charts'
import { AppNav } from '../components/app-nav'
import { BreakdownPanel } from '../components/breakdown-panel'
import { BudgetMeter } from '../components/budget-meter'
import { ComparisonPicker } from '../components/comparison-picker'
import { ErrorPanel } from '../components/error-panel'
import { LoadBoundary } from '../components/load-boundary'
import { FilterEditor } from '../components/filter-editor'
import { FilterChips } from '../components/filters'
import { SegmentMenu } from '../components/segment-menu'
import { CliWorkflowsButton, CliWorkflowsView } from '../components/cli-workflows/cli-workflows-view'
import { BudgetNotice, OfflineNotice } from '../components/notices'
import { panelState, type PanelState } from '../components/panel-state'
import { PeriodPicker } from '../components/period-picker'
import { RealtimeView, realtimePanels } from '../components/realtime-view'
import { MinuteIntervalNote } from '../components/minute-interval-note'
import { GraphAnnotations } from '../components/annotations/graph-annotations'
import { useAnnotationMarks } from '../api/annotation-queries'
import { ReportButton } from '../components/report/report-button'
import { SiteSwitcher } from '../components/site-switcher'
import { TopStats } from '../components/top-stats'
import { useLocalState, useOfflineAsOf, useRealtimeSamples } from '../hooks/use-local-state'
import { recentSites, useSelection } from '../hooks/use-selection'
import { goTo } from '../hooks/use-route'
import { importsNotice } from '../../../shared/stats/imports-notice'
import { useShortcuts } from '../hooks/use-shortcuts'
import { useMetricRefusal, useUnsupportedMetrics } from '../hooks/use-metric-support'
import { RevenueStats } from '../components/revenue-stats'
import { lazyNamed } from '../lazy-named'
import { downloadText } from '../download'
import {
  breakdownCsv,
  breakdownMetrics,
  csvFileName,
  defaultTabs,
  pageSize,
  panelQuery,
  panels,
  toBreakdownPage,
  type BreakdownTab,
  type PanelId,
} from '../../../shared/stats/breakdowns'
import { todayIn } from '../../../shared/stats/calendar'
import {
  alignComparison,
  compareTopStats,
  comparisonRange,
  type ComparedStat,
} from '../../../shared/stats/comparison'
import type { V2Response } from '../../../shared/plausible/query'
import {
  addFilter,
  filterByRow,
  removeFilter,
  replaceFilter,
  type DashboardFilter,
} from '../../../shared/stats/filters'
import { labelSegmentFilters, readSegmentBook, type SavedSegment } from '../../../shared/stats/segment-book'
import {
  intervalLabels,
  movePeriod,
  periodForMenu,
  periodOfBucket,
  pickInterval,
  resolvePeriod,
  type Period,
} from '../../../shared/stats/periods'
import { realtimePollPlan } from '../../../shared/stats/realtime'
import { realtimeRefreshPlan } from '../../../shared/stats/realtime-minutes'
import { currentBucketLabel, seriesQuery, toSeries, type SeriesPoint } from '../../../shared/stats/series'
import {
  topStatMetricsFor,
  topStatsQuery,
  toTopStats,
  type TopStatMetric,
} from '../../../shared/stats/top-stats'
import { useClock } from '../hooks/use-clock'

/** Opened by one panel's "Details": fetched on that first click, not with the dashboard. */
const DetailsModal = lazyNamed(() => import('../components/details-modal'), 'DetailsModal')

/** What tests (and people with devtools) can wait for on the app root. */
export type AppState = 'loading' | 'ready' | 'empty' | 'error' | 'offline'

/** Single-key period shortcuts, Plausible's (its docs: keyboard shortcuts). */
const periodKeys: Record<string, string> = {
  d: 'day',
  e: 'yesterday',
  r: 'realtime',
  w: '7d',
  f: '28d',
  t: '30d',
  n: '91d',
  h: '24h',
  m: 'month',
  p: 'last_month',
  y: 'year',
  s: '6mo',
  l: '12mo',
  a: 'all',
}

export function Dashboard(): React.JSX.Element {
  const api = useApi()
  const queryClient = useQueryClient()
  const [selection, select] = useSelection()
  const sites = useSites()
  const site = pickSite(sites.sites, selection.site, selection.account)
  // "Now" for this view: fixed until the user refreshes, so keys (and the budget) stay put.
  const [anchor, setAnchor] = useState(() => Date.now())
  const timeZone = site?.timezone ?? 'UTC'
  const today = todayIn(timeZone, anchor)
  const resolved = resolvePeriod(selection.period, today)
  const interval = pickInterval(resolved, selection.interval)
  const filters = selection.filters
  const realtimeMode = selection.period.key === 'realtime'
  const comparison = realtimeMode
    ? null
    : comparisonRange(resolved, selection.comparison, { nowMs: anchor, timeZone })
  const comparing = comparison !== null
  // As on Plausible's dashboard, the top stats show their change against the previous period even when no
  // comparison is chosen: one more request per load, for the totals only.
  const changeBase =
    comparison ??
    (realtimeMode
      ? null
      : comparisonRange(
          resolved,
          { ...selection.comparison, mode: 'previous_period' },
          { nowMs: anchor, timeZone },
        ))

  const clock = useClock(15_000)
  const budget = useBudget(site?.account)
  // Realtime refreshes its minute graph, totals and panels (realtimeRefreshPlan says how often the budget
  // allows); elsewhere only current visitors are polled.
  const plan = realtimeMode
    ? realtimeRefreshPlan(budget.data, clock, realtimePanels.length)
    : realtimePollPlan(budget.data, clock, { requestsPerPoll: 1, minIntervalMs: 60_000 })
  const realtime = useRealtime(site, plan.intervalMs)
  const siteKey = site ? `${site.account}/${site.domain}` : ''
  const samples = useRealtimeSamples(siteKey, realtime.data?.visitors, realtime.dataUpdatedAt)

  const domain = site?.domain ?? ''
  const main = !realtimeMode && site !== undefined
  const imports = selection.imports === true
  // Optional metrics (scroll depth, time on page) this account's server refused: asked no more.
  const unsupported = useUnsupportedMetrics(site?.account)
  const importsView = { ...(imports ? { imports: true } : {}), unsupported }
  const top = useStatsQuery(
    site,
    main ? topStatsQuery(domain, resolved.dateRange, filters, imports, unsupported) : null,
  )
  const topCompare = useStatsQuery(
    site,
    main && changeBase
      ? topStatsQuery(domain, changeBase.totalsDateRange, filters, imports, unsupported)
      : null,
  )
  const series = useStatsQuery(
    site,
    main ? seriesQuery(domain, resolved.dateRange, interval, filters, imports, unsupported) : null,
  )
  const seriesCompare = useStatsQuery(
    site,
    main && comparison
      ? seriesQuery(domain, comparison.seriesDateRange, interval, filters, imports, unsupported)
      : null,
  )

  const stats = useComparedStats(top.data, changeBase ? topCompare.data : undefined)
  // The totals' answer says whether imported data joined; the graph's, whether its interval allowed it.
  const importsNote = imports ? (importsNotice(top.data) ?? importsNotice(series.data)) : null
  useMetricRefusal(site?.account, top.error ?? series.error)
  const shownMetrics = topStatMetricsFor(filters, unsupported)
  const metric: TopStatMetric = shownMetrics.includes(selection.metric) ? selection.metric : 'visitors'
  const currentBucket = resolved.includesToday
    ? currentBucketLabel(anchor, timeZone, interval, resolved.first ?? undefined)
    : undefined
  const points = useGraphPoints(
    series.data,
    comparing ? seriesCompare.data : undefined,
    metric,
    currentBucket,
  )
  // The site's annotations on the graph's buckets (read from this machine, no request).
  const annotationMarks = useAnnotationMarks(site, points, interval)

  // ── Panels ─────────────────────────────────────────────────────────────────────────────────
  const [tabs, setTabs] = useLocalState<Record<string, string>>('plausible-desktop:tabs', defaultTabs)
  const [rememberedProps, setPropertyNames] = useLocalState<string[]>(
    `plausible-desktop:props:${siteKey}`,
    [],
  )
  const propertyNames = usePropertyNames(site, rememberedProps)
  const [details, setDetails] = useState<{ panel: PanelId; tab: BreakdownTab } | null>(null)
  // The filter editor: null shut, index null for a new filter, else the pill being edited.
  const [editor, setEditor] = useState<{ index: number | null } | null>(null)
  const editing = editor !== null
  const [storedSegments, setSegments] = useLocalState<SavedSegment[]>(
    `plausible-desktop:segments:${siteKey}`,
    [],
  )
  const segments = readSegmentBook(storedSegments)
  const [calendarOpen, setCalendarOpen] = useState(false)

  const setFilters = (next: DashboardFilter[]): void => select({ filters: next })
  const filterRow = (dimension: string, value: string, label: string): void =>
    setFilters(filterByRow(filters, dimension, value, label))
  const choosePeriod = (period: Period): void => {
    setAnchor(wallClock())
    select({ period })
  }

  const exportCsv = async (panel: PanelId, tab: BreakdownTab): Promise<void> => {
    if (!site) return
    const spec = panels.find((p) => p.id === panel)
    if (!spec) return
    const metrics = breakdownMetrics(panel, tab, filters)
    const account = { account: site.account }
    // The panel's own page is in the cache; only a breakdown longer than it needs one more request.
    const first = await queryClient.fetchQuery(
      statsQueryOptions(api, {
        ...account,
        query: panelQuery(domain, resolved.dateRange, filters, panel, tab, 0, pageSize, importsView),
      }),
    )
    let page = toBreakdownPage(first, metrics)
    if (page.totalRows !== null && page.totalRows > page.rows.length) {
      const all = await queryClient.fetchQuery(
        statsQueryOptions(
          api,
          {
            ...account,
            query: panelQuery(domain, resolved.dateRange, filters, panel, tab, 0, 10_000, importsView),
          },
          false,
        ),
      )
      page = toBreakdownPage(all, metrics)
    }
    const rangeText =
      resolved.first && resolved.last ? `${resolved.first}-${resolved.last}` : resolved.period.key
    downloadText(csvFileName(domain, tab.id, rangeText), breakdownCsv(panel, tab, page), 'text/csv')
  }

  const refresh = (): void => {
    setAnchor(wallClock())
    void queryClient.invalidateQueries({ queryKey: ['stats.query'] })
    void queryClient.invalidateQueries({ queryKey: ['stats.realtime'] })
  }

  const [switcherOpen, setSwitcherOpen] = useState(false)
  // ── Keyboard ───────────────────────────────────────────────────────────────────────────────
  const move = (direction: -1 | 1): void => {
    const next = movePeriod(selection.period, direction, today)
    if (next) choosePeriod(next)
  }
  useShortcuts((key) => {
    if (details || editing) return false
    const periodId = periodKeys[key]
    if (periodId) {
      const period = periodForMenu(periodId, today)
      if (period) choosePeriod(period)
      return true
    }
    if (key === 'c') {
      setCalendarOpen(true)
      return true
    }
    if (key === 'x') {
      if (!resolved.comparable) return false
      select({
        comparison: {
          ...selection.comparison,
          mode: selection.comparison.mode === 'off' ? 'previous_period' : 'off',
        },
      })
      return true
    }
    if (key === 'i') {
      const index = resolved.intervals.indexOf(interval)
      const next = resolved.intervals[(index + 1) % resolved.intervals.length]
      if (next) select({ interval: next })
      return true
    }
    if (key === 'arrowleft' || key === 'arrowright') {
      move(key === 'arrowleft' ? -1 : 1)
      return true
    }
    if (key === 'escape') {
      if (filters.length === 0) return false
      setFilters([])
      return true
    }
    if (key === '0') {
      // Plausible's 0 opens the team's view of every site: here, the overview.
      goTo('overview')
      return true
    }
    if (key === '/') {
      setSwitcherOpen(true)
      return true
    }
    if (/^[1-9]$/.test(key)) {
      const target = sites.sites[Number(key) - 1]
      if (target) select({ site: target.domain, account: target.account })
      return true
    }
    return false
  })

  // ── State for tests and the readiness marker ───────────────────────────────────────────────
  const offlineAsOf = useOfflineAsOf()
  const mainStates: PanelState[] = realtimeMode
    ? [realtime.data !== undefined ? 'ready' : realtime.error ? 'error' : 'loading']
    : [
        panelState(top),
        panelState(series),
        ...(comparing ? [panelState(topCompare), panelState(seriesCompare)] : []),
      ]
  const firstError = realtimeMode
    ? realtime.error
    : (top.error ?? series.error ?? topCompare.error ?? seriesCompare.error)
  let state: AppState = 'loading'
  if (sites.error) state = 'error'
  else if (!sites.isPending && !site) state = 'empty'
  else if (mainStates.every((s) => s === 'ready')) state = 'ready'
  else if (mainStates.some((s) => s === 'error')) state = 'error'
  else if (mainStates.some((s) => s === 'stale')) state = 'offline'

  const mainError = !stats && firstError ? firstError : null

  return (
    <div
      className="app"
      data-app-state={state}
      data-site={site?.domain ?? ''}
      data-account={site?.account ?? ''}
      data-range={selection.period.key}
      data-period-first={resolved.first ?? ''}
      data-period-last={resolved.last ?? ''}
      data-interval={interval}
      data-comparison={selection.comparison.mode}
      data-comparison-first={comparison?.first ?? ''}
      data-comparison-last={comparison?.last ?? ''}
      data-change-first={changeBase?.first ?? ''}
      data-change-last={changeBase?.last ?? ''}
      data-comparison-totals={comparison ? JSON.stringify(comparison.totalsDateRange) : ''}
      data-filters={filters.length}
    >
      <AppNav>{site ? <BudgetMeter account={site.account} /> : null}</AppNav>
      <main className="page">
        {sites.error ? (
          <ErrorPanel error={sites.error} onRetry={sites.refetch} />
        ) : state === 'empty' ? (
          <EmptyState />
        ) : (
          <>
            <BudgetNotice budget={budget.data} now={clock} />
            <OfflineNotice asOf={offlineAsOf} onRetry={refresh} />
            <div className="controls">
              <div className="controls__left">
                {site ? (
                  <SiteSwitcher
                    sites={sites.sites}
                    value={site}
                    recent={recentSites}
                    onChange={(next) => select({ site: next.domain, account: next.account })}
                    open={switcherOpen}
                    onOpenChange={setSwitcherOpen}
                  />
                ) : (
                  <span className="skeleton skeleton--picker" />
                )}
                <button
                  type="button"
                  className="picker-button"
                  data-testid="filter-button"
                  onClick={() => setEditor({ index: null })}
                >
                  <span className="filter-icon" aria-hidden="true" />
                  Filter
                </button>
                {site ? (
                  <SegmentMenu
                    site={site}
                    segments={segments}
                    onChange={setSegments}
                    onApply={(segment) => filterRow('segment', String(segment.id), segment.name)}
                  />
                ) : null}
                <CliWorkflowsButton filters={filters} onChange={setFilters} />
              </div>
              <div className="controls__right">
                <button
                  type="button"
                  className="icon-button"
                  data-testid="refresh"
                  aria-label="Refresh"
                  title="Refresh (spends requests)"
                  onClick={refresh}
                >
                  ↻
                </button>
                {site && !realtimeMode ? (
                  <ReportButton
                    target={{
                      account: site.account,
                      scope: { kind: 'site', site: site.domain },
                      period: {
                        ...selection.period,
                        key: selection.period.key === 'realtime' ? 'day' : selection.period.key,
                      },
                      ...(selection.comparison.mode === 'previous_period' ||
                      selection.comparison.mode === 'year_over_year'
                        ? { compare: selection.comparison.mode }
                        : {}),
                    }}
                  />
                ) : null}
                <PeriodPicker
                  resolved={resolved}
                  today={today}
                  onChange={choosePeriod}
                  onMove={move}
                  canMove={{
                    back: movePeriod(selection.period, -1, today) !== null,
                    forward: movePeriod(selection.period, 1, today) !== null,
                  }}
                  calendarOpen={calendarOpen}
                  onCalendarOpenChange={setCalendarOpen}
                />
                <ComparisonPicker
                  settings={selection.comparison}
                  range={comparison}
                  today={today}
                  disabled={!resolved.comparable}
                  onChange={(settings) => select({ comparison: settings })}
                />
              </div>
            </div>
            <FilterChips
              filters={labelSegmentFilters(filters, segments)}
              onEdit={(index) => setEditor({ index })}
              onRemove={(index) => setFilters(removeFilter(filters, index))}
              onClear={() => setFilters([])}
            />
            {!site ? null : realtimeMode ? (
              <RealtimeView
                site={site}
                filters={filters}
                plan={plan}
                visitors={realtime.data?.visitors}
                samples={samples}
                onFilter={filterRow}
                tabs={tabs}
                onTab={(panel, tabId) => setTabs({ ...tabs, [panel]: tabId })}
              />
            ) : (
              <>
                <section className="card main-card" data-testid="main-card" aria-label="Top stats and graph">
                  {mainError ? (
                    <ErrorPanel
                      error={mainError}
                      compact
                      onRetry={() => {
                        void top.refetch()
                        void series.refetch()
                        if (comparing) {
                          void topCompare.refetch()
                          void seriesCompare.refetch()
                        }
                      }}
                    />
                  ) : (
                    <>
                      <TopStats
                        stats={stats}
                        loadingCount={shownMetrics.length}
                        graphed={metric}
                        onGraph={(next) => select({ metric: next })}
                        comparing={comparing}
                        showChange={changeBase !== null}
                        {...(changeBase ? { comparisonLabel: changeBase.label } : {})}
                        currentVisitors={realtime.data?.visitors}
                        onRealtime={() => choosePeriod({ key: 'realtime' })}
                      />
                      {site ? (
                        <RevenueStats
                          site={site}
                          dateRange={resolved.dateRange}
                          filters={filters}
                          imports={imports}
                        />
                      ) : null}
                      <div className="graph-head">
                        <span className="graph-head__title">
                          {resolved.label}
                          {comparison ? (
                            <span className="graph-head__vs"> vs. {comparison.label}</span>
                          ) : null}
                        </span>
                        <label className="check graph-head__imports">
                          <input
                            type="checkbox"
                            data-testid="imports-switch"
                            checked={imports}
                            onChange={(event) => select({ imports: event.target.checked })}
                          />
                          Imported data
                        </label>
                        {resolved.intervals.length > 1 ? (
                          <div className="segmented" role="radiogroup" aria-label="Interval (I)">
                            {resolved.intervals.map((option) => (
                              <button
                                type="button"
                                key={option}
                                role="radio"
                                aria-checked={option === interval}
                                className={
                                  option === interval
                                    ? 'segmented__item segmented__item--on'
                                    : 'segmented__item'
                                }
                                data-testid={`interval-${option.slice(5)}`}
                                onClick={() => select({ interval: option })}
                              >
                                {intervalLabels[option]}
                              </button>
                            ))}
                          </div>
                        ) : null}
                      </div>
                      {selection.period.key === 'day' && resolved.includesToday ? (
                        <MinuteIntervalNote onRealtime={() => choosePeriod({ key: 'realtime' })} />
                      ) : null}
                      {importsNote ? (
                        <p className="notice graph-notice" data-testid="imports-notice">
                          {importsNote}
                        </p>
                      ) : null}
                      <LazyMainGraph
                        points={points}
                        interval={interval}
                        metric={metric}
                        timeZone={timeZone}
                        comparing={comparing}
                        lastIsRunning={resolved.includesToday}
                        annotations={annotationMarks}
                        {...(interval !== 'time:hour'
                          ? {
                              onZoom: (label: string) => {
                                const zoomed = periodOfBucket(label, interval, today)
                                if (zoomed) choosePeriod(zoomed)
                              },
                            }
                          : {})}
                      />
                      <GraphAnnotations
                        site={site}
                        first={resolved.first}
                        last={resolved.last}
                        today={today}
                      />
                    </>
                  )}
                </section>
                <CliWorkflowsView site={site} dateRange={resolved.dateRange} filters={filters} />
                <div className="panels-grid">
                  {panels.map((spec) => (
                    <BreakdownPanel
                      key={spec.id}
                      site={site}
                      spec={spec}
                      tabId={tabs[spec.id] ?? defaultTabs[spec.id]}
                      onTab={(tabId) => setTabs({ ...tabs, [spec.id]: tabId })}
                      dateRange={resolved.dateRange}
                      filters={filters}
                      onFilter={filterRow}
                      onDetails={(tab) => setDetails({ panel: spec.id, tab })}
                      onExport={(tab) => void exportCsv(spec.id, tab)}
                      propertyNames={propertyNames}
                      imports={imports}
                      {...(comparison ? { comparisonRange: comparison.totalsDateRange } : {})}
                      onAddProperty={(name) => {
                        setPropertyNames([...rememberedProps.filter((n) => n !== name), name])
                        setTabs({ ...tabs, properties: name })
                      }}
                    />
                  ))}
                </div>
              </>
            )}
          </>
        )}
      </main>
      {details && site ? (
        // A modal has no place in the page to hold: nothing shows until its chunk is in (a few ms).
        <LoadBoundary compact fallback={null}>
          <DetailsModal
            site={site}
            panel={details.panel}
            tab={details.tab}
            dateRange={resolved.dateRange}
            filters={filters}
            onFilter={filterRow}
            onExport={() => void exportCsv(details.panel, details.tab)}
            onClose={() => setDetails(null)}
            imports={imports}
          />
        </LoadBoundary>
      ) : null}
      {editor && site ? (
        <FilterEditor
          site={site}
          dateRange={resolved.dateRange}
          filters={filters}
          propertyNames={propertyNames}
          segments={segments}
          {...(editor.index !== null && filters[editor.index]
            ? { initial: labelSegmentFilters(filters, segments)[editor.index]! }
            : {})}
          onSave={(filter) =>
            setFilters(
              editor.index === null
                ? addFilter(filters, filter)
                : replaceFilter(filters, editor.index, filter),
            )
          }
          onClose={() => setEditor(null)}
        />
      ) : null}
    </div>
  )
}

/** Read in event handlers only (a new "now" for the view the user just asked for). */
const wallClock = (): number => Date.now()

function useComparedStats(
  current: V2Response | undefined,
  previous: V2Response | undefined,
): ComparedStat[] | undefined {
  return useMemo(
    () =>
      current ? compareTopStats(toTopStats(current), previous ? toTopStats(previous) : undefined) : undefined,
    [current, previous],
  )
}

/** The graph's points, shaped once per answer (a year of hours is 8,760 of them). */
function useGraphPoints(
  series: V2Response | undefined,
  comparison: V2Response | undefined,
  metric: TopStatMetric,
  currentBucket: string | undefined,
): SeriesPoint[] | undefined {
  return useMemo(() => {
    if (!series) return undefined
    const primary = toSeries(series, metric, currentBucket ? { currentBucket } : {})
    return comparison ? alignComparison(primary, toSeries(comparison, metric)) : primary
  }, [series, comparison, metric, currentBucket])
}

/** The site asked for by URL (listed or not: an unknown one must fail visibly), else the default. */
function pickSite(
  sites: SiteRef[],
  domain: string | undefined,
  account: string | undefined,
): SiteRef | undefined {
  if (!domain) return sites[0]
  const listed = sites.find(
    (site) => site.domain === domain && (account === undefined || site.account === account),
  )
  if (listed) return listed
  // Wait for the list before guessing the account of a site it may hold.
  if (sites.length === 0) return undefined
  return { account: account ?? sites[0]?.account ?? '', domain, timezone: 'UTC' }
}

function EmptyState(): React.JSX.Element {
  return (
    <div className="card empty-state" data-testid="empty-state">
      <h1 className="empty-state__title">No sites to show yet</h1>
      <p className="empty-state__text">
        Add an account with <code>plausible accounts add</code>, or set <code>PLAUSIBLE_API_KEY</code> (and{' '}
        <code>PLAUSIBLE_BASE_URL</code> for a self-hosted server), then reload.
      </p>
    </div>
  )
}

/**
 * The site's custom properties: the Sites API's allowlist (one request, kept ten minutes; a server
 * without it answers nothing here) first, then the names typed in this window.
 */
function usePropertyNames(site: SiteRef | undefined, remembered: readonly string[]): string[] {
  const api = useApi()
  const listed = useQuery({
    ...siteListOptions(api, 'props.list', site ?? { account: '', domain: '' }),
    enabled: site !== undefined,
    staleTime: 600_000,
    retry: false,
  })
  return useMemo(
    () => [...new Set([...(listed.data?.properties ?? []), ...remembered])],
    [listed.data, remembered],
  )
}
