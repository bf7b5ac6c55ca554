// The stats flags as a query: the one place --period/--date/--from/--to become a v2 date range and,
// with --compare, the comparison's range — computed by the dashboard's own code (shared/stats/periods.ts,
// comparison.ts), so both agree — and --filter/--metric become the query's filters and metrics.
import { frozenClockFrom } from '../../../core/frozen-clock'
import type { PlausibleApi } from '../../../shared/contract'
import { PlausibleError } from '../../../shared/errors'
import type { DateRange, Filter } from '../../../shared/plausible/query'
import { allowedMetrics } from '../../../shared/plausible/metric-rules'
import type { Metric } from '../../../shared/plausible/vocabulary'
import { todayIn } from '../../../shared/stats/calendar'
import { comparisonRange, type ComparisonRange } from '../../../shared/stats/comparison'
import { isPeriodKey, resolvePeriod, type Period } from '../../../shared/stats/periods'
import { parseFilterFlag } from '../../flags/filter'
import { customRangeOf, dateRangeFromFlags } from '../../flags/period'
import type { StatsFlags } from './stats-options'

export function filtersOf(flags: StatsFlags): Filter[] {
  return [...flags.filter, ...(flags.filters ?? [])].map(parseFilterFlag)
}

/**
 * --metric as given (an explicit choice gets the server's answer), else the command's default metrics
 * without those the query's filters and dimensions rule out (the server's own rules, metric-rules.ts),
 * each named with its reason in one note — so `--filter event:page==/pricing` works with the defaults.
 */
export function metricsOf(
  flags: StatsFlags,
  fallback: readonly Metric[],
  dimensions: readonly string[],
  note: (message: string) => void,
): Metric[] {
  if (flags.metric && flags.metric.length > 0) return [...new Set(flags.metric)]
  const { metrics, leftOut } = allowedMetrics(fallback, { dimensions, filters: filtersOf(flags) })
  if (leftOut.length > 0) note(leftOutNote(leftOut))
  return metrics
}

/** One line: which default metrics were left out and the server's reason for each. */
export function leftOutNote(leftOut: ReadonlyArray<{ metric: string; reason: string }>): string {
  const names = leftOut.map((entry) => entry.metric).join(', ')
  const reasons = leftOut.map((entry) => entry.reason.replace(/\.$/, '')).join('; ')
  return `${names} left out of the default metrics (${reasons}); --metric chooses the metrics yourself.`
}

/** Now, as the core sees it: PLAUSIBLE_FROZEN_TIME stops this clock too, so "today" agrees with the core's. */
export function nowOf(env: Record<string, string | undefined>): number {
  return (frozenClockFrom(env) ?? Date.now)()
}

export interface StatsRanges {
  dateRange: DateRange
  /** With --compare: the comparison period (totals and series ranges, label). */
  comparison: ComparisonRange | null
}

/**
 * --period/--from/--to as before; --date anchors the period on another day (v2 has no `date`, §4.1, so
 * the range is computed here); --compare needs the site's "today", so it reads the site's timezone from
 * the account's site list (one cached request).
 */
export async function rangesOf(
  given: StatsFlags,
  api: PlausibleApi,
  account: string | undefined,
  now: number,
  warn: (message: string) => void,
): Promise<StatsRanges> {
  const flags = withCustomRange(given)
  const isCustom = flags.from !== undefined || flags.to !== undefined
  if (flags.date === undefined && flags.compare === undefined)
    return { dateRange: dateRangeFromFlags(flags), comparison: null }
  if (isCustom && flags.date !== undefined)
    throw new PlausibleError('USAGE', {
      message: '--date anchors a --period; a --from/--to range needs none.',
      hint: 'Example: --period month --date 2026-03-15, or --from 2026-03-01 --to 2026-03-31',
    })
  dateRangeFromFlags(flags) // the same checks and messages as without --date/--compare
  const period = periodOf(flags)
  if (flags.date !== undefined && (period.key === '24h' || period.key === 'all'))
    throw new PlausibleError('USAGE', {
      message: `--date does not apply to --period ${period.key}: it always ends now.`,
      hint: 'Anchor day, 7d, 28d, 30d, 91d, month, year, 6mo or 12mo on a date.',
    })
  const isRolling = period.key !== 'day' && period.key !== 'month' && period.key !== 'year'
  if (flags.compare !== undefined) {
    const timeZone = await timeZoneOf(flags.site, api, account, warn)
    const today = flags.date !== undefined && isRolling ? flags.date : todayIn(timeZone, now)
    const resolved = resolvePeriod(anchored(period, flags.date), today)
    const comparison = comparisonRange(
      resolved,
      { mode: flags.compare, matchDayOfWeek: true },
      { nowMs: now, timeZone },
    )
    if (!comparison)
      throw new PlausibleError('USAGE', {
        message: `--compare does not apply to --period ${period.key}, as on the dashboard.`,
        hint: 'Compare a period with a beginning and an end: day, 7d, 30d, month, year, 6mo, 12mo or --from/--to.',
      })
    return { dateRange: resolved.dateRange, comparison }
  }
  const date = flags.date ?? ''
  return { dateRange: resolvePeriod(anchored(period, date), date).dateRange, comparison: null }
}

/** The flags with the custom-range spellings (--date A,B, --period custom) read as --from/--to. */
function withCustomRange(given: StatsFlags): StatsFlags {
  const { period, date, from, to, ...rest } = given
  return { ...rest, ...customRangeOf({ period, date, from, to }) }
}

/** The dashboard's period for the flags; only its periods can be anchored or compared. */
function periodOf(flags: StatsFlags): Period {
  if (flags.from !== undefined && flags.to !== undefined)
    return { key: 'custom', from: flags.from, to: flags.to }
  const key = flags.period ?? '30d'
  if (!isPeriodKey(key) || key === 'custom' || key === 'realtime')
    throw new PlausibleError('USAGE', {
      message: `--period ${key} cannot be used with --date or --compare.`,
      hint: 'Use day, 24h, 7d, 28d, 30d, 91d, month, year, 6mo, 12mo or all; or --from/--to.',
    })
  return { key }
}

/**
 * `--date D`: day, month and year are the ones holding D; the rolling periods (7d, 6mo…) end just
 * before D, as the legacy API's `date` did for them (§5) — resolvePeriod with D as "today" does both.
 */
function anchored(period: Period, date: string | undefined): Period {
  return date && (period.key === 'day' || period.key === 'month' || period.key === 'year')
    ? { ...period, date }
    : period
}

async function timeZoneOf(
  site: string,
  api: PlausibleApi,
  account: string | undefined,
  warn: (message: string) => void,
): Promise<string> {
  const { sites } = await api['sites.list']({ ...(account ? { account } : {}) })
  const found = sites.find((entry) => entry.domain === site)
  if (found) return found.timezone
  warn(`${site} is not in the account's site list, so "today" is taken in UTC for the comparison.`)
  return 'UTC'
}
