// `plausible stats aggregate`: one row of metrics for a site over a period (a v2 query without dimensions),
// and with --compare the same metrics over the comparison period with each change, as the dashboard shows.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions } from '../../shared-options'
import { addStatsOptions, type StatsFlags } from './stats-options'

export function registerStatsAggregate(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addStatsOptions(
      stats
        .command('aggregate')
        .description('Totals for a site over a period: visitors, visits, pageviews, bounce rate…'),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: async () => (await import('./aggregate-action')).AggregateOutput,
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
      {
        command: 'plausible stats aggregate --site example.com --period month --compare previous_period',
        description: 'this month so far against the same days of last month, with the change',
      },
      {
        command: 'plausible stats aggregate --site example.com --period day --date 2026-03-15',
        description: 'the totals of one past day',
      },
    ],
  })
  command.action(async (flags: StatsFlags) =>
    (await import('./aggregate-action')).runStatsAggregate(ctx, flags),
  )
}
