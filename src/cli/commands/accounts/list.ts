// `plausible accounts list`: aliases, servers, budgets and where each key is kept — keys masked.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { renderTable } from '../../output'
import { emit, formatFrom } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { storeLine } from './describe-store'

export function registerAccountsList(accounts: Command, ctx: CliContext): void {
  const command = addApiOptions(
    accounts
      .command('list')
      .description('List the configured accounts and where each key is kept (keys masked).'),
  )
  describeCommand(command, {
    callsApi: false,
    output: calls['accounts.list'].output,
    examples: [
      { command: 'plausible accounts list', description: 'the default is marked with *' },
      { command: 'plausible accounts list --json', description: 'as JSON, with the key store in use' },
    ],
  })
  command.action((flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api) => {
      const result = await api['accounts.list']({})
      // Machine formats and --output go through emit; people get the hand-made text below.
      if (formatFrom(flags) !== 'table' || flags.output) return emit(ctx, flags, { value: result })
      const rows = result.accounts.map((account) => [
        `${account.isDefault ? '* ' : '  '}${account.alias}`,
        account.isDemo ? 'built-in demo' : account.baseUrl,
        account.hourlyLimit,
        account.dailyCap ?? '—',
        account.keySource,
        account.maskedKey ?? '—',
      ])
      ctx.stdout.write(renderTable(['  alias', 'server', 'limit/h', 'cap/day', 'key from', 'key'], rows))
      if (result.keyStore) ctx.stdout.write(`\n${storeLine(result.keyStore)}\n`)
    }),
  )
}
