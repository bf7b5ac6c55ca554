// `plausible guests list --site <domain>`: who may see the site without being on its team.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerGuestsList(guests: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(guests.command('list').description(calls['guests.list'].summary)),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['guests.list'].output,
    examples: [
      { command: 'plausible guests list --site example.com', description: 'guests, roles and status' },
      { command: 'plausible guests list --site example.com --format csv', description: 'as CSV' },
    ],
  })
  command.action((flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['guests.list']({ ...accountInput(account), site: flags.site })
      await emit(ctx, flags, {
        value: result,
        rows: result.guests.map((guest) => ({ ...guest })),
        ...(result.guests.length === 0 ? { text: `${result.site} has no guests.\n` } : {}),
      })
    }),
  )
}
