// `plausible queue inspect`: the write journal (pending, in-flight, failed jobs with retries and last
// errors, jobs a crash may have delivered twice, job files that could not be read), requests waiting for
// the budget, and the budget left this hour and today.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, positiveInteger, type ConnectionFlags } from '../../shared-options'

export interface InspectFlags extends ConnectionFlags {
  limit?: number
}

export function registerQueueInspect(queue: Command, ctx: CliContext): void {
  const command = addApiOptions(
    queue
      .command('inspect')
      .description('Pending and failed write jobs, requests waiting for the budget, and the budget left.')
      .addOption(
        new Option('--limit <n>', 'jobs to list (default 50)').argParser(positiveInteger('--limit')),
      ),
  )
  describeCommand(command, {
    output: async () => (await import('../../../shared/contract/calls')).QueueInspection,
    examples: [
      { command: 'plausible queue inspect', description: 'the journal and the default account’s budget' },
      { command: 'plausible queue inspect --account work --json', description: 'everything, as JSON' },
    ],
  })
  command.action(async (flags: InspectFlags) =>
    (await import('./inspect-action')).runQueueInspect(ctx, flags),
  )
}
