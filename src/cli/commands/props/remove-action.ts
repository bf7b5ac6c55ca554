// The action of `plausible props remove` (registered in remove.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runPropsRemove(
  ctx: CliContext,
  property: string,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['props.remove']({ ...accountInput(account), site: flags.site, property })
    await emit(ctx, flags, { value: result, text: `Removed "${result.property}" on ${result.site}.\n` })
  })
}
