// The action of `plausible budget status` (registered in status.ts), loaded when the command runs.
import { describeSources } from '../../../shared/stats/usage'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'

export async function runBudgetStatus(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const snapshot = await api['budget.status'](account ? { account } : {})
    const paused = snapshot.pausedUntil ? `, paused by the server until ${snapshot.pausedUntil}` : ''
    const spent = snapshot.thisHourBySource
      ? `spent this hour: ${describeSources(snapshot.thisHourBySource)}\n`
      : ''
    await emit(ctx, flags, {
      value: snapshot,
      text: `${snapshot.account}: ${snapshot.remainingThisHour}/${snapshot.hourlyLimit} requests left this hour (resets ${snapshot.resetsAt})${paused}\n${spent}`,
    })
  })
}
