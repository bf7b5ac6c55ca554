// A site's overview numbers from one v2 request: visitors of the last 24 hours, the 24 hours before, the
// change, and an hourly sparkline. Pure: the clock comes in as `now`.
//
// What Plausible's own "My sites" page does (plausible/analytics, lib/plausible/stats/sparkline.ex,
// `overview_24h`): two queries per site — the `24h` range (rolling, to the second) with
// `include: [compare: :previous_period]` for visitors and their change, and the same range by `time:hour`
// with time labels for the sparkline (25 labels: the hour of now − 24 h to the hour of now). The change is
// Compare.percent_change: round((new − old) / old · 100), 100 when old is 0 and new is not, 0 when both are.
// (Older servers did it in one ClickHouse query for all sites, Clickhouse.last_24h_visitors_hourly_intervals:
// uniq(user_id) over [now − 24 h, now] against [now − 48 h, now − 24 h], hourly uniq for the intervals.)
//
// Ours is one request per site, since the public API has no comparisons (`include.comparisons` is internal,
// plausible-api.md §4.1): `time:hour` over the 48 whole hours before the current hour and the current hour,
// with time labels. Where we differ:
// - the windows are whole hours of the site's zone: "last 24 hours" is the current hour so far and the 24
//   whole hours before it (the same 25 labels as the server's sparkline, so up to 24 h 59 min, not exactly
//   24 h), "the 24 hours before" the 24 whole hours before those;
// - visitors are each hour's unique visitors added up: the server counts a visitor once per 24 hours, we
//   count them once per hour they were seen, so ours can be higher for visitors who come back hours later;
// - a site with no visitors in the 24 hours before has change null ("new"), where the server shows 100 %.
import type { V2Query, V2Response } from '../../shared/plausible/query'
import { timeseriesQuery } from '../../shared/plausible/builders'
import { fillTimeSeries } from '../../shared/plausible/time-series'
import { isoWithOffset, wallTimeAt } from '../../shared/stats/calendar'

const hourMs = 3_600_000

/** Hours in the current window: the hour so far and the 24 whole hours before it. */
export const currentWindowHours = 25

export interface OverviewWindow {
  /** Start of the range: 48 whole hours before the current hour. */
  from: number
  /** The first hour of the current window (24 whole hours before the current hour). */
  currentFrom: number
  /** Start of the hour that holds now, in the site's zone. */
  hourStart: number
  /** The last second of the current hour: the body stays the same all hour (read cache, coalescing). */
  to: number
  /** The server's label of `currentFrom` (`YYYY-MM-DD HH:00:00` in the site's zone), or null when the zone is unknown. */
  currentFromLabel: string | null
  /** The range as the request sends it: ISO with the site's offset. */
  fromIso: string
  toIso: string
}

export interface OverviewNumbers {
  visitors: number
  previousVisitors: number
  change: number | null
  sparkline: Array<{ hour: string; visitors: number }>
}

/**
 * The window for a site at `now`. `timeZone` null (a pinned site the sites list did not name): hours are
 * taken in UTC, and the split falls back to "the last 25 labels" (see readOverviewNumbers).
 */
export function overviewWindow(timeZone: string | null, now: number): OverviewWindow {
  const zone = timeZone ?? 'UTC'
  const second = Math.floor(now / 1000) * 1000
  const wall = wallTimeAt(zone, second)
  const [, minutes = 0, seconds = 0] = wall.time.split(':').map(Number)
  const hourStart = second - (minutes * 60 + seconds) * 1000
  const from = hourStart - 48 * hourMs
  const currentFrom = hourStart - 24 * hourMs
  const to = hourStart + hourMs - 1000
  return {
    from,
    currentFrom,
    hourStart,
    to,
    currentFromLabel: timeZone === null ? null : hourLabel(zone, currentFrom),
    fromIso: isoWithOffset(zone, from),
    toIso: isoWithOffset(zone, to),
  }
}

/** The server's `time:hour` label of the hour starting at `instant` (§4.8: site zone, no offset). */
export function hourLabel(timeZone: string, instant: number): string {
  const wall = wallTimeAt(timeZone, instant)
  return `${wall.date} ${wall.time.slice(0, 2)}:00:00`
}

/** The one request: unique visitors by hour over the window, every hour labelled. */
export function overviewQuery(site: string, window: OverviewWindow): V2Query {
  return timeseriesQuery(site, {
    metrics: ['visitors'],
    dateRange: [window.fromIso, window.toIso],
    interval: 'time:hour',
  })
}

/** The numbers of one answer: the current window's hours from `currentFromLabel` on (or the last 25). */
export function readOverviewNumbers(response: V2Response, currentFromLabel: string | null): OverviewNumbers {
  const buckets = fillTimeSeries(response, { metrics: ['visitors'] })
  const countOf = (value: unknown): number => (typeof value === 'number' && value > 0 ? Math.round(value) : 0)
  const splitAt =
    currentFromLabel === null
      ? Math.max(0, buckets.length - currentWindowHours)
      : buckets.findIndex((bucket) => bucket.label >= currentFromLabel)
  const split = splitAt === -1 ? buckets.length : splitAt
  const previous = buckets.slice(0, split)
  const current = buckets.slice(split)
  const sum = (list: typeof buckets): number =>
    list.reduce((total, bucket) => total + countOf(bucket.metrics[0]), 0)
  const visitors = sum(current)
  const previousVisitors = sum(previous)
  return {
    visitors,
    previousVisitors,
    change: changeOf(previousVisitors, visitors),
    sparkline: current.map((bucket) => ({ hour: bucket.label, visitors: countOf(bucket.metrics[0]) })),
  }
}

/**
 * Whole percent from `previous` to `current`, halves away from zero as Elixir's round/1 (the server's
 * percent_change); 0 when both are 0; null when only `previous` is 0 — a new site has nothing to compare
 * with, where the server would say +100 %.
 */
export function changeOf(previous: number, current: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null
  const percent = ((current - previous) / previous) * 100
  const rounded = Math.sign(percent) * Math.round(Math.abs(percent))
  // Never −0: a change that rounds to nothing is 0.
  return rounded === 0 ? 0 : rounded
}
