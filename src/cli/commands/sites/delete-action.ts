// The action of `plausible sites delete` (registered in delete.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, confirmOrForce } from './site-options'

export async function runSitesDelete(
  ctx: CliContext,
  domain: string,
  flags: ConnectionFlags & { force?: boolean },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    // A dry run sends nothing, so it needs no confirmation.
    const isConfirmed =
      flags.dryRun === true ||
      (await confirmOrForce(ctx, {
        ...(flags.force ? { force: true } : {}),
        question: `Delete ${domain} and all its stats? There is no undo.`,
        forceHint: `Add --force to delete ${domain} and all its stats: \`plausible sites delete ${domain} --force\`.`,
      }))
    if (!isConfirmed) {
      ctx.stderr.write(`Nothing was deleted.\n`)
      return
    }
    const result = await api['sites.delete']({ ...accountInput(account), site: domain })
    await emit(ctx, flags, { value: result, text: `Deleted ${result.site} and its stats.\n` })
  })
}
