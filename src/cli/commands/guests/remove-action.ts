// The action of `plausible guests remove` (registered in remove.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runGuestsRemove(
  ctx: CliContext,
  email: string,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['guests.remove']({ ...accountInput(account), site: flags.site, email })
    await emit(ctx, flags, {
      value: result,
      text: `${result.email} no longer has access to ${result.site}.\n`,
    })
  })
}
