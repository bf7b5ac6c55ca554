// §4.2 date ranges resolved in the site's time zone: shortcuts, date pairs and datetime pairs → instants.
import { dayMs, dayToIsoDate, firstOfMonth, firstOfYear, isValidIsoDate, isoDateToDay } from './calendar'
import { inspectValue } from './inspect'
import { formatIsoWithOffset, localDayOf, startOfLocalDay } from './timezone'
import { isDateRangeShortcut } from '../../shared/plausible/vocabulary'

export type DateRangeInput = string | [string, string]

export interface ResolvedRange {
  /** First instant in range (ms). */
  from: number
  /** Last instant in range, inclusive (ms). */
  to: number
  /** Local days (days since 1970-01-01 in the site's zone) of `from` and `to`. */
  firstDay: number
  lastDay: number
  /** The range as the response's `query.date_range` shows it: ISO datetimes with the site's offset (§4.7). */
  echo: [string, string]
}

export interface RangeContext {
  timeZone: string
  now: number
  /** First local day with data: where `all` starts. */
  statsStartDay: number
}

export type RangeResult = { ok: true; range: ResolvedRange } | { ok: false; error: string }

const datePattern = /^\d{4}-\d{2}-\d{2}$/
/** Anything shaped like a datetime passes the schema; only one with an offset parses (§4.2). */
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?/
const dateTimeWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** The JSON-schema part of §4.2: returns the pointer-prefixed error text, or null when the shape is acceptable. */
export function dateRangeSchemaError(value: unknown): string | null {
  const invalid = `#/date_range: Invalid date range ${inspectValue(value)}`
  if (typeof value === 'string') return isDateRangeShortcut(value) ? null : invalid
  if (!Array.isArray(value) || value.length !== 2 || !value.every((item) => typeof item === 'string'))
    return invalid
  const [first, second] = value as [string, string]
  const bothDates = datePattern.test(first) && datePattern.test(second)
  const bothDateTimes = dateTimePattern.test(first) && dateTimePattern.test(second)
  return bothDates || bothDateTimes ? null : invalid
}

/** Whole local days [firstDay, lastDay] in the zone. */
export function daysRange(firstDay: number, lastDay: number, timeZone: string): ResolvedRange {
  const from = startOfLocalDay(timeZone, firstDay)
  const to = startOfLocalDay(timeZone, lastDay + 1) - 1
  return {
    from,
    to,
    firstDay,
    lastDay,
    echo: [formatIsoWithOffset(timeZone, from), formatIsoWithOffset(timeZone, to)],
  }
}

function instantsRange(from: number, to: number, timeZone: string): ResolvedRange {
  return {
    from,
    to,
    firstDay: localDayOf(timeZone, from),
    lastDay: localDayOf(timeZone, to),
    echo: [formatIsoWithOffset(timeZone, from), formatIsoWithOffset(timeZone, to)],
  }
}

/** Resolves a schema-valid `date_range`; semantic failures carry the server's pointer-less text. */
export function resolveDateRange(input: DateRangeInput, context: RangeContext): RangeResult {
  const { timeZone, now } = context
  const today = localDayOf(timeZone, now)
  if (typeof input === 'string') {
    if (input === 'day') return { ok: true, range: daysRange(today, today, timeZone) }
    // Rolling 24 hours ending now, to the second.
    if (input === '24h') {
      const end = Math.floor(now / 1000) * 1000
      return { ok: true, range: instantsRange(end - dayMs, end, timeZone) }
    }
    if (input === 'month')
      return { ok: true, range: daysRange(firstOfMonth(today), firstOfMonth(today, 1) - 1, timeZone) }
    if (input === 'year')
      return {
        ok: true,
        range: daysRange(firstOfYear(today), firstOfMonth(firstOfYear(today), 12) - 1, timeZone),
      }
    if (input === 'all')
      return { ok: true, range: daysRange(Math.min(context.statsStartDay, today), today, timeZone) }
    const days = /^(\d+)d$/.exec(input)
    // `Nd` is N full days ending yesterday.
    if (days) return { ok: true, range: daysRange(today - Number(days[1]), today - 1, timeZone) }
    const months = /^(\d+)mo$/.exec(input)
    // `Nmo` is N full calendar months before the current one (v2; v1 includes the current month, §5).
    if (months)
      return {
        ok: true,
        range: daysRange(firstOfMonth(today, -Number(months[1])), firstOfMonth(today) - 1, timeZone),
      }
    return { ok: false, error: `#/date_range: Invalid date range ${inspectValue(input)}` }
  }

  const invalid = { ok: false as const, error: `Invalid date_range '${inspectValue(input)}'.` }
  const [first, second] = input
  if (datePattern.test(first)) {
    if (!isValidIsoDate(first) || !isValidIsoDate(second)) return invalid
    const firstDay = isoDateToDay(first)
    const lastDay = isoDateToDay(second)
    if (lastDay < firstDay) return invalid
    return { ok: true, range: daysRange(firstDay, lastDay, timeZone) }
  }
  if (!dateTimeWithOffset.test(first) || !dateTimeWithOffset.test(second)) return invalid
  const from = Date.parse(first)
  const to = Date.parse(second)
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return invalid
  return { ok: true, range: instantsRange(from, to, timeZone) }
}

/** For tests and logs: the local dates a range covers. */
export function rangeDates(range: ResolvedRange): [string, string] {
  return [dayToIsoDate(range.firstDay), dayToIsoDate(range.lastDay)]
}
