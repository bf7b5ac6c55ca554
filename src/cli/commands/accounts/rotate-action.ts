// The action of `plausible accounts rotate` (registered in rotate.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'
import { keyPlace } from './describe-store'
import { readKey, type KeyFlags } from './read-key'

export async function runAccountsRotate(
  ctx: CliContext,
  alias: string,
  flags: KeyFlags & Pick<OutputFlags, 'json' | 'compact'>,
): Promise<void> {
  await withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
    const apiKey = await readKey(ctx, flags, `plausible accounts rotate ${alias}`)
    const result = await api['accounts.rotate']({ alias, apiKey })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    ctx.stdout.write(
      `Key of "${result.account.alias}" replaced: ${result.account.maskedKey ?? ''} accepted by the server, kept in ${keyPlace(result.account.keySource, result.keyStore)}.\n`,
    )
  })
}
