// `plausible status`: every account with the budget left this hour, the write journal, and whether
// the app is running (then the CLI goes through it and shares its queue). Sends no request.
import type { Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { addApiOptions, type ConnectionFlags } from '../shared-options'

export function registerStatus(program: Command, ctx: CliContext): void {
  const command = addApiOptions(
    program
      .command('status')
      .description('Accounts with the budget left this hour, the write journal, and whether the app runs.'),
  )
  describeCommand(command, {
    callsApi: false,
    output: async () => (await import('./status-action')).StatusOutput,
    examples: [
      { command: 'plausible status', description: 'one line per account, then the journal and the app' },
      { command: 'plausible status --json', description: 'the same as JSON, for scripts' },
    ],
  })
  command.action(async (flags: ConnectionFlags) => (await import('./status-action')).runStatus(ctx, flags))
}
