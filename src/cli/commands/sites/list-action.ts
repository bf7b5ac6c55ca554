// The action of `plausible sites list` (registered in list.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from './site-options'

export async function runSitesList(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['sites.list'](accountInput(account))
    await emit(ctx, flags, {
      value: result,
      rows: result.sites.map((site) => ({ domain: site.domain, timezone: site.timezone })),
      ...(result.sites.length === 0 ? { text: `${result.account} has no sites.\n` } : {}),
    })
  })
}
