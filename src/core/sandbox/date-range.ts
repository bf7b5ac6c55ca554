// §4.2 date ranges resolved in the site's time zone: shortcuts, date pairs and datetime pairs → instants.
import { dayMs, dayToIsoDate, firstOfMonth, firstOfYear, isoDateToDay } from './calendar'
import { formatIsoWithOffset, instantsAtLocal, localDayOf, startOfLocalDay } from './timezone'
import { inspect } from '../../shared/plausible/query-rules/inspect'
import { parseDateRange, type ParsedDateRange } from '../../shared/plausible/query-rules/parse'
import { isSchemaDateRange } from '../../shared/plausible/query-rules/schema'

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

/**
 * The JSON-schema part of §4.2, in the server's words (shared query rules): the pointer-prefixed text, or
 * null when the shape passes (a shorthand out of range or a date that does not exist fails later).
 */
export function dateRangeSchemaError(value: unknown): string | null {
  return isSchemaDateRange(value) ? null : `#/date_range: Invalid date range ${inspect(value)}`
}

const secondMs = 1000

/**
 * Whole local days [firstDay, lastDay] in the zone, as DateTimeRange.new!/3 bounds them: the first day at
 * 00:00:00 — a midnight inside a DST gap is the first instant after it, a midnight shown twice its later
 * occurrence — and the last day at 23:59:59 — inside a gap the second before it, shown twice its earlier
 * occurrence. `to` keeps all of that last second (the server stores whole seconds).
 */
export function daysRange(firstDay: number, lastDay: number, timeZone: string): ResolvedRange {
  const midnights = instantsAtLocal(timeZone, firstDay * dayMs)
  const from = midnights.at(-1) ?? startOfLocalDay(timeZone, firstDay)
  const lastSeconds = instantsAtLocal(timeZone, (lastDay + 1) * dayMs - secondMs)
  const to = (lastSeconds[0] ?? startOfLocalDay(timeZone, lastDay + 1) - secondMs) + secondMs - 1
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

/** Resolves a schema-valid `date_range`; the parser's refusals carry the server's pointer-less text. */
export function resolveDateRange(input: DateRangeInput, context: RangeContext): RangeResult {
  const parsed = parseDateRange(input)
  if (!parsed.ok) return { ok: false, error: parsed.refusal.message }
  return { ok: true, range: resolveParsedRange(parsed.range, context) }
}

/**
 * A parsed range as instants in the site's zone (QueryBuilder.build_datetime_range). A reversed pair is
 * taken as given, as the server does: it simply holds no data.
 */
export function resolveParsedRange(range: ParsedDateRange, context: RangeContext): ResolvedRange {
  const { timeZone, now } = context
  const today = localDayOf(timeZone, now)
  switch (range.kind) {
    case 'day':
      return daysRange(today, today, timeZone)
    case '24h': {
      // Rolling 24 hours ending now, to the second.
      const end = Math.floor(now / 1000) * 1000
      return instantsRange(end - dayMs, end, timeZone)
    }
    case 'month':
      return daysRange(firstOfMonth(today), firstOfMonth(today, 1) - 1, timeZone)
    case 'year':
      return daysRange(firstOfYear(today), firstOfMonth(firstOfYear(today), 12) - 1, timeZone)
    case 'all':
      return daysRange(Math.min(context.statsStartDay, today), today, timeZone)
    case 'last_n_days':
      // `Nd` is N full days ending yesterday.
      return daysRange(today - range.n, today - 1, timeZone)
    case 'last_n_months':
      // `Nmo` is N full calendar months before the current one (v2; v1 includes the current month, §5).
      return daysRange(firstOfMonth(today, -range.n), firstOfMonth(today) - 1, timeZone)
    case 'date_range':
      return daysRange(isoDateToDay(range.from), isoDateToDay(range.to), timeZone)
    case 'datetime_range':
      return instantsRange(range.from, range.to, timeZone)
  }
}

/** For tests and logs: the local dates a range covers. */
export function rangeDates(range: ResolvedRange): [string, string] {
  return [dayToIsoDate(range.firstDay), dayToIsoDate(range.lastDay)]
}
