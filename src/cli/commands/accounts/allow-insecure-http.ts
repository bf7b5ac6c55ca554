// `plausible accounts allow-insecure-http <alias>`: consent (or, with --revoke, take it back) to send an
// account's key over plain http, for a server on another machine that has no https address. Accounts
// added before the consent was asked for are refused until the user gives it here or adds them again.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'

export interface AllowFlags extends Pick<OutputFlags, 'json' | 'compact'> {
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
    output: contractOutput('accounts.allowInsecureHttp'),
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
  command.action(async (alias: string, flags: AllowFlags) =>
    (await import('./allow-insecure-http-action')).runAccountsAllowInsecureHttp(ctx, alias, flags),
  )
}
