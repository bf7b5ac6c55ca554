// The action of `plausible goals remove` (registered in remove.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runGoalsRemove(
  ctx: CliContext,
  goalId: number,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['goals.remove']({ ...accountInput(account), site: flags.site, goalId })
    await emit(ctx, flags, { value: result, text: `Deleted goal ${result.goalId} of ${result.site}.\n` })
  })
}
