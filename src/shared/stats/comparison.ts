// Comparisons, as Plausible's dashboard makes them, on the client: the public v2 API has none
// (`include.comparisons` is internal, plausible-api.md §4.1), so the window runs a second query for the
// range computed here, then aligns the two series and computes each top stat's change.
import type { DateRange } from '../plausible/query'
import {
  addDays,
  addYears,
  dayOfWeek,
  daysBetween,
  instantOfWallTime,
  isIsoDate,
  isoWithOffset,
  minDate,
  wallTimeAt,
  type IsoDate,
} from './calendar'
import { formatDay, type ResolvedPeriod } from './periods'
import type { SeriesPoint } from './series'
import type { TopStat, TopStatMetric } from './top-stats'

export const comparisonModes = ['off', 'previous_period', 'year_over_year', 'custom'] as const
export type ComparisonMode = (typeof comparisonModes)[number]

export const comparisonLabels: Record<ComparisonMode, string> = {
  off: 'Disable comparison',
  previous_period: 'Previous period',
  year_over_year: 'Year over year',
  custom: 'Custom period',
}

export interface ComparisonSettings {
  mode: ComparisonMode
  /** Plausible's default: the comparison starts on the same weekday as the period. */
  matchDayOfWeek: boolean
  /** The custom period, inclusive, in the site's timezone. */
  from?: IsoDate
  to?: IsoDate
}

export const defaultComparison: ComparisonSettings = { mode: 'off', matchDayOfWeek: true }

export interface ComparisonRange {
  /** Inclusive local dates of the comparison period (null for the rolling 24 hours). */
  first: IsoDate | null
  last: IsoDate | null
  /** For the graph overlay: whole days, bucket for bucket. */
  seriesDateRange: DateRange
  /**
   * For the top stats: when the period reaches today, the comparison's last day ends at the same time
   * of day as now ("today so far" against yesterday until this hour and minute).
   */
  totalsDateRange: DateRange
  label: string
}

export interface Now {
  nowMs: number
  timeZone: string
}

/** Plausible's shift_to_nearest: the next such weekday, or the previous one if the next is the period's own start. */
function shiftToNearest(weekday: number, date: IsoDate, reject: IsoDate): IsoDate {
  if (dayOfWeek(date) === weekday) return date
  let ahead = weekday - dayOfWeek(date)
  if (ahead <= 0) ahead += 7
  let back = dayOfWeek(date) - weekday
  if (back <= 0) back += 7
  const next = addDays(date, ahead)
  return next !== reject ? next : addDays(date, -back)
}

function matchDayOfWeek(first: IsoDate, last: IsoDate, sourceFirst: IsoDate): [IsoDate, IsoDate] {
  const shiftedFirst = shiftToNearest(dayOfWeek(sourceFirst), first, sourceFirst)
  const shift = daysBetween(first, shiftedFirst)
  return [shiftedFirst, addDays(last, shift)]
}

/**
 * The comparison period for a resolved period, as Plausible's Comparisons module computes it: the
 * source is trimmed to today first; previous period is the same number of days just before it; year
 * over year starts one calendar year earlier; both optionally moved to start on the same weekday.
 * Null when the period cannot be compared (realtime, all time) or comparisons are off.
 */
