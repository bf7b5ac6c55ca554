// --period / --from / --to become a v2 date_range (plausible-api.md §4.2).
import { DateRange } from '../../shared/plausible/query'
import { PlausibleError } from '../../shared/errors'

export function dateRangeFromFlags(flags: { period?: string; from?: string; to?: string }): DateRange {
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
        hint: 'Example: --period 30d, or --from 2026-01-01 --to 2026-01-31',
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
