// The dashboard's periods (Plausible's: period + date, or custom from/to) resolved in the site's timezone
// into v2 date ranges, with the graph intervals each one allows and the ←/→ moves.
import type { DateRange } from '../plausible/query'
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  endOfMonth,
  endOfYear,
  isIsoDate,
  minDate,
  startOfMonth,
  startOfYear,
  type IsoDate,
} from './calendar'

export const periodKeys = [
  'realtime',
  'day',
  '24h',
  '7d',
  '28d',
  '30d',
  '91d',
  'month',
  'year',
  '6mo',
  '12mo',
  'all',
  'custom',
] as const
export type PeriodKey = (typeof periodKeys)[number]

/**
 * What the user picked. `date` anchors day/month/year (today when unset: "Today", "Month to date");
 * `from`/`to` are the custom range, inclusive, in the site's timezone.
 */
export interface Period {
  key: PeriodKey
  date?: IsoDate
  from?: IsoDate
  to?: IsoDate
}

/** The graph's bucket sizes (the public API has no `time:minute`, §4.3). */
export const seriesIntervals = ['time:hour', 'time:day', 'time:week', 'time:month'] as const
export type SeriesInterval = (typeof seriesIntervals)[number]

export const intervalLabels: Record<SeriesInterval, string> = {
  'time:hour': 'Hours',
  'time:day': 'Days',
  'time:week': 'Weeks',
  'time:month': 'Months',
}

export interface ResolvedPeriod {
  period: Period
  label: string
  /** What v2 gets (§4.2). */
  dateRange: DateRange
  /** Inclusive local dates; null where only the server knows them (`all`, rolling `24h`, realtime). */
  first: IsoDate | null
  last: IsoDate | null
  today: IsoDate
  /** True when the range reaches today (its later buckets have not happened yet). */
  includesToday: boolean
  intervals: SeriesInterval[]
  defaultInterval: SeriesInterval
  /** Whether a comparison makes sense (not realtime, not all time: Plausible disables both). */
  comparable: boolean
}

