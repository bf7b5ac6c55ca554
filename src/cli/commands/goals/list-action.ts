// The action of `plausible goals list` (registered in list.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runGoalsList(
  ctx: CliContext,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['goals.list']({ ...accountInput(account), site: flags.site })
    await emit(ctx, flags, {
      value: result,
      rows: result.goals.map((goal) => ({
        id: goal.id,
        name: goal.displayName,
        type: goal.goalType,
        target: goal.goalType === 'event' ? goal.eventName : goal.pagePath,
      })),
      ...(result.goals.length === 0 ? { text: `${result.site} has no goals.\n` } : {}),
    })
  })
}
