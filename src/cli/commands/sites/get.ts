// `plausible sites get <domain>`: one site's timezone, property allowlist and tracker script switches.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import type { SiteDetails } from '../../../shared/contract/site-management'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from './site-options'

export function registerSitesGet(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('get')
      .argument('<domain>', 'the site, e.g. example.com')
      .description(calls['sites.get'].summary),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['sites.get'].output,
    examples: [
      { command: 'plausible sites get example.com', description: "the site's settings" },
      { command: 'plausible sites get example.com --json', description: 'as JSON' },
    ],
  })
  command.action((domain: string, flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['sites.get']({ ...accountInput(account), site: domain })
      await emit(ctx, flags, { value: result, text: describeSite(result.site) })
    }),
  )
}

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
