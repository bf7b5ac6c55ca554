// `plausible accounts use <alias>`: make an account the default.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'

export function registerAccountsUse(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('use')
      .argument('<alias>', 'the account to use by default')
      .description('Make an account the default for the window, the tray and the CLI.'),
  )
  describeCommand(command, {
    callsApi: false,
    output: calls['accounts.use'].output,
    examples: [{ command: 'plausible accounts use client-a', description: 'switch the default account' }],
  })
  command.action((alias: string, flags: Pick<OutputFlags, 'json' | 'compact'>) =>
    withApi(ctx, flags, async (api) => {
      const result = await api['accounts.use']({ alias })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      ctx.stdout.write(`Default account: ${result.account.alias} (${result.account.baseUrl})\n`)
    }),
  )
}
