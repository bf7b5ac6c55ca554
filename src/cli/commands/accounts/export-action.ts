// The action of `plausible accounts export` (registered in export.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { withApi } from '../../shared-options'

export async function runAccountsExport(ctx: CliContext): Promise<void> {
  await withApi(ctx, { json: true }, async (api) => {
    ctx.stdout.write(`${JSON.stringify(await api['accounts.export']({}), null, 2)}\n`)
  })
}
