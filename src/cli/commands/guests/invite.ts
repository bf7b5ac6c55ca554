// `plausible guests invite --site <domain> <email> --role viewer|editor`: the server e-mails the invitation.
import { Option, type Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerGuestsInvite(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      guests
        .command('invite')
        .argument('<email>', "the guest's e-mail address")
        .description(callSummaries['guests.invite'])
        .addOption(
          new Option('--role <role>', 'what the guest may do')
            .choices(['viewer', 'editor'])
            .makeOptionMandatory(),
        ),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('guests.invite'),
    notes: 'Inviting someone already invited keeps their role and sends nothing new.',
    examples: [
      {
        command: 'plausible guests invite --site example.com ana@example.com --role viewer',
        description: 'read-only access',
      },
      {
        command: 'plausible guests invite --site example.com ana@example.com --role editor --json',
        description: 'may change settings too; as JSON',
      },
    ],
  })
  command.action(
    async (email: string, flags: ConnectionFlags & { site: string; role: 'viewer' | 'editor' }) =>
      (await import('./invite-action')).runGuestsInvite(ctx, email, flags),
  )
}
