// `plausible sites update <domain>`: a new domain or tracker script switches (Sites API, provisioning key).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addTrackerOptions, type TrackerFlags } from './site-options'

export function registerSitesUpdate(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addTrackerOptions(
      sites
        .command('update')
        .argument('<domain>', 'the site to change')
        .description(callSummaries['sites.update'])
        .option('--new-domain <domain>', 'rename the site; its stats stay, the old domain keeps working'),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sites.update'),
    examples: [
      {
        command: 'plausible sites update example.com --new-domain example.org',
        description: 'rename the site',
      },
      {
        command: 'plausible sites update example.com --track-404-pages --no-hash-based-routing',
        description: 'switch tracker features on and off',
      },
    ],
  })
  command.action(async (domain: string, flags: ConnectionFlags & TrackerFlags & { newDomain?: string }) =>
    (await import('./update-action')).runSitesUpdate(ctx, domain, flags),
  )
}
