// The action of `plausible accounts allow-insecure-http` (registered in allow-insecure-http.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit, formatFrom } from '../../emit'
import { withApi } from '../../shared-options'
import type { AllowFlags } from './allow-insecure-http'

export async function runAccountsAllowInsecureHttp(
  ctx: CliContext,
  alias: string,
  flags: AllowFlags,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const result = await api['accounts.allowInsecureHttp']({ alias, allow: flags.revoke !== true })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    const { account } = result
    ctx.stdout.write(
      account.allowInsecureHttp
        ? `"${account.alias}" may send its key to ${account.baseUrl} over plain http.\n`
        : `"${account.alias}" sends its key to ${account.baseUrl} only where it cannot be read on the way (https or this machine).\n`,
    )
  })
}
