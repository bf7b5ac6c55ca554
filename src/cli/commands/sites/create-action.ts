// The action of `plausible sites create` (registered in create.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi } from '../../shared-options'
import { describeSite } from './get-action'
import { accountInput, trackerFrom } from './site-options'
import type { CreateFlags } from './create'

export async function runSitesCreate(ctx: CliContext, domain: string, flags: CreateFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const tracker = trackerFrom(flags)
    const result = await api['sites.create']({
      ...accountInput(account),
      domain,
      ...(flags.timezone ? { timezone: flags.timezone } : {}),
      ...(flags.teamId ? { teamId: flags.teamId } : {}),
      ...(tracker ? { tracker } : {}),
    })
    await emit(ctx, flags, {
      value: result,
      text: `Created ${result.site.domain}.\n${describeSite(result.site)}`,
    })
  })
}
