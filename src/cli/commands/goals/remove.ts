// `plausible goals remove --site <domain> <goal-id>`: delete a goal; its past conversions stay in the stats.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption, positiveId } from '../sites/site-options'

export function registerGoalsRemove(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      goals
        .command('remove')
        .argument('<goal-id>', 'the goal id `goals list` shows', positiveId('<goal-id>'))
        .description(calls['goals.remove'].summary),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['goals.remove'].output,
    examples: [
      { command: 'plausible goals remove --site example.com 7', description: 'delete goal 7' },
      { command: 'plausible goals remove --site example.com 7 --dry-run', description: 'show the request' },
    ],
  })
  command.action((goalId: number, flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['goals.remove']({ ...accountInput(account), site: flags.site, goalId })
      await emit(ctx, flags, { value: result, text: `Deleted goal ${result.goalId} of ${result.site}.\n` })
    }),
  )
}
