// The action of `plausible accounts import` (registered in import.ts), loaded when the command runs.
import { z } from 'zod'
import { calls } from '../../../shared/contract'
import { exitCodes } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit, formatFrom, type OutputFlags } from '../../emit'
import { readInputFile } from '../../input-file'
import { withApi } from '../../shared-options'
import { readAccountsFile } from './accounts-file'

export const AccountsImportResult = calls['accounts.import'].output.extend({
  file: z.string(),
  /** Entries of the file that do not describe an account, each with why (exit code 8). */
  skipped: z.array(z.object({ entry: z.string(), reason: z.string() })),
})

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

export async function runAccountsImport(
  ctx: CliContext,
  file: string,
  flags: Pick<OutputFlags, 'json' | 'compact'>,
): Promise<void> {
  await withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
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
  })
}
