// `plausible sites list`: the sites an account can read, with their timezones.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerSitesList(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(sites.command('list').description(callSummaries['sites.list']))
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sites.list'),
    examples: [
      { command: 'plausible sites list', description: 'sites of the default account, as a table' },
      { command: 'plausible sites list --account work --format csv', description: 'one account, as CSV' },
    ],
  })
  command.action(async (flags: ConnectionFlags) => (await import('./list-action')).runSitesList(ctx, flags))
}
