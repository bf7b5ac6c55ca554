// `plausible goals add --site <domain> (--event <name> | --page <path>)`: find or create a goal (§6).
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'
import { addSiteOption } from '../sites/site-options'

export type AddFlags = ConnectionFlags & {
  site: string
  event?: string
  page?: string
  displayName?: string
  prop?: string[]
}

export function registerGoalsAdd(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      goals
        .command('add')
        .description(callSummaries['goals.add'])
        .option('--event <name>', 'a custom event goal: the event name, e.g. Signup')
        .option('--page <path>', 'a pageview goal: the page path, e.g. /thank-you (wildcards * allowed)')
        .option(
          '--display-name <name>',
          'how the dashboard names it (default: the event name or "Visit <path>")',
        )
        .option(
          '--prop <key=value>',
          'count only events with this custom property (repeatable)',
          collect,
          [],
        ),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('goals.add'),
    notes: 'Adding a goal that exists answers that goal: running the command twice creates one goal.',
    examples: [
      {
        command: 'plausible goals add --site example.com --event Signup',
        description: 'a custom event goal',
      },
      {
        command: 'plausible goals add --site example.com --page /thank-you --display-name "Thank you page"',
        description: 'a pageview goal with a name',
      },
    ],
  })
  command.action(async (flags: AddFlags) => (await import('./add-action')).runGoalsAdd(ctx, flags))
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
