// `plausible guests invite --site <domain> <email> --role viewer|editor`: the server e-mails the invitation.
import { Option, type Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerGuestsInvite(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      guests
        .command('invite')
        .argument('<email>', "the guest's e-mail address")
        .description(calls['guests.invite'].summary)
        .addOption(
          new Option('--role <role>', 'what the guest may do')
            .choices(['viewer', 'editor'])
            .makeOptionMandatory(),
        ),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['guests.invite'].output,
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
  command.action((email: string, flags: ConnectionFlags & { site: string; role: 'viewer' | 'editor' }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['guests.invite']({
        ...accountInput(account),
        site: flags.site,
        email,
        role: flags.role,
      })
      await emit(ctx, flags, {
        value: result,
        text: `${result.guest.email} is ${result.guest.status === 'invited' ? 'invited' : 'a guest'} as ${result.guest.role} on ${result.site}.\n`,
      })
    }),
  )
}
