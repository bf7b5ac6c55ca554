// The action of `plausible shared-links create` (registered in create.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runSharedLinksCreate(
  ctx: CliContext,
  name: string,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['sharedLinks.create']({ ...accountInput(account), site: flags.site, name })
    await emit(ctx, flags, { value: result, text: `${result.name}: ${result.url}\n` })
  })
}
