// `plausible stats realtime`: current visitors (unique visitors in the last 5 minutes).
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerStatsRealtime(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    stats
      .command('realtime')
      .description('Current visitors on a site: unique visitors in the last 5 minutes.')
      .requiredOption('--site <domain>', 'site domain, e.g. example.com'),
  )
  describeCommand(command, {
    callsApi: true,
    output: async () => (await import('./realtime-action')).RealtimeOutput,
    examples: [
      {
        command: 'plausible stats realtime --site example.com',
        description: 'current visitors, as a sentence',
      },
      {
        command: 'plausible stats realtime --site example.com --json',
        description: 'the same as JSON, for scripts',
      },
    ],
  })
  command.action(async (flags: ConnectionFlags & { site: string }) =>
    (await import('./realtime-action')).runStatsRealtime(ctx, flags),
  )
}
