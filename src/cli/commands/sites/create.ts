// `plausible sites create <domain>`: a new site (Sites API, provisioning key), journaled until answered.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { describeSite } from './get'
import { accountInput, addTrackerOptions, trackerFrom, type TrackerFlags } from './site-options'

type CreateFlags = ConnectionFlags & TrackerFlags & { timezone?: string; teamId?: string }

export function registerSitesCreate(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addTrackerOptions(
      sites
        .command('create')
        .argument('<domain>', 'the new site, e.g. shop.example.com (no https://)')
        .description(calls['sites.create'].summary)
        .option('--timezone <zone>', 'IANA time zone of the reports, e.g. Europe/Berlin (default Etc/UTC)')
        .option('--team-id <id>', 'the team to add it to, when the key reaches several'),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['sites.create'].output,
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
  command.action((domain: string, flags: CreateFlags) =>
    withApi(ctx, flags, async (api, account) => {
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
    }),
  )
}
