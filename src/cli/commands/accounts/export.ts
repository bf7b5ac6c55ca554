// `plausible accounts export`: the account settings as JSON on stdout, never a key.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'

export function registerAccountsExport(accounts: Command, ctx: CliContext): void {
  const command = accounts
    .command('export')
    .description('Print the account settings as JSON (aliases, servers, budgets, default); never a key.')
  describeCommand(command, {
    callsApi: false,
    output: contractOutput('accounts.export'),
    examples: [
      { command: 'plausible accounts export > accounts.json', description: 'a backup without secrets' },
    ],
  })
  command.action(async () => (await import('./export-action')).runAccountsExport(ctx))
}
