// The main graph: its one v2 query (every graphable metric at once, so clicking another top stat costs
// no request), and one metric of the filled series (shared/plausible/time-series does the axis fill).
import { timeseriesQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import { fillTimeSeries, type SeriesValue } from '../plausible/time-series'
import type { Metric } from '../plausible/vocabulary'
import { startOfWeek, todayIn, wallTimeAt, maxDate, type IsoDate } from './calendar'
import { allowedMetrics, filtersOnDimension } from '../plausible/metric-rules'
import { hasGoalFilter, toV2Filters, type DashboardFilter } from './filters'
import { supportedMetrics } from './metric-support'
import type { SeriesInterval } from './periods'
import type { TopStatMetric } from './top-stats'

export interface SeriesPoint {
  /** Unique per point: the label, plus `#2` for the second of a repeated (DST fall-back) hour. */
  key: string
  /** The bucket label as the server writes it: `2026-11-03`, `2026-11-03 14:00:00`, `2026-11-01`. */
  label: string
  /** 0 for the first bucket with this label, 1 for the repeated hour of a fall-back day. */
  occurrence: number
  /** The metric in the bucket; null for a bucket that has not started yet (nothing to draw). */
  value: number | null
  /** The aligned bucket of the comparison period (see comparison.ts), when there is one. */
  comparisonLabel?: string
  comparisonValue?: number | null
}

/**
 * What the series query asks for; views per visit is derived per bucket (the server refuses it with
 * dimensions, §4.3). Under a page filter the page's scroll depth and time on page ride along (the top stats
 * graph them), where the server takes them and knows them (`unsupported`: refused before).
 */
export function seriesMetrics(
  filters: readonly DashboardFilter[] = [],
  unsupported: readonly string[] = [],
): Metric[] {
  if (hasGoalFilter(filters)) return ['visitors', 'events', 'conversion_rate']
  const base: Metric[] = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration']
  const v2Filters = toV2Filters(filters)
  if (!filtersOnDimension(v2Filters, 'event:page')) return base
  const page = allowedMetrics(['scroll_depth', 'time_on_page'] as const, {
    dimensions: ['time'],
    filters: v2Filters,
  }).metrics
  return supportedMetrics([...base, ...page], unsupported)
}

/** A `time:*` breakdown with `include.time_labels`, because the server returns only buckets with data (§4.8). */
export function seriesQuery(
  siteId: string,
  dateRange: DateRange,
  interval: SeriesInterval,
  filters: readonly DashboardFilter[] = [],
  imports = false,
  unsupported: readonly string[] = [],
): V2Query {
  return timeseriesQuery(siteId, {
    metrics: seriesMetrics(filters, unsupported),
    dateRange,
    interval,
    filters: toV2Filters(filters),
    ...(imports ? { imports: true } : {}),
  })
}

export interface FillOptions {
  /**
   * The label of the bucket that holds "now" (see `currentBucketLabel`). Buckets after it are in the
   * future (today's later hours, the rest of this month) and get null instead of a misleading zero.
   */
  currentBucket?: string
  /** The metrics the query asked for, in order (default: the response's echo). */
  metrics?: readonly string[]
}

const numberOrNull = (value: SeriesValue | undefined): number | null =>
  typeof value === 'number' ? value : null

/**
 * One point per bucket of the complete axis (`fillTimeSeries`), holding `metric`; views per visit is
 * pageviews ÷ visits of the bucket. A repeated label (the fall-back hour) gets its own key.
 */
export function toSeries(
  response: V2Response,
  metric: TopStatMetric,
  options: FillOptions = {},
): SeriesPoint[] {
  const echoed = (response.query as { metrics?: unknown }).metrics
  const metrics = options.metrics ?? (Array.isArray(echoed) ? (echoed as string[]) : ['visitors'])
  const read = (values: SeriesValue[], name: string): number | null =>
    metrics.includes(name) ? numberOrNull(values[metrics.indexOf(name)]) : null
  const buckets = fillTimeSeries(response, {
    metrics,
    ...(options.currentBucket !== undefined ? { currentBucket: options.currentBucket } : {}),
  })
  return buckets.map((bucket) => {
    let value: number | null
    if (metric === 'views_per_visit' && !metrics.includes('views_per_visit')) {
      const visits = read(bucket.metrics, 'visits')
      const pageviews = read(bucket.metrics, 'pageviews')
      value =
        visits === null || pageviews === null
          ? null
          : visits === 0
            ? 0
            : Math.round((pageviews / visits) * 100) / 100
    } else value = read(bucket.metrics, metric)
    return {
      key: pointKey(bucket.label, bucket.occurrence),
      label: bucket.label,
      occurrence: bucket.occurrence,
      value,
    }
  })
}

const pointKey = (label: string, occurrence: number): string =>
  occurrence === 0 ? label : `${label}#${occurrence + 1}`

/**
 * The label of the bucket containing `nowMs` in `timeZone`, in the server's format for `interval`. A
 * week that began before the range is labelled with the range's first day (§4.8), so pass `rangeFirst`.
 */
export function currentBucketLabel(
  nowMs: number,
  timeZone: string,
  interval: SeriesInterval,
  rangeFirst?: IsoDate,
): string {
  const wall = wallTimeAt(timeZone, nowMs)
  switch (interval) {
    case 'time:hour':
      return `${wall.date} ${wall.time.slice(0, 2)}:00:00`
    case 'time:day':
      return wall.date
    case 'time:week': {
      const monday = startOfWeek(todayIn(timeZone, nowMs))
      return rangeFirst ? maxDate(monday, rangeFirst) : monday
    }
    case 'time:month':
      return `${wall.date.slice(0, 7)}-01`
  }
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const

/**
 * What the graph draws by: the query intervals, and minutes, which only the realtime graph has (built a
 * minute per request, see realtime-minutes.ts: the public API has no `time:minute`).
 */
export type GraphInterval = SeriesInterval | 'time:minute'

/**
 * A bucket label for the axis and tooltip: `14:05`, `2pm`, `Nov 3`, `Nov 2026`. Parsed as text, never
 * through `Date`, because labels are wall-clock times in the site's timezone (§4.8) and carry no offset.
 */
export function formatBucketLabel(label: string, interval: GraphInterval): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?/.exec(label)
  if (!match) return label
  const [, year, month, day, hour, minute] = match
  const monthName = monthNames[Number(month) - 1] ?? month
  switch (interval) {
    case 'time:minute':
      return `${hour ?? '00'}:${minute ?? '00'}`
    case 'time:hour': {
      const h = Number(hour ?? 0)
      return `${h % 12 === 0 ? 12 : h % 12}${h < 12 ? 'am' : 'pm'}`
    }
    case 'time:day':
    case 'time:week':
      return `${monthName} ${Number(day)}`
    case 'time:month':
      return `${monthName} ${year}`
  }
}

/** The tooltip's heading: hours carry their day, weeks say so. */
export function formatBucketTitle(label: string, interval: GraphInterval): string {
  switch (interval) {
    case 'time:minute':
      return `${formatBucketLabel(label, 'time:day')}, ${formatBucketLabel(label, 'time:minute')}`
    case 'time:hour':
      return `${formatBucketLabel(label, 'time:day')}, ${formatBucketLabel(label, 'time:hour')}`
    case 'time:week':
      return `Week of ${formatBucketLabel(label, 'time:week')}`
    default:
      return formatBucketLabel(label, interval)
  }
}

/**
 * At most `max` points for drawing, keeping the shape: the axis is cut into `max / 2` slices and each
 * slice keeps its lowest and highest point, in time order, so spikes and dips survive. A year of hours
 * (8,760) on a 1,400-pixel graph loses nothing visible and stays responsive under the pointer.
 */
export function decimate(points: readonly SeriesPoint[], max: number): SeriesPoint[] {
  if (points.length <= max || max < 4) return [...points]
  const slices = Math.floor(max / 2)
  const size = points.length / slices
  const kept: SeriesPoint[] = []
  for (let slice = 0; slice < slices; slice++) {
    const start = Math.floor(slice * size)
    const end = Math.min(points.length, Math.floor((slice + 1) * size))
    let low = -1
    let high = -1
    for (let i = start; i < end; i++) {
      const value = points[i]?.value
      if (value === null || value === undefined) continue
      if (low === -1 || value < (points[low]?.value ?? 0)) low = i
      if (high === -1 || value > (points[high]?.value ?? 0)) high = i
    }
    // A slice with no value yet (the future) keeps its first point, so the axis still reaches the end.
    const picks = low === -1 ? [start] : low === high ? [low] : [Math.min(low, high), Math.max(low, high)]
    for (const index of picks) {
      const point = points[index]
      if (point) kept.push(point)
    }
  }
  const last = points[points.length - 1]
  if (last && kept[kept.length - 1] !== last) kept.push(last)
  return kept
}

/** A point as the graph draws it: the solid line up to the last finished bucket, dashed into the running one. */
export interface DrawnSeriesPoint extends SeriesPoint {
  /** The value on the solid line; null for the bucket still running. */
  solid: number | null
  /** The value on the dashed stretch: the last finished bucket and the running one; null elsewhere. */
  partial: number | null
}

/**
 * As Plausible draws a period that reaches now: the bucket still running (the last with a value) is joined
 * to the one before by a dashed stretch, since its number is still growing. Without a running bucket (a
 * period in the past) every point is on the solid line.
 */
export function withRunningBucket(
  points: readonly SeriesPoint[],
  lastIsRunning: boolean,
): DrawnSeriesPoint[] {
  let running = -1
  if (lastIsRunning)
    for (let i = points.length - 1; i >= 0 && running < 0; i--) if (points[i]!.value !== null) running = i
  let before = -1
  if (running > 0)
    for (let i = running - 1; i >= 0 && before < 0; i--) if (points[i]!.value !== null) before = i
  return points.map((point, index) => ({
    ...point,
    solid: index === running ? null : point.value,
    partial: index === running || (index === before && running >= 0) ? point.value : null,
  }))
}

/**
 * Whether the graph has a dashed stretch to draw: the running bucket and the finished one before it. In
 * the first bucket of a running period (a site's first hour of today) there is no stretch, only a dot.
 */
export function hasRunningStretch(points: readonly DrawnSeriesPoint[]): boolean {
  let partials = 0
  for (const point of points) if (point.partial !== null && ++partials === 2) return true
  return false
}
