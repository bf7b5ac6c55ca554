// `plausible props add --site <domain> <property>`: idempotent on the server (§6).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerPropsAdd(props: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      props
        .command('add')
        .argument('<property>', 'the property name (it may contain /)')
        .description(callSummaries['props.add']),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('props.add'),
    examples: [
      { command: 'plausible props add --site example.com author', description: 'allow the author property' },
      {
        command: 'plausible props add --site example.com author --dry-run',
        description: 'show the request without sending it',
      },
    ],
  })
  command.action(async (property: string, flags: ConnectionFlags & { site: string }) =>
    (await import('./add-action')).runPropsAdd(ctx, property, flags),
  )
}
