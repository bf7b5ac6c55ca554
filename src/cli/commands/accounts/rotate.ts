// `plausible accounts rotate <alias>`: the new key is checked first; a refused key changes nothing.
import { Option, type Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'
import type { KeyFlags } from './read-key'

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
    output: contractOutput('accounts.rotate'),
    examples: [
      { command: 'plausible accounts rotate work', description: 'asks for the new key (hidden)' },
      {
        command: 'printf %s "$NEW_KEY" | plausible accounts rotate work --key-stdin',
        description: 'from a variable',
      },
    ],
  })
  command.action(async (alias: string, flags: KeyFlags & Pick<OutputFlags, 'json' | 'compact'>) =>
    (await import('./rotate-action')).runAccountsRotate(ctx, alias, flags),
  )
}
