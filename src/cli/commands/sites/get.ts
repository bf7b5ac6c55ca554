// `plausible sites get <domain>`: one site's timezone, property allowlist and tracker script switches.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerSitesGet(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('get')
      .argument('<domain>', 'the site, e.g. example.com')
      .description(callSummaries['sites.get']),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sites.get'),
    examples: [
      { command: 'plausible sites get example.com', description: "the site's settings" },
      { command: 'plausible sites get example.com --json', description: 'as JSON' },
    ],
  })
  command.action(async (domain: string, flags: ConnectionFlags) =>
    (await import('./get-action')).runSitesGet(ctx, domain, flags),
  )
}
