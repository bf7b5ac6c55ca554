// `plausible queue drain`: deliver what the write journal holds and wait until nothing is pending — this
// process delivers, or watches the running app (or another CLI) do it. Jobs that fail for good count as
// failed (exit code 8); --timeout stops waiting and leaves the rest journaled.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, type OutputFlags } from '../../emit'
import { positiveInteger } from '../../shared-options'

export interface DrainFlags extends OutputFlags {
  timeout?: number
}

export function registerQueueDrain(queue: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    queue
      .command('drain')
      .description('Deliver every journaled write job and wait until none is pending.')
      .addOption(
        new Option('--timeout <seconds>', 'stop waiting after this long; the rest stays journaled').argParser(
          positiveInteger('--timeout'),
        ),
      ),
  )
  describeCommand(command, {
    output: async () => (await import('./drain-action')).DrainSummary,
    notes: 'Exit code 8 when a job failed for good or --timeout left jobs pending.',
    examples: [
      { command: 'plausible queue drain', description: 'send what is journaled and wait' },
      {
        command: 'plausible queue drain --timeout 60 --json',
        description: 'wait at most a minute; summary as JSON',
      },
    ],
  })
  command.action(async (flags: DrainFlags) => (await import('./drain-action')).runQueueDrain(ctx, flags))
}
