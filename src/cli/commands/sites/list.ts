// `plausible sites list`: the sites an account can read, with their timezones.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from './site-options'

export function registerSitesList(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(sites.command('list').description(calls['sites.list'].summary))
  describeCommand(command, {
    callsApi: true,
    output: calls['sites.list'].output,
    examples: [
      { command: 'plausible sites list', description: 'sites of the default account, as a table' },
      { command: 'plausible sites list --account work --format csv', description: 'one account, as CSV' },
    ],
  })
  command.action((flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['sites.list'](accountInput(account))
      await emit(ctx, flags, {
        value: result,
        rows: result.sites.map((site) => ({ domain: site.domain, timezone: site.timezone })),
        ...(result.sites.length === 0 ? { text: `${result.account} has no sites.\n` } : {}),
      })
    }),
  )
}
