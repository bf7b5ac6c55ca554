// `plausible accounts use <alias>`: make an account the default.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'

export function registerAccountsUse(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('use')
      .argument('<alias>', 'the account to use by default')
      .description('Make an account the default for the window, the tray and the CLI.'),
  )
  describeCommand(command, {
    callsApi: false,
    output: contractOutput('accounts.use'),
    examples: [{ command: 'plausible accounts use client-a', description: 'switch the default account' }],
  })
  command.action(async (alias: string, flags: Pick<OutputFlags, 'json' | 'compact'>) =>
    (await import('./use-action')).runAccountsUse(ctx, alias, flags),
  )
}
