// The date ranges the dashboard offers, as v2 shortcuts, with the time bucket each one is drawn in.
import type { TimeDimension } from '../plausible/vocabulary'

/** v2 `date_range` shortcuts (plausible-api.md §4.2); `day` is today in the site's timezone. */
export const rangeKeys = ['day', '7d', '28d', '30d', 'month', '6mo', '12mo'] as const
export type RangeKey = (typeof rangeKeys)[number]

/** The interval the visitors graph uses for a range; Plausible's own defaults (hourly today, monthly for months). */
export type SeriesInterval = Extract<TimeDimension, 'time:hour' | 'time:day' | 'time:month'>

export interface RangeSpec {
  /** What the picker shows. */
  readonly label: string
  readonly interval: SeriesInterval
}

export const ranges: Record<RangeKey, RangeSpec> = {
  day: { label: 'Today', interval: 'time:hour' },
  '7d': { label: 'Last 7 days', interval: 'time:day' },
  '28d': { label: 'Last 28 days', interval: 'time:day' },
  '30d': { label: 'Last 30 days', interval: 'time:day' },
  month: { label: 'Month to date', interval: 'time:day' },
  // v2 `Nmo` is N full months before the current one (§4.2), so a monthly axis has exactly N points.
  '6mo': { label: 'Last 6 months', interval: 'time:month' },
  '12mo': { label: 'Last 12 months', interval: 'time:month' },
}

export const defaultRange: RangeKey = '30d'

export function isRangeKey(value: unknown): value is RangeKey {
  return typeof value === 'string' && (rangeKeys as readonly string[]).includes(value)
}
