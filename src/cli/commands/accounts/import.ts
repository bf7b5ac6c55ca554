// `plausible accounts import <file>`: adds the accounts of an export, or of a config.json the config
// store set aside (doctor names the copy), back to the config. No key is in either file: a key this
// machine still holds under the alias (keychain or 0600 file) works at once; the others get one with
// `accounts rotate`. An alias already configured is kept as it is.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'

export function registerAccountsImport(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('import')
      .argument('<file>', 'what `accounts export` printed, or a config.json (a copy set aside included)')
      .description(
        'Add the accounts of an export or a config.json copy; aliases already configured are kept as they are.',
      ),
  )
  describeCommand(command, {
    output: async () => (await import('./import-action')).AccountsImportResult,
    notes:
      'No key travels in either file: an account whose key this machine still holds works at once; give the\n' +
      'others their key with `plausible accounts rotate <alias>`. Exit code 8 when an entry was not an account.',
    examples: [
      { command: 'plausible accounts import accounts.json', description: 'what accounts export printed' },
      {
        command:
          'plausible accounts import ~/.config/"Plausible Desktop"/config.json.corrupt-2026-11-23T10-15-00-000Z',
        description: 'the accounts of a config.json set aside (plausible doctor names it)',
      },
    ],
  })
  command.action(async (file: string, flags: Pick<OutputFlags, 'json' | 'compact'>) =>
    (await import('./import-action')).runAccountsImport(ctx, file, flags),
  )
}
