// `plausible accounts allow-insecure-http <alias>`: consent (or, with --revoke, take it back) to send an
// account's key over plain http, for a server on another machine that has no https address. Accounts
// added before the consent was asked for are refused until the user gives it here or adds them again.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'

interface AllowFlags extends Pick<OutputFlags, 'json' | 'compact'> {
  revoke?: boolean
}

export function registerAccountsAllowInsecureHttp(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('allow-insecure-http')
      .argument('<alias>', 'the account whose server has only a plain http address')
      .description(
        'Let an account send its key over plain http (anyone on the network can read it); --revoke takes it back.',
      )
      .option('--revoke', 'refuse plain http for this account again'),
  )
  describeCommand(command, {
    callsApi: false,
    output: calls['accounts.allowInsecureHttp'].output,
    notes:
      'Only for a server with no https address, on a network you trust: the key travels in clear text.\n' +
      'https URLs and this machine (localhost, 127.0.0.0/8, ::1) never need it.',
    examples: [
      {
        command: 'plausible accounts allow-insecure-http lan',
        description: 'a self-hosted server at http://192.168.1.20:8000 on the home network',
      },
      {
        command: 'plausible accounts allow-insecure-http lan --revoke',
        description: 'take the consent back',
      },
    ],
  })
  command.action((alias: string, flags: AllowFlags) =>
    withApi(ctx, flags, async (api) => {
      const result = await api['accounts.allowInsecureHttp']({ alias, allow: flags.revoke !== true })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      const { account } = result
      ctx.stdout.write(
        account.allowInsecureHttp
          ? `"${account.alias}" may send its key to ${account.baseUrl} over plain http.\n`
          : `"${account.alias}" sends its key to ${account.baseUrl} only where it cannot be read on the way (https or this machine).\n`,
      )
    }),
  )
}
