// `plausible budget status`: requests used and left this UTC hour, who spent them, and when the hour resets.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerBudgetStatus(budget: Command, ctx: CliContext): void {
  const command = addApiOptions(
    budget.command('status').description('API requests used and left in this UTC hour.'),
  )
  describeCommand(command, {
    callsApi: false,
    output: async () => (await import('../../../shared/contract/calls')).BudgetSnapshot,
    examples: [
      { command: 'plausible budget status', description: 'requests left this hour on the default account' },
      { command: 'plausible budget status --account work --json', description: 'one account, as JSON' },
    ],
  })
  command.action(async (flags: ConnectionFlags) =>
    (await import('./status-action')).runBudgetStatus(ctx, flags),
  )
}
