// `plausible props remove --site <domain> <property>`: idempotent on the server (§6).
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerPropsRemove(props: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      props
        .command('remove')
        .argument('<property>', 'the property name (it may contain /)')
        .description(calls['props.remove'].summary),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['props.remove'].output,
    examples: [
      { command: 'plausible props remove --site example.com author', description: 'stop allowing it' },
      {
        command: 'plausible props remove --site example.com author --dry-run',
        description: 'show the request without sending it',
      },
    ],
  })
  command.action((property: string, flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['props.remove']({ ...accountInput(account), site: flags.site, property })
      await emit(ctx, flags, { value: result, text: `Removed "${result.property}" on ${result.site}.\n` })
    }),
  )
}
