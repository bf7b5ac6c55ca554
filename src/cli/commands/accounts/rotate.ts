// `plausible accounts rotate <alias>`: the new key is checked first; a refused key changes nothing.
import { Option, type Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'
import { keyPlace } from './describe-store'
import { readKey, type KeyFlags } from './read-key'

export function registerAccountsRotate(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('rotate')
      .argument('<alias>', 'the account whose key to replace')
      .description(
        "Replace an account's key; the new key is checked with one request before the old one goes.",
      )
      .option('--key-stdin', 'read the new key from stdin instead of asking for it')
      .addOption(new Option('--key <key>', 'refused: use --key-stdin').hideHelp()),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['accounts.rotate'].output,
    examples: [
      { command: 'plausible accounts rotate work', description: 'asks for the new key (hidden)' },
      {
        command: 'printf %s "$NEW_KEY" | plausible accounts rotate work --key-stdin',
        description: 'from a variable',
      },
    ],
  })
  command.action((alias: string, flags: KeyFlags & Pick<OutputFlags, 'json' | 'compact'>) =>
    withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
      const apiKey = await readKey(ctx, flags, `plausible accounts rotate ${alias}`)
      const result = await api['accounts.rotate']({ alias, apiKey })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      ctx.stdout.write(
        `Key of "${result.account.alias}" replaced: ${result.account.maskedKey ?? ''} accepted by the server, kept in ${keyPlace(result.account.keySource, result.keyStore)}.\n`,
      )
    }),
  )
}
