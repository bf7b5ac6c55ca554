// The parser pass (the server's ApiQueryParser): what the schema lets through but the parser refuses,
// in its words and without a pointer — a shorthand out of range, a date pair that is not a real date or
// a datetime without an offset, clauses of the wrong type for their dimension, a country that is not two
// letters. Its result is the date range as data, for whoever resolves it in a time zone.
import { inspect } from './inspect'
import { filterLeaves } from './filter-tree'
import { refusal, type QueryRefusal } from './refusal'

export type ParsedDateRange =
  | { kind: 'day' | '24h' | 'month' | 'year' | 'all' }
  | { kind: 'last_n_days'; n: number }
  | { kind: 'last_n_months'; n: number }
  /** Local dates, inclusive, in the site's time zone. */
  | { kind: 'date_range'; from: string; to: string }
  /** Exact instants (ms), truncated to the second as the server does. */
  | { kind: 'datetime_range'; from: number; to: number }

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Elixir's Date.from_iso8601: a real calendar day, nothing around it. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = isoDate.exec(text)
  if (!match || text.endsWith('\n')) return null
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** Elixir's DateTime.from_iso8601: needs an offset, refuses "-00:00"; the instant in ms, seconds only. */
export function parseIsoDateTime(text: string): number | null {
  const match = isoDateTime.exec(text)
  if (!match || text.endsWith('\n')) return null
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[]
  const offset = match[8]
  if (offset === undefined || offset === '-00:00') return null
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return null
  if (hour! > 23 || minute! > 59 || second! > 59) return null
  let offsetMinutes = 0
  if (offset !== 'Z') {
    const digits = offset.slice(1).replace(':', '')
    const hours = Number(digits.slice(0, 2))
    const minutes = Number(digits.slice(2))
    if (hours > 23 || minutes > 59) return null
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes)
  }
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)
  return utc - offsetMinutes * 60_000
}

const named = new Set(['day', '24h', 'month', 'year', 'all'])

/** ApiQueryParser.parse_input_date_range for a value the schema accepted. */
export function parseDateRange(
  value: unknown,
): { ok: true; range: ParsedDateRange } | { ok: false; refusal: QueryRefusal } {
  if (typeof value === 'string') {
    if (named.has(value)) return { ok: true, range: { kind: value as 'day' } }
    // Integer.parse: leading digits, then exactly "d" or "mo" (so "7d\n" is refused here).
    const match = /^(\d+)(.*)$/s.exec(value)
    const n = match ? Number(match[1]) : 0
    if (match && match[2] === 'd' && n > 0 && n <= 5_000)
      return { ok: true, range: { kind: 'last_n_days', n } }
    if (match && match[2] === 'mo' && n > 0 && n <= 100)
      return { ok: true, range: { kind: 'last_n_months', n } }
    return {
      ok: false,
      refusal: refusal('date_range.shorthand', `Invalid date_range ${inspect(value)}`, '#/date_range'),
    }
  }
  const [from, to] = value as [string, string]
  if (parseIsoDate(from) && parseIsoDate(to)) return { ok: true, range: { kind: 'date_range', from, to } }
  const fromMs = parseIsoDateTime(from)
  const toMs = parseIsoDateTime(to)
  if (fromMs !== null && toMs !== null)
    return {
      ok: true,
      range: {
        kind: 'datetime_range',
        from: Math.floor(fromMs / 1000) * 1000,
        to: Math.floor(toMs / 1000) * 1000,
      },
    }
  return {
    ok: false,
    refusal: refusal('date_range.pair', `Invalid date_range '${inspect([from, to])}'.`, '#/date_range'),
  }
}

/**
 * ApiQueryParser.parse_clauses_list over every leaf, depth first: `visit:city` takes integers, a segment
 * integers only, every other dimension strings only; `visit:country` with is/is_not takes two-character
 * codes. The first leaf at fault is named, whole, in the server's inspect form.
 */
export function clausesRefusal(filters: readonly unknown[]): QueryRefusal | null {
  for (const leaf of filterLeaves(filters)) {
    const allStrings = leaf.clauses.every((clause) => typeof clause === 'string')
    const allIntegers = leaf.clauses.every((clause) => typeof clause === 'number' && Number.isInteger(clause))
    if (leaf.dimension === 'visit:city' && !allStrings && allIntegers) continue
    if (
      leaf.dimension === 'visit:country' &&
      allStrings &&
      (leaf.operator === 'is' || leaf.operator === 'is_not')
    ) {
      // String.length counts graphemes; the code point count is the same for any real country code.
      if (leaf.clauses.every((clause) => [...(clause as string)].length === 2)) continue
      return refusal(
        'filter.country',
        'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
        leaf.pointer,
      )
    }
    if (leaf.dimension === 'segment' && allIntegers) continue
    if (allStrings && leaf.dimension !== 'segment') continue
    return refusal('filter.clauses', `Invalid filter '${inspect(leaf.filter)}'.`, leaf.pointer)
  }
  return null
}
