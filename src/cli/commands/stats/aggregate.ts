// `plausible stats aggregate`: one row of metrics for a site over a period (a v2 query without dimensions).
import { InvalidArgumentError, Option, type Command } from 'commander'
import { z } from 'zod'
import { MetricValue } from '../../../shared/plausible/query'
import { metrics, type Metric } from '../../../shared/plausible/vocabulary'
import type { V2Query } from '../../../shared/plausible/query'
import { topStatMetrics } from '../../../shared/stats/top-stats'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { parseFilterFlag } from '../../flags/filter'
import { dateRangeFromFlags } from '../../flags/period'
import { emit } from '../../emit'
import { renderTable } from '../../output'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

export const AggregateOutput = z.object({
  site: z.string(),
  /** As the server resolved it: ISO datetimes with the site's offset (or the requested range if it did not say). */
  dateRange: z.union([z.tuple([z.string(), z.string()]), z.string()]),
  metrics: z.record(z.string(), MetricValue),
})

interface AggregateFlags extends ConnectionFlags {
  site: string
  period?: string
  from?: string
  to?: string
  metric: Metric[]
  filter: string[]
}

/** The dashboard's top stats, so the CLI and the window answer the same question by default. */
const defaultMetrics: Metric[] = [...topStatMetrics]
const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

function collectMetric(value: string, previous: Metric[] = []): Metric[] {
  if (!(metrics as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`Unknown metric. Choose from: ${metrics.join(', ')}.`)
  }
  return [...previous, value as Metric]
}

export function registerStatsAggregate(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    stats
      .command('aggregate')
      .description('Totals for a site over a period: visitors, visits, pageviews, bounce rate…')
      .requiredOption('--site <domain>', 'site domain as registered in Plausible, e.g. example.com')
      .option('--period <period>', 'day, 24h, 7d, 30d, month, 6mo, 12mo, year, all… (default 30d)')
      .option('--from <date>', 'first day of a custom range (YYYY-MM-DD, site timezone)')
      .option('--to <date>', 'last day of a custom range (YYYY-MM-DD)')
      .addOption(
        new Option(
          '--metric <name>',
          `metric to include; repeat for several (${metrics.join(', ')})`,
        ).argParser(collectMetric),
      )
      .option(
        '--filter <expr>',
        'filter such as "visit:country==DE|FR"; repeat for several (AND)',
        collect,
        [],
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: AggregateOutput,
    examples: [
      {
        command: 'plausible stats aggregate --site example.com --period 7d',
        description: 'the top stats of the last 7 days',
      },
      {
        command: 'plausible stats aggregate --site example.com --period 30d --metric visitors --json',
        description: 'one number, as JSON',
      },
      {
        command:
          'plausible stats aggregate --site example.com --from 2026-01-01 --to 2026-01-31 --filter "visit:source==Google"',
        description: 'a custom range, only visits from Google',
      },
    ],
  })
  command.action((flags: AggregateFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const query: V2Query = {
        site_id: flags.site,
        metrics: flags.metric && flags.metric.length > 0 ? [...new Set(flags.metric)] : defaultMetrics,
        date_range: dateRangeFromFlags(flags),
        ...(flags.filter.length > 0 ? { filters: flags.filter.map(parseFilterFlag) } : {}),
      }
      const response = await api['stats.query']({ ...(account ? { account } : {}), query })
      const values = response.results[0]?.metrics ?? []
      const byMetric = Object.fromEntries(
        query.metrics.map((metric, index) => [metric, values[index] ?? null]),
      )
      await emit(ctx, flags, {
        value: {
          site: flags.site,
          dateRange: response.query.date_range ?? query.date_range,
          metrics: byMetric,
        },
        rows: query.metrics.map((metric) => ({ metric, value: byMetric[metric] ?? null })),
        text: renderTable(
          ['metric', 'value'],
          query.metrics.map((metric) => [metric, formatValue(byMetric[metric])]),
        ),
      })
    }),
  )
}

function formatValue(value: unknown): string | number {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'short' in value)
    return String((value as { short: unknown }).short)
  return '—'
}
