// `plausible queue corrupt list|delete|retry`: the write-journal job files that could not be read. They
// are kept in <config>/queue/corrupt (never deleted behind the user's back) and counted by `queue
// inspect`, `doctor` and the window until the user deletes them or, after mending one by hand, journals
// it again. Retry refuses a job the journal already knows, so a delivered event is not sent twice.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, type OutputFlags } from '../../emit'

export interface ActionFlags extends OutputFlags {
  all?: boolean
}

export function registerQueueCorrupt(queue: Command, ctx: CliContext): void {
  const corrupt = queue
    .command('corrupt')
    .description('Job files of the write journal that could not be read: list, delete or retry them.')
  registerList(corrupt, ctx)
  registerDelete(corrupt, ctx)
  registerRetry(corrupt, ctx)
}

function registerList(corrupt: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    corrupt.command('list').description('The unreadable job files kept aside, oldest first.'),
  )
  describeCommand(command, {
    output: contractOutput('queue.corruptList'),
    examples: [
      { command: 'plausible queue corrupt list', description: 'each file with its job id, size and path' },
    ],
  })
  command.action(async (flags: OutputFlags) =>
    (await import('./corrupt-action')).runQueueCorruptList(ctx, flags),
  )
}

function registerDelete(corrupt: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    corrupt
      .command('delete')
      .description('Delete unreadable job files: the named ones, or every one with --all.')
      .argument('[names...]', 'file names as `queue corrupt list` shows them')
      .option('--all', 'every file in the folder'),
  )
  describeCommand(command, {
    output: contractOutput('queue.corruptDelete'),
    notes: 'Exit code 8 when a named file is not in the folder.',
    examples: [
      { command: 'plausible queue corrupt delete --all', description: 'drop every unreadable job file' },
      {
        command: 'plausible queue corrupt delete event-work-3f2a.json.1795000000000',
        description: 'drop one file',
      },
    ],
  })
  command.action(async (names: string[], flags: ActionFlags) =>
    (await import('./corrupt-action')).runQueueCorruptDelete(ctx, names, flags),
  )
}

function registerRetry(corrupt: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    corrupt
      .command('retry')
      .description(
        'Journal unreadable job files again once mended by hand: the named ones, or every one with --all.',
      )
      .argument('[names...]', 'file names as `queue corrupt list` shows them')
      .option('--all', 'every file in the folder'),
  )
  describeCommand(command, {
    output: contractOutput('queue.corruptRetry'),
    notes:
      'A file that still does not read as a job stays, with the reason; so does one whose job the journal\n' +
      'already holds (sending it again could repeat a delivered event). Exit code 8 when any stays.',
    examples: [
      { command: 'plausible queue corrupt retry --all', description: 'journal every mended file again' },
    ],
  })
  command.action(async (names: string[], flags: ActionFlags) =>
    (await import('./corrupt-action')).runQueueCorruptRetry(ctx, names, flags),
  )
}
