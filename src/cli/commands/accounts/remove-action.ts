// The action of `plausible accounts remove` (registered in remove.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'

export async function runAccountsRemove(
  ctx: CliContext,
  alias: string,
  flags: { purgeUsage?: boolean } & Pick<OutputFlags, 'json' | 'compact'>,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const result = await api['accounts.remove']({
      alias,
      ...(flags.purgeUsage ? { purgeUsage: true } : {}),
    })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    const key = result.keyRemoved ? ' and its key' : ''
    const usage = flags.purgeUsage
      ? result.usagePurged
        ? ' Its request counts were forgotten.'
        : ' Its request counts could not be found (no key on this machine); they expire with their hour and day.'
      : ''
    const fallback = result.defaultAccount
      ? ` The default account is ${result.defaultAccount}.`
      : ' No account is left.'
    ctx.stdout.write(`Removed "${result.alias}"${key}.${usage}${fallback}\n`)
  })
}
