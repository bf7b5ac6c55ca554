// `plausible accounts list`: aliases, servers, limits and where each key is kept — keys masked.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { renderTable, writeJson } from '../../output'
import { addConnectionOptions, withApi, type ConnectionFlags } from '../../shared-options'

export function registerAccountsList(accounts: Command, ctx: CliContext): void {
  addConnectionOptions(
    accounts.command('list').description('List the configured accounts (keys are never shown).'),
  )
    .addHelpText('after', '\nExamples:\n  plausible accounts list\n  plausible accounts list --json')
    .action((flags: ConnectionFlags) =>
      withApi(ctx, flags, async (api) => {
        const { accounts: list } = await api['accounts.list']({})
        if (flags.json) return writeJson(ctx, { accounts: list })
        const rows = list.map((account) => [
          `${account.isDefault ? '* ' : '  '}${account.alias}`,
          account.isDemo ? 'built-in demo' : account.baseUrl,
          account.hourlyLimit,
          account.keySource,
          account.maskedKey ?? '—',
        ])
        ctx.stdout.write(renderTable(['  alias', 'server', 'limit/h', 'key from', 'key'], rows))
      }),
    )
}
