// One site's report as queries and back: the period resolved in the site's timezone (the dashboard's and
// `stats aggregate --compare`'s own code, periods.ts and comparison.ts), the v2 queries the dashboard's
// top stats, graph and panels run, and their answers shaped into a SiteReport. Pure: the core sends.
import { PlausibleError } from '../errors'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import { panelQuery, panels, toBreakdownPage, type BreakdownTab, type PanelId } from '../stats/breakdowns'
import { columnLabel, breakdownMetrics } from '../stats/breakdowns'
import { optionalMetrics, supportedMetrics } from '../stats/metric-support'
import { todayIn } from '../stats/calendar'
import { compareTopStats, comparisonRange, type ComparisonRange } from '../stats/comparison'
import { resolvePeriod, type ResolvedPeriod, type SeriesInterval } from '../stats/periods'
import { currentBucketLabel, seriesQuery, toSeries } from '../stats/series'
import { topStatMetricsFor, topStatsQuery, toTopStats } from '../stats/top-stats'
import type { ReportCompareMode, ReportPeriod, ReportTableId, SiteReport } from './model'

/** Rows per table: a report is read, not browsed. */
export const reportRowLimit = 10

interface TableSpec {
  id: ReportTableId
  title: string
  panel: PanelId
  tab: BreakdownTab
}

const tabOf = (panel: PanelId, id: string): BreakdownTab => {
  const found = panels.find((spec) => spec.id === panel)?.tabs.find((tab) => tab.id === id)
  if (!found) throw new Error(`no tab ${id} in panel ${panel}`)
  return found
}

/** The dashboard's panels a report shows, each on the tab a summary needs. */
export const reportTables: readonly TableSpec[] = [
  { id: 'sources', title: 'Top sources', panel: 'sources', tab: tabOf('sources', 'sources') },
  { id: 'pages', title: 'Top pages', panel: 'pages', tab: tabOf('pages', 'pages') },
  { id: 'countries', title: 'Countries', panel: 'locations', tab: tabOf('locations', 'countries') },
  {
    id: 'devices',
    title: 'Devices',
    panel: 'devices',
    // Desktop, mobile, tablet: the one line a reader of a summary wants of the Devices panel.
    tab: { id: 'devices', label: 'Devices', dimension: 'visit:device', columnLabel: 'Device' },
  },
  { id: 'goals', title: 'Goal conversions', panel: 'goals', tab: tabOf('goals', 'goals') },
]

export interface SitePlan {
  site: string
  timeZone: string
  resolved: ResolvedPeriod
  comparison: (ComparisonRange & { mode: ReportCompareMode }) | null
  interval: SeriesInterval
  /** The bucket holding now, when the period reaches today (later buckets are the future: null). */
  currentBucket: string | undefined
  queries: {
    top: V2Query
    topCompare: V2Query | null
    series: V2Query
    tables: V2Query[]
  }
}

const rollingKeys = new Set(['24h', '7d', '28d', '30d', '91d', '6mo', '12mo', 'all'])

/**
 * The period in the site's timezone, as `stats aggregate` resolves its flags: `date` anchors day, month
 * and year on that day; a rolling period (7d, 6mo…) ends just before it, as if it were today.
 */
export function resolveReportPeriod(period: ReportPeriod, timeZone: string, nowMs: number): ResolvedPeriod {
  const today = todayIn(timeZone, nowMs)
  if (period.date !== undefined && (period.key === '24h' || period.key === 'all'))
    throw new PlausibleError('USAGE', {
      message: `--date does not apply to --period ${period.key}: it always ends now.`,
      hint: 'Anchor day, 7d, 28d, 30d, 91d, month, year, 6mo or 12mo on a date.',
    })
  if (period.date !== undefined && rollingKeys.has(period.key))
    return resolvePeriod({ key: period.key }, period.date)
  return resolvePeriod(
    {
      key: period.key,
      ...(period.date !== undefined ? { date: period.date } : {}),
      ...(period.from !== undefined ? { from: period.from } : {}),
      ...(period.to !== undefined ? { to: period.to } : {}),
    },
    today,
  )
}

