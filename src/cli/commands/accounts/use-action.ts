// The action of `plausible accounts use` (registered in use.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit, formatFrom, type OutputFlags } from '../../emit'
import { withApi } from '../../shared-options'

export async function runAccountsUse(
  ctx: CliContext,
  alias: string,
  flags: Pick<OutputFlags, 'json' | 'compact'>,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const result = await api['accounts.use']({ alias })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    ctx.stdout.write(`Default account: ${result.account.alias} (${result.account.baseUrl})\n`)
  })
}
