// The action of `plausible sites get` (registered in get.ts), loaded when the command runs.
import type { SiteDetails } from '../../../shared/contract/site-management'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from './site-options'

/** A site as a few `name: value` lines. */
export function describeSite(site: SiteDetails): string {
  const lines = [`domain: ${site.domain}`, `timezone: ${site.timezone}`]
  if (site.customProperties)
    lines.push(
      `custom properties: ${site.customProperties.length ? site.customProperties.join(', ') : '(none)'}`,
    )
  if (site.trackerScript) {
    const { id, ...switches } = site.trackerScript
    if (id) lines.push(`tracker script: ${id}`)
    const on = Object.entries(switches)
      .filter(([, value]) => value === true)
      .map(([name]) => name)
    lines.push(`tracker switches on: ${on.length ? on.join(', ') : '(none)'}`)
  }
  return `${lines.join('\n')}\n`
}

export async function runSitesGet(ctx: CliContext, domain: string, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['sites.get']({ ...accountInput(account), site: domain })
    await emit(ctx, flags, { value: result, text: describeSite(result.site) })
  })
}
