// `plausible guests list --site <domain>`: who may see the site without being on its team.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerGuestsList(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(guests.command('list').description(callSummaries['guests.list'])),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('guests.list'),
    examples: [
      { command: 'plausible guests list --site example.com', description: 'guests, roles and status' },
      { command: 'plausible guests list --site example.com --format csv', description: 'as CSV' },
    ],
  })
  command.action(async (flags: ConnectionFlags & { site: string }) =>
    (await import('./list-action')).runGuestsList(ctx, flags),
  )
}
