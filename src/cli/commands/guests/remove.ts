// `plausible guests remove --site <domain> <email>`: idempotent; never removes team members (§6).
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerGuestsRemove(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      guests
        .command('remove')
        .argument('<email>', "the guest's e-mail address")
        .description(calls['guests.remove'].summary),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['guests.remove'].output,
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
  command.action((email: string, flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['guests.remove']({ ...accountInput(account), site: flags.site, email })
      await emit(ctx, flags, {
        value: result,
        text: `${result.email} no longer has access to ${result.site}.\n`,
      })
    }),
  )
}
