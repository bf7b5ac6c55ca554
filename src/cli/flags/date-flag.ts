// --date's parser, apart from period.ts (which checks ranges with the zod schema), so registering the
// stats commands loads no zod.
import { InvalidArgumentError } from 'commander'
import { isIsoDate } from '../../shared/stats/calendar'

/** --date's parser: one day, or two days joined by a comma (a range). */
export function parseDateFlag(value: string): string {
  const days = value.split(',').map((day) => day.trim())
  if (days.length <= 2 && days.every(isIsoDate)) return days.join(',')
  throw new InvalidArgumentError(
    '--date takes a date as YYYY-MM-DD (e.g. 2026-03-15), or a range as FROM,TO (e.g. 2026-03-01,2026-03-31).',
  )
}
