// The action of `plausible guests list` (registered in list.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runGuestsList(
  ctx: CliContext,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['guests.list']({ ...accountInput(account), site: flags.site })
    await emit(ctx, flags, {
      value: result,
      rows: result.guests.map((guest) => ({ ...guest })),
      ...(result.guests.length === 0 ? { text: `${result.site} has no guests.\n` } : {}),
    })
  })
}
