// The realtime graph: the last 30 minutes minute by minute, built from what the public API allows. v2 has
// no `time:minute` dimension and no `30m`/`realtime` range for API keys (§4.3, §4.2): the `time` dimension
// of a 30-minute range resolves to hours (QueryOptimizer picks hour for anything up to 48 hours). So each
// minute is its own aggregate over a one-minute datetime range. A finished minute never changes, so its
// key is fixed and it is asked once; only the running minute is asked again on each refresh.
import { aggregateQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import { realtimePollPlan, type BudgetView, type PollPlan } from './realtime'
import { isoWithOffset, wallTimeAt } from './calendar'
import { toV2Filters, type DashboardFilter } from './filters'
import type { SeriesPoint } from './series'

/** Plausible's realtime graph: the last half hour. */
export const realtimeGraphMinutes = 30

const minuteMs = 60_000

export interface MinuteBucket {
  /** `2026-12-07 10:15:00`, the site's wall time, as the server labels `time:minute` internally. */
  label: string
  /** The minute's first instant (ms). */
  start: number
  /** Its last second asked (inclusive, whole seconds: the server stores no milliseconds). */
  end: number
  /** The minute holding now: asked up to the refresh's tick, and again on the next refresh. */
  running: boolean
  /** What v2 gets for it (§4.2 datetime pair with the site's offset). */
  dateRange: [string, string]
}

/**
 * The refresh's tick: now rounded down to `stepMs`, so everything asked in one refresh has the same end
 * (one cache key per refresh, comparable numbers).
 */
export function realtimeTick(nowMs: number, stepMs = 10_000): number {
  return Math.floor(nowMs / stepMs) * stepMs
}

/**
 * The last `count` minutes, oldest first: `count − 1` finished ones (each `[hh:mm:00, hh:mm:59]`) and the
 * running one (`[hh:mm:00, tick]`).
 */
export function minuteBuckets(
  timeZone: string,
  nowMs: number,
  count = realtimeGraphMinutes,
  stepMs = 10_000,
): MinuteBucket[] {
  const tick = realtimeTick(nowMs, stepMs)
  const current = Math.floor(tick / minuteMs) * minuteMs
  const buckets: MinuteBucket[] = []
  for (let back = count - 1; back >= 0; back--) {
    const start = current - back * minuteMs
    const running = back === 0
    const end = running ? tick : start + minuteMs - 1000
    const wall = wallTimeAt(timeZone, start)
    buckets.push({
      label: `${wall.date} ${wall.time.slice(0, 5)}:00`,
      start,
      end,
      running,
      dateRange: [isoWithOffset(timeZone, start), isoWithOffset(timeZone, end)],
    })
  }
  return buckets
}

/** The whole window the graph covers (its totals and its panels): the first minute's start to the tick. */
export function realtimeWindowRange(
  timeZone: string,
  nowMs: number,
  count = realtimeGraphMinutes,
  stepMs = 10_000,
): DateRange {
  const buckets = minuteBuckets(timeZone, nowMs, count, stepMs)
  return [buckets[0]!.dateRange[0], buckets[buckets.length - 1]!.dateRange[1]]
}

/** What the graph can show per minute; both come in one answer, so switching costs nothing. */
export const minuteMetrics = ['visitors', 'pageviews'] as const
export type MinuteMetric = (typeof minuteMetrics)[number]

/** One minute's aggregate (one request). */
export function minuteQuery(
  siteId: string,
  bucket: MinuteBucket,
  filters: readonly DashboardFilter[] = [],
): V2Query {
  return aggregateQuery(siteId, {
    metrics: [...minuteMetrics],
    dateRange: bucket.dateRange,
    filters: toV2Filters(filters),
  })
}

/** The window's totals: unique visitors and pageviews over the whole half hour (not a sum of minutes). */
export function windowTotalsQuery(
  siteId: string,
  range: DateRange,
  filters: readonly DashboardFilter[] = [],
): V2Query {
  return aggregateQuery(siteId, {
    metrics: [...minuteMetrics],
    dateRange: range,
    filters: toV2Filters(filters),
  })
}

/** One metric of an aggregate answer; null while it has not come. */
export function aggregateValue(response: V2Response | undefined, metric: MinuteMetric): number | null {
  const value = response?.results[0]?.metrics[minuteMetrics.indexOf(metric)]
  return typeof value === 'number' ? value : null
}

/** The graph's points: one per minute, null for a minute whose answer has not come yet (no dot drawn). */
export function minuteSeries(
  buckets: readonly MinuteBucket[],
  answers: ReadonlyArray<V2Response | undefined>,
  metric: MinuteMetric,
): SeriesPoint[] {
  return buckets.map((bucket, index) => ({
    key: bucket.label,
    label: bucket.label,
    occurrence: 0,
    value: aggregateValue(answers[index], metric),
  }))
}

export interface RealtimeCost {
  /** What every refresh asks: current visitors, the half hour's totals, the running minute, each panel. */
  fixedPerRefresh: number
  /**
   * A refresh a minute: the fixed part and the one minute that finished since the last refresh (a slower
   * refresh asks every minute finished since: one a minute, however they are spread).
   */
  perRefresh: number
  /** The first load: every finished minute once, plus the fixed part. */
  firstLoad: number
}

/** The fastest refresh: the graph moves by the minute. */
export const realtimeMinIntervalMs = 60_000

export function realtimeCost(panelRequests: number, count = realtimeGraphMinutes): RealtimeCost {
  const fixedPerRefresh = 1 + 1 + 1 + panelRequests
  return { fixedPerRefresh, perRefresh: fixedPerRefresh + 1, firstLoad: count - 1 + fixedPerRefresh }
}

/**
 * How often realtime refreshes within the budget (realtimePollPlan's policy: at most half of what is
 * left above the reserve, spread to the reset). A refresh costs its fixed part plus one request per minute
 * finished since the last, so a refresh every two minutes costs two more, not one: the plan is worked out
 * once at a refresh a minute, then again at the cost its own interval implies.
 */
export function realtimeRefreshPlan(
  budget: BudgetView | undefined,
  nowMs: number,
  panelRequests: number,
): PollPlan {
  const { fixedPerRefresh, perRefresh } = realtimeCost(panelRequests)
  const options = { minIntervalMs: realtimeMinIntervalMs }
  const first = realtimePollPlan(budget, nowMs, { ...options, requestsPerPoll: perRefresh })
  if (first.intervalMs === null || first.intervalMs <= minuteMs) return first
  return realtimePollPlan(budget, nowMs, {
    ...options,
    requestsPerPoll: fixedPerRefresh + first.intervalMs / minuteMs,
  })
}
