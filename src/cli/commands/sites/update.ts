// `plausible sites update <domain>`: a new domain or tracker script switches (Sites API, provisioning key).
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { describeSite } from './get'
import { accountInput, addTrackerOptions, trackerFrom, type TrackerFlags } from './site-options'

export function registerSitesUpdate(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addTrackerOptions(
      sites
        .command('update')
        .argument('<domain>', 'the site to change')
        .description(calls['sites.update'].summary)
        .option('--new-domain <domain>', 'rename the site; its stats stay, the old domain keeps working'),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['sites.update'].output,
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
  command.action((domain: string, flags: ConnectionFlags & TrackerFlags & { newDomain?: string }) =>
    withApi(ctx, flags, async (api, account) => {
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
    }),
  )
}
