// `plausible goals list --site <domain>`: the site's goals with their ids (for `goals remove`).
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerGoalsList(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(addSiteOption(goals.command('list').description(calls['goals.list'].summary)))
  describeCommand(command, {
    callsApi: true,
    output: calls['goals.list'].output,
    examples: [
      { command: 'plausible goals list --site example.com', description: 'the goals, as a table' },
      {
        command: 'plausible goals list --site example.com --format ndjson',
        description: 'one goal per line',
      },
    ],
  })
  command.action((flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
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
    }),
  )
}
