// `plausible accounts export`: the account settings as JSON on stdout, never a key.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { withApi } from '../../shared-options'

export function registerAccountsExport(accounts: Command, ctx: CliContext): void {
  const command = accounts
    .command('export')
    .description('Print the account settings as JSON (aliases, servers, budgets, default); never a key.')
  describeCommand(command, {
    callsApi: false,
    output: calls['accounts.export'].output,
    examples: [
      { command: 'plausible accounts export > accounts.json', description: 'a backup without secrets' },
    ],
  })
  command.action(() =>
    withApi(ctx, { json: true }, async (api) => {
      ctx.stdout.write(`${JSON.stringify(await api['accounts.export']({}), null, 2)}\n`)
    }),
  )
}
