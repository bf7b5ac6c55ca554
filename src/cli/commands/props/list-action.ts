// The action of `plausible props list` (registered in list.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runPropsList(
  ctx: CliContext,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['props.list']({ ...accountInput(account), site: flags.site })
    await emit(ctx, flags, {
      value: result,
      rows: result.properties.map((property) => ({ property })),
      ...(result.properties.length === 0
        ? { text: `${result.site} allows no custom properties yet.\n` }
        : {}),
    })
  })
}
