// `plausible props remove --site <domain> <property>`: idempotent on the server (§6).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerPropsRemove(props: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      props
        .command('remove')
        .argument('<property>', 'the property name (it may contain /)')
        .description(callSummaries['props.remove']),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('props.remove'),
    examples: [
      { command: 'plausible props remove --site example.com author', description: 'stop allowing it' },
      {
        command: 'plausible props remove --site example.com author --dry-run',
        description: 'show the request without sending it',
      },
    ],
  })
  command.action(async (property: string, flags: ConnectionFlags & { site: string }) =>
    (await import('./remove-action')).runPropsRemove(ctx, property, flags),
  )
}
