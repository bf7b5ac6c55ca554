// `plausible goals list --site <domain>`: the site's goals with their ids (for `goals remove`).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export function registerGoalsList(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(addSiteOption(goals.command('list').description(callSummaries['goals.list'])))
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('goals.list'),
    examples: [
      { command: 'plausible goals list --site example.com', description: 'the goals, as a table' },
      {
        command: 'plausible goals list --site example.com --format ndjson',
        description: 'one goal per line',
      },
    ],
  })
  command.action(async (flags: ConnectionFlags & { site: string }) =>
    (await import('./list-action')).runGoalsList(ctx, flags),
  )
}
