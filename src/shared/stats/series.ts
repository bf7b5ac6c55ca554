// The visitors graph: its v2 query, and the sparse result filled onto the complete time axis.
import type { V2Query, V2Response } from '../plausible/query'
import { ranges, type RangeKey, type SeriesInterval } from './ranges'

export interface SeriesPoint {
  /** The bucket label as the server writes it: `2026-11-03`, `2026-11-03 14:00:00`, `2026-11-01`. */
  label: string
  /** Visitors in the bucket; null for a bucket that has not started yet (nothing to draw). */
  value: number | null
}

/** A `time:*` breakdown with `include.time_labels`, because the server returns only buckets with data (§4.8). */
export function visitorsSeriesQuery(siteId: string, range: RangeKey): V2Query {
  return {
    site_id: siteId,
    metrics: ['visitors'],
    date_range: range,
    dimensions: [ranges[range].interval],
    include: { time_labels: true },
  }
}

export interface FillOptions {
  /**
   * The label of the bucket that holds "now" (see `currentBucketLabel`). Buckets after it are in the
   * future (today's later hours, the rest of this month) and get null instead of a misleading zero.
   */
  currentBucket?: string
}

/**
 * One point per label of `meta.time_labels`, in order: the server's value where it sent a row, zero
 * where it did not. Without time labels (an old server), the rows alone, sorted, are the axis.
 */
export function toVisitorsSeries(response: V2Response, options: FillOptions = {}): SeriesPoint[] {
  const byLabel = new Map<string, number>()
  for (const row of response.results) {
    const label = row.dimensions[0]
    const value = row.metrics[0]
    if (label !== undefined && typeof value === 'number') byLabel.set(String(label), value)
  }
  const labels = response.meta.time_labels ?? [...byLabel.keys()].sort()
  const { currentBucket } = options
  return labels.map((label) => {
    const known = byLabel.get(label)
    if (known !== undefined) return { label, value: known }
    // Labels of one interval share one format, so string order is time order.
    return { label, value: currentBucket !== undefined && label > currentBucket ? null : 0 }
  })
}

/** The label of the bucket containing `nowMs` in `timeZone`, in the server's format for `interval`. */
export function currentBucketLabel(nowMs: number, timeZone: string, interval: SeriesInterval): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(nowMs)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00'
  const day = `${part('year')}-${part('month')}-${part('day')}`
  switch (interval) {
    case 'time:hour':
      return `${day} ${part('hour')}:00:00`
    case 'time:day':
      return day
    case 'time:month':
      return `${part('year')}-${part('month')}-01`
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
 * A bucket label for the axis and tooltip: `2pm`, `Nov 3`, `Nov 2026`. Parsed as text, never through
 * `Date`, because labels are wall-clock times in the site's timezone (§4.8) and carry no offset.
 */
export function formatBucketLabel(label: string, interval: SeriesInterval): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):)?/.exec(label)
  if (!match) return label
  const [, year, month, day, hour] = match
  const monthName = monthNames[Number(month) - 1] ?? month
  switch (interval) {
    case 'time:hour': {
      const h = Number(hour ?? 0)
      return `${h % 12 === 0 ? 12 : h % 12}${h < 12 ? 'am' : 'pm'}`
    }
    case 'time:day':
      return `${monthName} ${Number(day)}`
    case 'time:month':
      return `${monthName} ${year}`
  }
}
