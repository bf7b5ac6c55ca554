// `plausible accounts list`: aliases, servers, budgets and where each key is kept — keys masked.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerAccountsList(accounts: Command, ctx: CliContext): void {
  const command = addApiOptions(
    accounts
      .command('list')
      .description('List the configured accounts and where each key is kept (keys masked).'),
  )
  describeCommand(command, {
    callsApi: false,
    output: contractOutput('accounts.list'),
    examples: [
      { command: 'plausible accounts list', description: 'the default is marked with *' },
      { command: 'plausible accounts list --json', description: 'as JSON, with the key store in use' },
    ],
  })
  command.action(async (flags: ConnectionFlags) =>
    (await import('./list-action')).runAccountsList(ctx, flags),
  )
}