export function planSiteReport(options: {
  site: string
  timeZone: string
  period: ReportPeriod
  compare: ReportCompareMode | null
  nowMs: number
}): SitePlan {
  const { site, timeZone, nowMs } = options
  const resolved = resolveReportPeriod(options.period, timeZone, nowMs)
  let comparison: SitePlan['comparison'] = null
  if (options.compare) {
    const range = comparisonRange(
      resolved,
      { mode: options.compare, matchDayOfWeek: true },
      { nowMs, timeZone },
    )
    if (!range)
      throw new PlausibleError('USAGE', {
        message: `--compare does not apply to --period ${options.period.key}, as on the dashboard.`,
        hint: 'Compare a period with a beginning and an end: day, 7d, 30d, month, year, 6mo, 12mo or --from/--to.',
      })
    comparison = { ...range, mode: options.compare }
  }
  const interval = resolved.defaultInterval
  const currentBucket = resolved.includesToday
    ? currentBucketLabel(nowMs, timeZone, interval, resolved.first ?? undefined)
    : undefined
  return {
    site,
    timeZone,
    resolved,
    comparison,
    interval,
    currentBucket,
    queries: {
      top: topStatsQuery(site, resolved.dateRange),
      topCompare: comparison ? topStatsQuery(site, comparison.totalsDateRange) : null,
      series: seriesQuery(site, resolved.dateRange, interval),
      tables: reportTables.map((table) =>
        // A report keeps to the metrics every server knows: an older one refuses scroll_depth (§4.3).
        panelQuery(site, resolved.dateRange, [], table.panel, table.tab, 0, reportRowLimit, {
          unsupported: optionalMetrics,
        }),
      ),
    },
  }
}

/** How many reads a site's report asks for: top stats, graph, tables, and the comparison's top stats. */
export function queriesOf(plan: SitePlan): V2Query[] {
  const { top, topCompare, series, tables } = plan.queries
  return [top, ...(topCompare ? [topCompare] : []), series, ...tables]
}

export interface SiteAnswers {
  top: V2Response
  topCompare: V2Response | null
  series: V2Response
  tables: V2Response[]
}

/** The answers shaped into the report's data: the dashboard's own readers (toTopStats, toSeries, toBreakdownPage). */
export function assembleSiteReport(
  plan: SitePlan,
  answers: SiteAnswers,
  meta: { account: string; notes?: string[] },
): SiteReport {
  const asked = topStatMetricsFor([])
  const current = toTopStats(answers.top, asked)
  const previous = answers.topCompare ? toTopStats(answers.topCompare, asked) : undefined
  const compared = compareTopStats(current, previous)
  const points = toSeries(answers.series, 'visitors', {
    ...(plan.currentBucket !== undefined ? { currentBucket: plan.currentBucket } : {}),
    metrics: plan.queries.series.metrics,
  })
  const { resolved, comparison } = plan
  return {
    account: meta.account,
    site: plan.site,
    timezone: plan.timeZone,
    period: {
      label: resolved.label,
      first: resolved.first,
      last: resolved.last,
      dateRange: resolved.dateRange,
    },
    comparison: comparison
      ? {
          mode: comparison.mode,
          label: comparison.label,
          first: comparison.first,
          last: comparison.last,
          dateRange: comparison.totalsDateRange as DateRange,
        }
      : null,
    topStats: compared.map((stat) => ({
      metric: stat.metric,
      label: stat.label,
      value: stat.value,
      comparisonValue: comparison ? stat.comparisonValue : null,
      change: comparison ? stat.change : null,
    })),
    series: {
      metric: 'visitors',
      interval: plan.interval,
      points: points.map((point) => ({ label: point.label, value: point.value })),
    },
    tables: reportTables.map((table, index) => {
      const metrics = supportedMetrics(breakdownMetrics(table.panel, table.tab, []), optionalMetrics)
      const response = answers.tables[index]
      const page = response ? toBreakdownPage(response, metrics) : { rows: [] }
      return {
        id: table.id,
        title: table.title,
        columnLabel: table.tab.columnLabel,
        metrics,
        metricLabels: metrics.map((metric) => columnLabel(table.panel, metric)),
        rows: page.rows.map((row) => ({
          name: row.name,
          values: metrics.map((metric) => row.metrics[metric] ?? null),
        })),
      }
    }),
    notes: meta.notes ?? [],
  }
}
