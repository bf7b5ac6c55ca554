// `plausible props list --site <domain>`: the site's custom-property allowlist.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerPropsList(props: Command, ctx: CliContext): void {
  const command = addApiOptions(addSiteOption(props.command('list').description(callSummaries['props.list'])))
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('props.list'),
    examples: [
      { command: 'plausible props list --site example.com', description: 'the allowed property names' },
      { command: 'plausible props list --site example.com --json', description: 'as JSON' },
    ],
  })
  command.action(async (flags: ConnectionFlags & { site: string }) =>
    (await import('./list-action')).runPropsList(ctx, flags),
  )
}
