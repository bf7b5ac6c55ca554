// `plausible accounts import <file>`: adds the accounts of an export, or of a config.json the config
// store set aside (doctor names the copy), back to the config. No key is in either file: a key this
// machine still holds under the alias (keychain or 0600 file) works at once; the others get one with
// `accounts rotate`. An alias already configured is kept as it is.
import type { Command } from 'commander'
import { z } from 'zod'
import { calls } from '../../../shared/contract'
import { exitCodes } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { readInputFile } from '../../input-file'
import { withApi } from '../../shared-options'
import { readAccountsFile } from './accounts-file'

export const AccountsImportResult = calls['accounts.import'].output.extend({
  file: z.string(),
  /** Entries of the file that do not describe an account, each with why (exit code 8). */
  skipped: z.array(z.object({ entry: z.string(), reason: z.string() })),
})

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
    output: AccountsImportResult,
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
  command.action((file: string, flags: Pick<OutputFlags, 'json' | 'compact'>) =>
    withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
      const text = await readInputFile(
        file,
        'Give the path of a file written by `plausible accounts export`, or of a config.json.',
      )
      const read = readAccountsFile(text, file)
      const result = await api['accounts.import']({
        accounts: read.accounts,
        ...(read.defaultAccount ? { defaultAccount: read.defaultAccount } : {}),
      })
      const value = { file, ...result, skipped: read.skipped }
      if (read.skipped.length > 0) process.exitCode = exitCodes.partial
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value })
      ctx.stdout.write(describeImport(value))
    }),
  )
}

function describeImport(result: z.infer<typeof AccountsImportResult>): string {
  const lines = [
    result.added.length > 0
      ? `Added ${result.added.map((account) => account.alias).join(', ')} from ${result.file}.`
      : `No account added from ${result.file}.`,
  ]
  for (const entry of result.kept) lines.push(`Kept out ${entry.alias}: ${entry.reason}.`)
  for (const entry of result.skipped) lines.push(`Skipped ${entry.entry}: ${entry.reason}.`)
  const keyless = result.added
    .filter((account) => account.keySource === 'none')
    .map((account) => account.alias)
  if (keyless.length > 0)
    lines.push(
      `No key on this machine for ${keyless.join(', ')}: give each its key with \`plausible accounts rotate <alias>\`.`,
    )
  lines.push(`Default account: ${result.defaultAccount ?? 'none'}.`)
  return `${lines.join('\n')}\n`
}