export const defaultPeriod: Period = { key: '30d' }

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** `3 Nov 2026` (with the year) or `3 Nov`. */
export function formatDay(date: IsoDate, withYear = true): string {
  const [y, m, d] = date.split('-')
  const month = monthNames[Number(m) - 1]?.slice(0, 3) ?? m
  return withYear ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`
}

function formatRange(first: IsoDate, last: IsoDate): string {
  if (first === last) return formatDay(first)
  return first.slice(0, 4) === last.slice(0, 4)
    ? `${formatDay(first, false)} – ${formatDay(last)}`
    : `${formatDay(first)} – ${formatDay(last)}`
}

const fixedLabels: Partial<Record<PeriodKey, string>> = {
  realtime: 'Realtime',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '28d': 'Last 28 days',
  '30d': 'Last 30 days',
  '91d': 'Last 91 days',
  '6mo': 'Last 6 months',
  '12mo': 'Last 12 months',
  all: 'All time',
}

/** Every option of the period menu, in Plausible's order, with its single-key shortcut. */
export const periodMenu: ReadonlyArray<{ id: string; label: string; shortcut: string }> = [
  { id: 'day', label: 'Today', shortcut: 'D' },
  { id: 'yesterday', label: 'Yesterday', shortcut: 'E' },
  { id: 'realtime', label: 'Realtime', shortcut: 'R' },
  { id: '24h', label: 'Last 24 hours', shortcut: 'H' },
  { id: '7d', label: 'Last 7 days', shortcut: 'W' },
  { id: '28d', label: 'Last 28 days', shortcut: 'F' },
  { id: '30d', label: 'Last 30 days', shortcut: 'T' },
  { id: '91d', label: 'Last 91 days', shortcut: 'N' },
  { id: 'month', label: 'Month to date', shortcut: 'M' },
  { id: 'last_month', label: 'Last month', shortcut: 'P' },
  { id: 'year', label: 'Year to date', shortcut: 'Y' },
  { id: '6mo', label: 'Last 6 months', shortcut: 'S' },
  { id: '12mo', label: 'Last 12 months', shortcut: 'L' },
  { id: 'all', label: 'All time', shortcut: 'A' },
  { id: 'custom', label: 'Custom range', shortcut: 'C' },
]

/** The period a menu entry or shortcut stands for, relative to `today` (null for custom: it needs dates). */
export function periodForMenu(id: string, today: IsoDate): Period | null {
  switch (id) {
    case 'yesterday':
      return { key: 'day', date: addDays(today, -1) }
    case 'last_month':
      return { key: 'month', date: addMonths(startOfMonth(today), -1) }
    case 'custom':
      return null
    default:
      return isPeriodKey(id) ? { key: id } : null
  }
}

export function isPeriodKey(value: unknown): value is PeriodKey {
  return typeof value === 'string' && (periodKeys as readonly string[]).includes(value)
}

/** Intervals for a range of `days` days (inclusive count), and the default (v2 `time`'s own rule, §4.8). */
function intervalsForDays(days: number): { intervals: SeriesInterval[]; defaultInterval: SeriesInterval } {
  // Hourly up to a year: a desktop window draws 8,760 points without trouble (bench/dashboard-load).
  if (days <= 1) return { intervals: ['time:hour'], defaultInterval: 'time:hour' }
  if (days <= 7) return { intervals: ['time:hour', 'time:day'], defaultInterval: 'time:day' }
  if (days <= 40) return { intervals: ['time:hour', 'time:day', 'time:week'], defaultInterval: 'time:day' }
  if (days <= 366)
    return {
      intervals: ['time:hour', 'time:day', 'time:week', 'time:month'],
      defaultInterval: days <= 93 ? 'time:week' : 'time:month',
    }
  return { intervals: ['time:day', 'time:week', 'time:month'], defaultInterval: 'time:month' }
}

function datesRange(
  period: Period,
  label: string,
  first: IsoDate,
  last: IsoDate,
  today: IsoDate,
  intervals: { intervals: SeriesInterval[]; defaultInterval: SeriesInterval },
): ResolvedPeriod {
  return {
    period,
    label,
    dateRange: [first, last],
    first,
    last,
    today,
    includesToday: first <= today && today <= last,
    ...intervals,
    comparable: true,
  }
}

/**
 * Resolves a period against today's date in the site's timezone. Ranges are sent as explicit dates,
 * so a cached answer never outlives the day it was for, and the comparison can be derived from them.
 */
export function resolvePeriod(period: Period, today: IsoDate): ResolvedPeriod {
  switch (period.key) {
    case 'realtime':
      return {
        period,
        label: 'Realtime',
        dateRange: 'day',
        first: today,
        last: today,
        today,
        includesToday: true,
        intervals: ['time:hour'],
        defaultInterval: 'time:hour',
        comparable: false,
      }
    case '24h':
      return {
        period,
        label: 'Last 24 hours',
        dateRange: '24h',
        first: null,
        last: null,
        today,
        includesToday: true,
        intervals: ['time:hour'],
        defaultInterval: 'time:hour',
        comparable: true,
      }
    case 'all':
      return {
        period,
        label: 'All time',
        dateRange: 'all',
        first: null,
        last: null,
        today,
        includesToday: true,
        intervals: ['time:day', 'time:week', 'time:month'],
        defaultInterval: 'time:month',
        comparable: false,
      }
    case 'day': {
      const date = period.date && isIsoDate(period.date) ? minDate(period.date, today) : today
      const label = date === today ? 'Today' : date === addDays(today, -1) ? 'Yesterday' : formatWeekday(date)
      return datesRange(period, label, date, date, today, intervalsForDays(1))
    }
    case '7d':
    case '28d':
    case '30d':
    case '91d': {
      // `Nd`: N full days ending yesterday (§4.2).
      const n = Number(period.key.slice(0, -1))
      return datesRange(
        period,
        fixedLabels[period.key] ?? '',
        addDays(today, -n),
        addDays(today, -1),
        today,
        {
          ...intervalsForDays(n),
          defaultInterval: 'time:day',
        },
      )
    }
    case 'month': {
      const anchor = period.date && isIsoDate(period.date) ? minDate(period.date, today) : today
      const first = startOfMonth(anchor)
      const current = first === startOfMonth(today)
      const [y, m] = first.split('-')
      const label = current ? 'Month to date' : `${monthNames[Number(m) - 1]} ${y}`
      return datesRange(period, label, first, endOfMonth(first), today, {
        intervals: ['time:hour', 'time:day', 'time:week'],
        defaultInterval: 'time:day',
      })
    }
    case 'year': {
      const anchor = period.date && isIsoDate(period.date) ? minDate(period.date, today) : today
      const first = startOfYear(anchor)
      const label = first === startOfYear(today) ? 'Year to date' : first.slice(0, 4)
      return datesRange(period, label, first, endOfYear(first), today, {
        intervals: ['time:day', 'time:week', 'time:month'],
        defaultInterval: 'time:month',
      })
    }
    case '6mo':
    case '12mo': {
      // `Nmo`: N full calendar months before the current one (§4.2).
      const n = Number(period.key.slice(0, -2))
      const first = addMonths(startOfMonth(today), -n)
      return datesRange(
        period,
        fixedLabels[period.key] ?? '',
        first,
        addDays(startOfMonth(today), -1),
        today,
        { intervals: ['time:day', 'time:week', 'time:month'], defaultInterval: 'time:month' },
      )
    }
    case 'custom': {
      const from = period.from && isIsoDate(period.from) ? period.from : today
      const to = period.to && isIsoDate(period.to) && period.to >= from ? period.to : from
      return datesRange(
        period,
        formatRange(from, to),
        from,
        to,
        today,
        intervalsForDays(daysBetween(from, to) + 1),
      )
    }
  }
}

function formatWeekday(date: IsoDate): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return `${weekdayNames[(day + 6) % 7]}, ${formatDay(date)}`
}

/** The interval to draw: the one asked for if this period allows it, else the period's default. */
export function pickInterval(resolved: ResolvedPeriod, wanted: SeriesInterval | undefined): SeriesInterval {
  return wanted && resolved.intervals.includes(wanted) ? wanted : resolved.defaultInterval
}

/**
 * ←/→: the previous or next day, month, year or same-length custom range; null where the dashboard
 * has no such move (rolling ranges) or where it would start in the future.
 */
export function movePeriod(period: Period, direction: -1 | 1, today: IsoDate): Period | null {
  const resolved = resolvePeriod(period, today)
  const { first, last } = resolved
  if (!first || !last) return null
  let next: Period
  let nextFirst: IsoDate
  switch (period.key) {
    case 'day':
      nextFirst = addDays(first, direction)
      next = { key: 'day', date: nextFirst }
      break
    case 'month':
      nextFirst = addMonths(first, direction)
      next = { key: 'month', date: nextFirst }
      break
    case 'year':
      nextFirst = addYears(first, direction)
      next = { key: 'year', date: nextFirst }
      break
    case 'custom': {
      const length = daysBetween(first, last) + 1
      nextFirst = addDays(first, direction * length)
      next = { key: 'custom', from: nextFirst, to: addDays(last, direction * length) }
      break
    }
    default:
      return null
  }
  if (direction === 1 && nextFirst > today) return null
  // Today's own day/month/year reads best as "Today" / "Month to date": drop the anchor.
  if (
    next.key !== 'custom' &&
    next.date !== undefined &&
    resolvePeriod({ key: next.key }, today).first === nextFirst
  )
    return { key: next.key }
  return next
}

/** The period as URL parameters (Plausible's own names: period, date, from, to). */
export function periodToParams(period: Period): Record<string, string | undefined> {
  return { period: period.key, date: period.date, from: period.from, to: period.to }
}

export function periodFromParams(params: URLSearchParams): Period | null {
  const key = params.get('period')
  if (!isPeriodKey(key)) return null
  const period: Period = { key }
  const date = params.get('date')
  const from = params.get('from')
  const to = params.get('to')
  if (isIsoDate(date)) period.date = date
  if (key === 'custom') {
    if (!isIsoDate(from) || !isIsoDate(to)) return null
    period.from = from
    period.to = to
  }
  return period
}

/**
 * A click on a graph point zooms in, as on Plausible's graph: a day's bucket opens that day (by the hour),
 * a month's that month, a week's those seven days (cut at today); an hour is as deep as it goes (null).
 */
export function periodOfBucket(label: string, interval: SeriesInterval, today: IsoDate): Period | null {
  const date = label.slice(0, 10)
  if (!isIsoDate(date) || date > today) return null
  switch (interval) {
    case 'time:day':
      return { key: 'day', date }
    case 'time:month':
      return { key: 'month', date }
    case 'time:week':
      return { key: 'custom', from: date, to: minDate(addDays(date, 6), today) }
    default:
      return null
  }
}
