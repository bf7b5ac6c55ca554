// `plausible accounts add <alias>`: check the key with one request, then keep it in the keychain.
import { Option, type Command } from 'commander'
import { refuseInsecureHttp } from '../../../core/accounts/insecure-http'
import { calls } from '../../../shared/contract'
import { insecureHttpFlag } from '../../../shared/plain-http'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { positiveInteger, withApi } from '../../shared-options'
import { keyPlace } from './describe-store'
import { readKey, type KeyFlags } from './read-key'

interface AddFlags extends KeyFlags, Pick<OutputFlags, 'json' | 'compact'> {
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
    output: calls['accounts.add'].output,
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
  command.action((alias: string, flags: AddFlags) =>
    withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
      // Refused before the key is asked for: the core refuses the same, this saves typing it in vain.
      refuseInsecureHttp(
        { alias, baseUrl: flags.baseUrl, ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}) },
        'add',
      )
      const apiKey = await readKey(ctx, flags, `plausible accounts add ${alias}`)
      const result = await api['accounts.add']({
        alias,
        baseUrl: flags.baseUrl,
        apiKey,
        ...(flags.hourlyLimit !== undefined ? { hourlyLimit: flags.hourlyLimit } : {}),
        ...(flags.dailyCap !== undefined ? { dailyCap: flags.dailyCap } : {}),
        ...(flags.default ? { makeDefault: true } : {}),
        verify: flags.verify,
        ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      const { account } = result
      const daily = account.dailyCap ? `, ${account.dailyCap}/day` : ''
      ctx.stdout.write(
        `Added "${account.alias}" (${account.baseUrl}, ${account.hourlyLimit} requests/hour${daily})${account.isDefault ? ' as the default account' : ''}.\n` +
          `Key ${account.maskedKey ?? ''} ${result.verified ? 'accepted by the server' : 'not checked (--no-verify)'}, kept in ${keyPlace(account.keySource, result.keyStore)}.\n`,
      )
    }),
  )
}
