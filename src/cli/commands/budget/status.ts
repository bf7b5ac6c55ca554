// `plausible budget status`: requests used and left this UTC hour, who spent them, and when the hour resets.
import type { Command } from 'commander'
import { BudgetSnapshot } from '../../../shared/contract'
import { describeSources } from '../../../shared/stats/usage'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

export function registerBudgetStatus(budget: Command, ctx: CliContext): void {
  const command = addApiOptions(
    budget.command('status').description('API requests used and left in this UTC hour.'),
  )
  describeCommand(command, {
    callsApi: false,
    output: BudgetSnapshot,
    examples: [
      { command: 'plausible budget status', description: 'requests left this hour on the default account' },
      { command: 'plausible budget status --account work --json', description: 'one account, as JSON' },
    ],
  })
  command.action((flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const snapshot = await api['budget.status'](account ? { account } : {})
      const paused = snapshot.pausedUntil ? `, paused by the server until ${snapshot.pausedUntil}` : ''
      const spent = snapshot.thisHourBySource
        ? `spent this hour: ${describeSources(snapshot.thisHourBySource)}\n`
        : ''
      await emit(ctx, flags, {
        value: snapshot,
        text: `${snapshot.account}: ${snapshot.remainingThisHour}/${snapshot.hourlyLimit} requests left this hour (resets ${snapshot.resetsAt})${paused}\n${spent}`,
      })
    }),
  )
}
