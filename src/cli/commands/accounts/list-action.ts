// The action of `plausible accounts list` (registered in list.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { renderTable } from '../../output'
import { emit, formatFrom } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { storeLine } from './describe-store'

export async function runAccountsList(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
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
  })
}
