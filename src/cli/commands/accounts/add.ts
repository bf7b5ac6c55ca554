// `plausible accounts add <alias>`: check the key with one request, then keep it in the keychain.
import { Option, type Command } from 'commander'
import { insecureHttpFlag } from '../../../shared/plain-http'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'
import { positiveInteger } from '../../shared-options'
import type { KeyFlags } from './read-key'

export interface AddFlags extends KeyFlags, Pick<OutputFlags, 'json' | 'compact'> {
  baseUrl: string
  hourlyLimit?: number
  dailyCap?: number
  default?: boolean
  verify: boolean
  allowInsecureHttp?: boolean
}

export function registerAccountsAdd(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('add')
      .argument('<alias>', 'a short name for the account, e.g. work or client-a')
      .description('Add an account; its key is checked with one request and kept in the OS keychain.')
      .option('--base-url <url>', 'the Plausible server', 'https://plausible.io')
      .addOption(
        new Option('--hourly-limit <n>', 'API requests per hour (default 600)').argParser(
          positiveInteger('--hourly-limit'),
        ),
      )
      .addOption(
        new Option('--daily-cap <n>', 'API requests per local day').argParser(positiveInteger('--daily-cap')),
      )
      .option('--default', 'make it the default account')
      .option('--key-stdin', 'read the key from stdin instead of asking for it')
      .addOption(new Option('--key <key>', 'refused: use --key-stdin').hideHelp())
      .option('--no-verify', 'store the key without checking it against the server')
      .option(
        insecureHttpFlag,
        'send the key over plain http to a server with no https address (anyone on the network can read it)',
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('accounts.add'),
    notes:
      'Without --key-stdin, the key is asked for with hidden input on a terminal. Where no OS keychain answers\n' +
      '(headless Linux), it is kept in <config>/secrets/<alias>.key with mode 0600, and the command says so.',
    examples: [
      { command: 'plausible accounts add work', description: 'plausible.io; asks for the key (hidden)' },
      {
        command:
          'printf %s "$KEY" | plausible accounts add client-a --base-url https://stats.example.com --key-stdin',
        description: 'a self-hosted server, key from a variable',
      },
      {
        command: 'plausible accounts add big --hourly-limit 300 --daily-cap 5000 --default',
        description: 'with its own budget, as the default',
      },
      {
        command: `plausible accounts add lan --base-url http://192.168.1.20:8000 ${insecureHttpFlag}`,
        description: 'a server with only a plain http address, on a network you trust',
      },
    ],
  })
  command.action(async (alias: string, flags: AddFlags) =>
    (await import('./add-action')).runAccountsAdd(ctx, alias, flags),
  )
}
