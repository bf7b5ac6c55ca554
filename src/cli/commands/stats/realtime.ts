// `plausible stats realtime`: current visitors (unique visitors in the last 5 minutes).
import type { Command } from 'commander'
import { z } from 'zod'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

export const RealtimeOutput = z.object({ site: z.string(), visitors: z.number().int().nonnegative() })

export function registerStatsRealtime(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    stats
      .command('realtime')
      .description('Current visitors on a site: unique visitors in the last 5 minutes.')
      .requiredOption('--site <domain>', 'site domain, e.g. example.com'),
  )
  describeCommand(command, {
    callsApi: true,
    output: RealtimeOutput,
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
  command.action((flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['stats.realtime']({ ...(account ? { account } : {}), site: flags.site })
      await emit(ctx, flags, {
        value: result,
        text: `${result.visitors} current visitor${result.visitors === 1 ? '' : 's'} on ${result.site}\n`,
      })
    }),
  )
}
