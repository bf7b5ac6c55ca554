// The action of `plausible sites update` (registered in update.ts), loaded when the command runs.
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { describeSite } from './get-action'
import { accountInput, trackerFrom, type TrackerFlags } from './site-options'

export async function runSitesUpdate(
  ctx: CliContext,
  domain: string,
  flags: ConnectionFlags & TrackerFlags & { newDomain?: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const tracker = trackerFrom(flags)
    if (!flags.newDomain && !tracker)
      throw new PlausibleError('USAGE', {
        message: 'Nothing to change: give --new-domain or a tracker switch.',
        hint: 'For example `plausible sites update example.com --outbound-links`; --help lists the switches.',
      })
    const result = await api['sites.update']({
      ...accountInput(account),
      site: domain,
      ...(flags.newDomain ? { domain: flags.newDomain } : {}),
      ...(tracker ? { tracker } : {}),
    })
    await emit(ctx, flags, { value: result, text: `Updated ${domain}.\n${describeSite(result.site)}` })
  })
}
