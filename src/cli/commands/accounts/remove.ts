// `plausible accounts remove <alias>`: the account and its key; with --purge-usage its request counts too.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'

export function registerAccountsRemove(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('remove')
      .argument('<alias>', 'the account to remove')
      .description('Remove an account and its key from this machine.')
      .option('--purge-usage', 'also forget the requests counted for it'),
  )
  describeCommand(command, {
    callsApi: false,
    output: contractOutput('accounts.remove'),
    examples: [
      { command: 'plausible accounts remove client-a', description: 'the account and its key' },
      { command: 'plausible accounts remove old --purge-usage', description: 'and its request counts' },
    ],
  })
  command.action(
    async (alias: string, flags: { purgeUsage?: boolean } & Pick<OutputFlags, 'json' | 'compact'>) =>
      (await import('./remove-action')).runAccountsRemove(ctx, alias, flags),
  )
}
