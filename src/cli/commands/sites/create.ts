// `plausible sites create <domain>`: a new site (Sites API, provisioning key), journaled until answered.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addTrackerOptions, type TrackerFlags } from './site-options'

export type CreateFlags = ConnectionFlags & TrackerFlags & { timezone?: string; teamId?: string }

export function registerSitesCreate(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addTrackerOptions(
      sites
        .command('create')
        .argument('<domain>', 'the new site, e.g. shop.example.com (no https://)')
        .description(callSummaries['sites.create'])
        .option('--timezone <zone>', 'IANA time zone of the reports, e.g. Europe/Berlin (default Etc/UTC)')
        .option('--team-id <id>', 'the team to add it to, when the key reaches several'),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sites.create'),
    examples: [
      {
        command: 'plausible sites create shop.example.com --timezone Europe/Berlin',
        description: 'a site reporting in Berlin time',
      },
      {
        command: 'plausible sites create shop.example.com --outbound-links --file-downloads --dry-run',
        description: 'show the request without sending it',
      },
    ],
  })
  command.action(async (domain: string, flags: CreateFlags) =>
    (await import('./create-action')).runSitesCreate(ctx, domain, flags),
  )
}
