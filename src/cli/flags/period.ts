// --period / --date / --from / --to become a v2 date_range (plausible-api.md §4.2). The spellings of a
// custom range people and agents type (`--period custom --from A --to B`, `--date A,B`) are read as
// --from/--to first, so every later check sees one form; contradictory spellings name both flags.
import { DateRange } from '../../shared/plausible/query'
import { PlausibleError } from '../../shared/errors'

export { parseDateFlag } from './date-flag'

export interface PeriodFlags {
  period?: string
  /** A day that anchors the period, or `FROM,TO`: a custom range like --from/--to. */
  date?: string
  from?: string
  to?: string
}

const rangeExample = 'Example: --from 2026-01-01 --to 2026-01-31, or --date 2026-01-01,2026-01-31'

/** The flags with `--date A,B` and `--period custom` read as --from/--to; a contradiction is a USAGE error. */
export function customRangeOf(flags: PeriodFlags): PeriodFlags {
  const isRange = flags.from !== undefined || flags.to !== undefined
  if (flags.date?.includes(',')) {
    const [from, to] = flags.date.split(',') as [string, string]
    const other = isRange
      ? '--from/--to give another'
      : flags.period !== undefined && flags.period !== 'custom'
        ? `--period ${flags.period} asks for another`
        : null
    if (other)
      throw new PlausibleError('USAGE', {
        message: `--date ${flags.date} is a range, and ${other}.`,
        hint: `Give the range once. ${rangeExample}`,
      })
    return { from, to }
  }
  if (flags.period === 'custom') {
    if (flags.from === undefined || flags.to === undefined)
      throw new PlausibleError('USAGE', {
        message: '--period custom needs --from and --to.',
        hint: rangeExample,
      })
    const { period: _custom, ...range } = flags
    return range
  }
  return flags
}

export function dateRangeFromFlags(given: PeriodFlags): DateRange {
  const flags = customRangeOf(given)
  if (flags.from !== undefined || flags.to !== undefined) {
    if (flags.from === undefined || flags.to === undefined) {
      throw new PlausibleError('USAGE', {
        message: '--from and --to go together.',
        hint: 'Example: --from 2026-01-01 --to 2026-01-31',
      })
    }
    if (flags.period !== undefined) {
      throw new PlausibleError('USAGE', {
        message: 'Use either --period or --from/--to, not both.',
        hint: 'Example: --period 30d, or --from 2026-01-01 --to 2026-01-31 (--period custom may go with them)',
      })
    }
    return parseRange([flags.from, flags.to])
  }
  return parseRange(flags.period ?? '30d')
}

function parseRange(value: string | [string, string]): DateRange {
  const parsed = DateRange.safeParse(value)
  if (parsed.success) return parsed.data
  throw new PlausibleError('USAGE', {
    message: parsed.error.issues[0]?.message ?? `Invalid period ${JSON.stringify(value)}.`,
    hint: 'Periods: day, 24h, 7d, 28d, 30d, 91d, month, 6mo, 12mo, year, all; or --from YYYY-MM-DD --to YYYY-MM-DD.',
  })
}
