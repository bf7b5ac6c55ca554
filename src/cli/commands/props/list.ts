// `plausible props list --site <domain>`: the site's custom-property allowlist.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerPropsList(props: Command, ctx: CliContext): void {
  const command = addApiOptions(addSiteOption(props.command('list').description(calls['props.list'].summary)))
  describeCommand(command, {
    callsApi: true,
    output: calls['props.list'].output,
    examples: [
      { command: 'plausible props list --site example.com', description: 'the allowed property names' },
      { command: 'plausible props list --site example.com --json', description: 'as JSON' },
    ],
  })
  command.action((flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['props.list']({ ...accountInput(account), site: flags.site })
      await emit(ctx, flags, {
        value: result,
        rows: result.properties.map((property) => ({ property })),
        ...(result.properties.length === 0
          ? { text: `${result.site} allows no custom properties yet.\n` }
          : {}),
      })
    }),
  )
}
