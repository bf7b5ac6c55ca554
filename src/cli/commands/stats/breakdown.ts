// `plausible stats breakdown`: rows grouped by one or more dimensions (sources, pages, countries…), one
// page at a time, with the row count before paging; --compare adds each row's value in the comparison
// period (matched by its dimension values) and the change.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { isDimension, type Dimension } from '../../../shared/plausible/vocabulary'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, positiveInteger } from '../../shared-options'
import { addStatsOptions, type StatsFlags } from './stats-options'

export interface BreakdownFlags extends StatsFlags {
  dimension: Dimension[]
  limit?: number
  page?: number
}

function collectDimension(value: string, previous: Dimension[] = []): Dimension[] {
  if (!isDimension(value) || value.startsWith('time'))
    throw new InvalidArgumentError(
      'Use a dimension such as visit:source, visit:country, event:page, event:goal or event:props:<name>.',
    )
  return [...previous, value as Dimension]
}

export function registerStatsBreakdown(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addStatsOptions(
      stats
        .command('breakdown')
        .description(
          'Top sources, pages, countries…: metrics grouped by one or more dimensions, a page at a time.',
        ),
    )
      .addOption(
        new Option(
          '--dimension <name>',
          'dimension to group by, e.g. visit:source, event:page, visit:country; repeat to group by several',
        )
          .argParser(collectDimension)
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--limit <n>', 'rows per page, 1–10000 (default 100)').argParser(
          positiveInteger('--limit'),
        ),
      )
      .addOption(
        new Option('--page <n>', 'page number, from 1 (default 1)').argParser(positiveInteger('--page')),
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: async () => (await import('./breakdown-action')).BreakdownOutput,
    examples: [
      {
        command: 'plausible stats breakdown --site example.com --dimension visit:source',
        description: 'top sources of the last 30 days',
      },
      {
        command:
          'plausible stats breakdown --site example.com --dimension event:page --metric visitors --metric pageviews --limit 10 --page 2',
        description: 'pages 11–20 by visitors, with pageviews',
      },
      {
        command:
          'plausible stats breakdown --site example.com --dimension visit:country --period 7d --compare previous_period --json',
        description: 'countries this week against last week, as JSON',
      },
    ],
  })
  command.action(async (flags: BreakdownFlags) =>
    (await import('./breakdown-action')).runStatsBreakdown(ctx, flags),
  )
}
