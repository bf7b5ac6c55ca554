// §4.8 time dimensions: which bucket an instant falls in, its label in site time, and every label of a range.
import { dayToIsoDate, firstOfMonth, hourMs, mondayOf } from './calendar'
import type { ResolvedRange } from './date-range'
import { formatLocalDateTime, localDayOf, toLocalMs } from './timezone'

export type Interval = 'hour' | 'day' | 'week' | 'month'

/**
 * `time` picks its interval from the range's length (QueryOptimizer.resolve_time_dimension): ≤ 48 hours
 * hour, ≤ 40 days day, ≤ 52 weeks week, else month, each counted in whole units between the range's first
 * and last second, as DateTime.diff and Timex.diff truncate (a date range over a DST fall-back is an hour
 * longer than its days).
 */
export function autoInterval(range: Pick<ResolvedRange, 'from' | 'to'>): Interval {
  const seconds = Math.floor(range.to / 1000) - Math.floor(range.from / 1000)
  if (Math.floor(seconds / 3600) <= 48) return 'hour'
  if (Math.floor(seconds / 86_400) <= 40) return 'day'
  if (Math.floor(seconds / 604_800) <= 52) return 'week'
  return 'month'
}

export function intervalOf(dimension: string, range: ResolvedRange): Interval {
  if (dimension === 'time') return autoInterval(range)
  return dimension.slice('time:'.length) as Interval
}

/**
 * Buckets are numbers so that they sort chronologically: an hour bucket is the instant its local hour
 * starts (on a DST fall-back day the repeated hour is two buckets with the same label, 25 in all), the
 * others are local day numbers.
 */
export interface Bucketer {
  key(ts: number): number
  label(key: number): string
  /** Every bucket of the range, in order (`include.time_labels`). */
  keys(): number[]
}

export function createBucketer(interval: Interval, range: ResolvedRange, timeZone: string): Bucketer {
  switch (interval) {
    case 'hour':
      return {
        key: (ts) => ts - (((toLocalMs(timeZone, ts) % hourMs) + hourMs) % hourMs),
        label: (key) => formatLocalDateTime(timeZone, key),
        keys() {
          const keys: number[] = []
          const first = range.from - (((toLocalMs(timeZone, range.from) % hourMs) + hourMs) % hourMs)
          for (let t = first; t <= range.to; t += hourMs) keys.push(t)
          return keys
        },
      }
    case 'day':
      return {
        key: (ts) => localDayOf(timeZone, ts),
        label: dayToIsoDate,
        // A reversed date range (the server takes it as given) has no days.
        keys: () =>
          Array.from(
            { length: Math.max(0, range.lastDay - range.firstDay + 1) },
            (_, i) => range.firstDay + i,
          ),
      }
    case 'week':
      // A first week whose Monday precedes the range start is labelled with the range start (§4.8).
      return {
        key: (ts) => Math.max(mondayOf(localDayOf(timeZone, ts)), range.firstDay),
        label: dayToIsoDate,
        keys() {
          const keys = range.lastDay < range.firstDay ? [] : [range.firstDay]
          for (let day = mondayOf(range.firstDay) + 7; day <= range.lastDay; day += 7) keys.push(day)
          return keys
        },
      }
    case 'month':
      return {
        key: (ts) => firstOfMonth(localDayOf(timeZone, ts)),
        label: dayToIsoDate,
        keys() {
          const keys: number[] = []
          for (let day = firstOfMonth(range.firstDay); day <= range.lastDay; day = firstOfMonth(day, 1))
            keys.push(day)
          return keys
        },
      }
  }
}
