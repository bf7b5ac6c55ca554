// `plausible stats timeseries`: one bucket per hour, day, week or month of a period, every bucket present
// (the server sends only buckets with data, §4.8; fillTimeSeries completes them from `time_labels`), and
// with --compare the comparison period's buckets laid beside them, first against first, as on the graph.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions } from '../../shared-options'
import { addStatsOptions, type StatsFlags } from './stats-options'

const intervals = ['hour', 'day', 'week', 'month'] as const

type Interval = (typeof intervals)[number]

export interface TimeseriesFlags extends StatsFlags {
  interval?: Interval
}

export function registerStatsTimeseries(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addStatsOptions(
      stats
        .command('timeseries')
        .description('A metric over time: one row per hour, day, week or month, empty buckets included.'),
    ).addOption(
      new Option(
        '--interval <interval>',
        'bucket size (default: from the range length, as the server does)',
      ).choices(intervals),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: async () => (await import('./timeseries-action')).TimeseriesOutput,
    examples: [
      {
        command: 'plausible stats timeseries --site example.com --period 7d',
        description: 'visitors per day of the last 7 days',
      },
      {
        command:
          'plausible stats timeseries --site example.com --period day --interval hour --metric pageviews',
        description: "today's pageviews hour by hour",
      },
      {
        command:
          'plausible stats timeseries --site example.com --period 30d --compare previous_period --format csv',
        description: 'each day beside the matching day of the previous 30 days, as CSV',
      },
    ],
  })
  command.action(async (flags: TimeseriesFlags) =>
    (await import('./timeseries-action')).runStatsTimeseries(ctx, flags),
  )
}
