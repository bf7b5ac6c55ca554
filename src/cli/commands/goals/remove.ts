// `plausible goals remove --site <domain> <goal-id>`: delete a goal; its past conversions stay in the stats.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption, positiveId } from '../sites/site-options'

export function registerGoalsRemove(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      goals
        .command('remove')
        .argument('<goal-id>', 'the goal id `goals list` shows', positiveId('<goal-id>'))
        .description(callSummaries['goals.remove']),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('goals.remove'),
    examples: [
      { command: 'plausible goals remove --site example.com 7', description: 'delete goal 7' },
      { command: 'plausible goals remove --site example.com 7 --dry-run', description: 'show the request' },
    ],
  })
  command.action(async (goalId: number, flags: ConnectionFlags & { site: string }) =>
    (await import('./remove-action')).runGoalsRemove(ctx, goalId, flags),
  )
}
