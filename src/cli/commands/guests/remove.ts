// `plausible guests remove --site <domain> <email>`: idempotent; never removes team members (§6).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerGuestsRemove(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      guests
        .command('remove')
        .argument('<email>', "the guest's e-mail address")
        .description(callSummaries['guests.remove']),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('guests.remove'),
    examples: [
      {
        command: 'plausible guests remove --site example.com ana@example.com',
        description: 'end the access',
      },
      {
        command: 'plausible guests remove --site example.com ana@example.com --dry-run',
        description: 'show the request',
      },
    ],
  })
  command.action(async (email: string, flags: ConnectionFlags & { site: string }) =>
    (await import('./remove-action')).runGuestsRemove(ctx, email, flags),
  )
}