export function comparisonRange(
  resolved: ResolvedPeriod,
  settings: ComparisonSettings,
  now: Now,
): ComparisonRange | null {
  if (settings.mode === 'off' || !resolved.comparable) return null
  const { timeZone, nowMs } = now

  if (resolved.first === null || resolved.last === null) {
    // Rolling 24 hours: exact instants, shifted by a day or a year.
    const end = Math.floor(nowMs / 60_000) * 60_000
    const shift = (ms: number): number => {
      if (settings.mode === 'previous_period') return ms - 86_400_000
      const d = new Date(ms)
      d.setUTCFullYear(d.getUTCFullYear() - 1)
      return d.getTime()
    }
    if (settings.mode === 'custom') return customRange(settings)
    const range: DateRange = [
      isoWithOffset(timeZone, shift(end - 86_400_000)),
      isoWithOffset(timeZone, shift(end)),
    ]
    return {
      first: null,
      last: null,
      seriesDateRange: range,
      totalsDateRange: range,
      label: settings.mode === 'previous_period' ? 'Previous 24 hours' : 'Same 24 hours last year',
    }
  }

  if (settings.mode === 'custom') return customRange(settings)

  const sourceFirst = resolved.first
  const sourceLast = minDate(resolved.last, resolved.today)
  let first: IsoDate
  let last: IsoDate
  if (settings.mode === 'previous_period') {
    const length = daysBetween(sourceFirst, sourceLast) + 1
    first = addDays(sourceFirst, -length)
    last = addDays(sourceLast, -length)
  } else {
    first = addYears(sourceFirst, -1)
    last = addDays(first, daysBetween(sourceFirst, sourceLast))
  }
  if (settings.matchDayOfWeek) [first, last] = matchDayOfWeek(first, last, sourceFirst)

  let totalsDateRange: DateRange = [first, last]
  if (resolved.includesToday) {
    // "Today so far": the comparison's last day counts up to the same wall-clock time as now.
    const clock = wallTimeAt(timeZone, nowMs).time
    const start = instantOfWallTime(timeZone, { date: first, time: '00:00:00' })
    const end = instantOfWallTime(timeZone, { date: last, time: clock })
    totalsDateRange = [isoWithOffset(timeZone, start), isoWithOffset(timeZone, Math.max(start, end))]
  }
  return {
    first,
    last,
    seriesDateRange: [first, last],
    totalsDateRange,
    label: first === last ? formatDay(first) : `${formatDay(first)} – ${formatDay(last)}`,
  }
}

function customRange(settings: ComparisonSettings): ComparisonRange | null {
  const { from, to } = settings
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return null
  return {
    first: from,
    last: to,
    seriesDateRange: [from, to],
    totalsDateRange: [from, to],
    label: from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`,
  }
}

/** Elixir's round/1: halves away from zero (JS Math.round sends −2.5 to −2). */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value))
}

/**
 * The change Plausible shows next to a top stat: bounce rate as the difference in points (none when
 * the old rate was 0), conversion rate as the difference to one decimal, everything else as a whole
 * percentage (old 0 → new > 0 is 100, 0 → 0 is 0).
 */
export function metricChange(
  metric: TopStatMetric,
  previous: number | null,
  current: number | null,
): number | null {
  if (previous === null || current === null) return null
  if (metric === 'bounce_rate') return previous > 0 ? current - previous : null
  if (metric === 'conversion_rate') return Math.round((current - previous) * 10) / 10
  if (previous === 0) return current > 0 ? 100 : 0
  return roundHalfAway(((current - previous) / previous) * 100)
}

export interface ComparedStat extends TopStat {
  /** The comparison period's value, and the change to it (null: nothing to compare). */
  comparisonValue: number | null
  change: number | null
}

/** Pairs each top stat with the comparison's value of the same metric. */
export function compareTopStats(
  current: readonly TopStat[],
  previous: readonly TopStat[] | undefined,
): ComparedStat[] {
  return current.map((stat) => {
    const other = previous?.find((candidate) => candidate.metric === stat.metric)
    const comparisonValue = other?.value ?? null
    return {
      ...stat,
      comparisonValue,
      change: other ? metricChange(stat.metric, comparisonValue, stat.value) : null,
    }
  })
}

/** Whether a rise is good news: less bouncing is better; for everything else, more is. */
export const higherIsBetter = (metric: TopStatMetric): boolean => metric !== 'bounce_rate'

/**
 * Lays the comparison series over the period's, bucket by bucket (the first day against the first
 * day), as Plausible's graph does; buckets beyond the shorter series have no partner.
 */
export function alignComparison(
  primary: readonly SeriesPoint[],
  comparison: readonly SeriesPoint[],
): SeriesPoint[] {
  return primary.map((point, index) => {
    const other = comparison[index]
    return other ? { ...point, comparisonLabel: other.label, comparisonValue: other.value } : { ...point }
  })
}
