// The flags the stats commands share (--site, --period, --date, --from/--to, --filter, --metric,
// --compare), as commander options: light, for help and completion. What they mean for a query (the
// date range, the filters, the metrics) is stats-flags.ts, loaded with a command's action.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { metrics, type Metric } from '../../../shared/plausible/vocabulary'
import { isIsoDate } from '../../../shared/stats/calendar'
import { parseDateFlag } from '../../flags/date-flag'
import type { ConnectionFlags } from '../../shared-options'

export const compareModes = ['previous_period', 'year_over_year'] as const
export type CompareMode = (typeof compareModes)[number]

export interface StatsFlags extends ConnectionFlags {
  site: string
  period?: string
  date?: string
  from?: string
  to?: string
  metric?: Metric[]
  filter: string[]
  /** --filters: the same as --filter (the v2 query's field is `filters`, so people type it). */
  filters?: string[]
  compare?: CompareMode
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

export function collectMetric(value: string, previous: Metric[] = []): Metric[] {
  if (!(metrics as readonly string[]).includes(value))
    throw new InvalidArgumentError(`Unknown metric. Choose from: ${metrics.join(', ')}.`)
  return [...previous, value as Metric]
}

/** Adds the shared flags; the command adds its own (--dimension, --interval, --limit…). */
export function addStatsOptions(command: Command): Command {
  return command
    .requiredOption('--site <domain>', 'site domain as registered in Plausible, e.g. example.com')
    .option('--period <period>', 'day, 24h, 7d, 28d, 30d, 91d, month, 6mo, 12mo, year, all… (default 30d)')
    .addOption(
      new Option(
        '--date <YYYY-MM-DD>',
        'anchor the period on this day instead of today: the day itself, its month or year, or the N days before it; FROM,TO is a custom range like --from/--to',
      ).argParser(parseDateFlag),
    )
    .addOption(
      new Option(
        '--from <YYYY-MM-DD>',
        'first day of a custom range (site timezone); --period custom may go with it',
      ).argParser(isoDateFlag('--from')),
    )
    .addOption(new Option('--to <YYYY-MM-DD>', 'last day of a custom range').argParser(isoDateFlag('--to')))
    .addOption(
      new Option(
        '--metric <name>',
        `metric to include; repeat for several (${metrics.join(', ')})`,
      ).argParser(collectMetric),
    )
    .option(
      '--filter <expr>',
      'filter such as "visit:country==DE|FR"; repeat for several (AND); --filters is the same',
      collect,
      [],
    )
    .addOption(new Option('--filters <expr>').hideHelp().argParser(collect))
    .addOption(
      new Option(
        '--compare <mode>',
        'also query the comparison period and show each change, as the dashboard does (weekday-matched)',
      ).choices(compareModes),
    )
}

function isoDateFlag(flag: string): (value: string) => string {
  return (value) => {
    if (!isIsoDate(value))
      throw new InvalidArgumentError(`${flag} takes a date as YYYY-MM-DD, e.g. 2026-03-15.`)
    return value
  }
}
