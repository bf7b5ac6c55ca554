// `plausible shared-links create --site <domain> <name>`: a named link to the dashboard, found or created.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerSharedLinksCreate(links: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      links
        .command('create')
        .argument('<name>', 'what the link is for, e.g. Investors')
        .description(callSummaries['sharedLinks.create']),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sharedLinks.create'),
    notes: 'The same name answers the same link, so the command is safe to run again.',
    examples: [
      {
        command: 'plausible shared-links create --site example.com Investors',
        description: 'print the link',
      },
      {
        command: 'plausible shared-links create --site example.com Investors --json',
        description: 'name and URL as JSON',
      },
    ],
  })
  command.action(async (name: string, flags: ConnectionFlags & { site: string }) =>
    (await import('./create-action')).runSharedLinksCreate(ctx, name, flags),
  )
}
