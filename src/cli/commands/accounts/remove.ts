// `plausible accounts remove <alias>`: the account and its key; with --purge-usage its request counts too.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'

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
    output: calls['accounts.remove'].output,
    examples: [
      { command: 'plausible accounts remove client-a', description: 'the account and its key' },
      { command: 'plausible accounts remove old --purge-usage', description: 'and its request counts' },
    ],
  })
  command.action((alias: string, flags: { purgeUsage?: boolean } & Pick<OutputFlags, 'json' | 'compact'>) =>
    withApi(ctx, flags, async (api) => {
      const result = await api['accounts.remove']({
        alias,
        ...(flags.purgeUsage ? { purgeUsage: true } : {}),
      })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      const key = result.keyRemoved ? ' and its key' : ''
      const usage = flags.purgeUsage
        ? result.usagePurged
          ? ' Its request counts were forgotten.'
          : ' Its request counts could not be found (no key on this machine); they expire with their hour and day.'
        : ''
      const fallback = result.defaultAccount
        ? ` The default account is ${result.defaultAccount}.`
        : ' No account is left.'
      ctx.stdout.write(`Removed "${result.alias}"${key}.${usage}${fallback}\n`)
    }),
  )
}
