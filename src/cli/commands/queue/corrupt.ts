// `plausible queue corrupt list|delete|retry`: the write-journal job files that could not be read. They
// are kept in <config>/queue/corrupt (never deleted behind the user's back) and counted by `queue
// inspect`, `doctor` and the window until the user deletes them or, after mending one by hand, journals
// it again. Retry refuses a job the journal already knows, so a delivered event is not sent twice.
import type { Command } from 'commander'
import { calls, type CorruptJobs } from '../../../shared/contract'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, emit, type OutputFlags } from '../../emit'
import { renderTable } from '../../output'
import { withApi } from '../../shared-options'

interface ActionFlags extends OutputFlags {
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
    output: calls['queue.corruptList'].output,
    examples: [
      { command: 'plausible queue corrupt list', description: 'each file with its job id, size and path' },
    ],
  })
  command.action((flags: OutputFlags) =>
    withApi(ctx, flags, async (api) => {
      const answer = await api['queue.corruptList']({})
      await emit(ctx, flags, {
        value: answer,
        rows: answer.files.map((file) => ({ ...file })),
        text: describeCorrupt(answer),
      })
    }),
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
    output: calls['queue.corruptDelete'].output,
    notes: 'Exit code 8 when a named file is not in the folder.',
    examples: [
      { command: 'plausible queue corrupt delete --all', description: 'drop every unreadable job file' },
      {
        command: 'plausible queue corrupt delete event-work-3f2a.json.1795000000000',
        description: 'drop one file',
      },
    ],
  })
  command.action((names: string[], flags: ActionFlags) =>
    withApi(ctx, flags, async (api) => {
      const answer = await api['queue.corruptDelete'](namesOf('delete', names, flags))
      const missing = names.filter((name) => !answer.deleted.includes(name))
      await emit(ctx, flags, {
        value: answer,
        rows: answer.deleted.map((name) => ({ name })),
        text:
          `${answer.deleted.length} file(s) deleted from ${answer.folder}` +
          (missing.length > 0 ? `; not there: ${missing.join(', ')}` : '') +
          '\n',
      })
      if (missing.length > 0) process.exitCode = exitCodes.partial
    }),
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
    output: calls['queue.corruptRetry'].output,
    notes:
      'A file that still does not read as a job stays, with the reason; so does one whose job the journal\n' +
      'already holds (sending it again could repeat a delivered event). Exit code 8 when any stays.',
    examples: [
      { command: 'plausible queue corrupt retry --all', description: 'journal every mended file again' },
    ],
  })
  command.action((names: string[], flags: ActionFlags) =>
    withApi(ctx, flags, async (api) => {
      const answer = await api['queue.corruptRetry'](namesOf('retry', names, flags))
      const queued = answer.results.filter((result) => result.result === 'queued')
      const kept = answer.results.flatMap((result) => (result.result === 'queued' ? [] : [result]))
      await emit(ctx, flags, {
        value: answer,
        rows: answer.results.map((result) => ({ ...result })),
        text:
          `${queued.length} of ${answer.results.length} file(s) journaled again` +
          kept.map((result) => `\n${result.name}: ${result.reason}`).join('') +
          '\n',
      })
      if (kept.length > 0) process.exitCode = exitCodes.partial
    }),
  )
}

/** Names, or --all: acting on every file takes the explicit flag, never an empty argument list. */
function namesOf(verb: string, names: string[], flags: ActionFlags): { names?: string[] } {
  if (flags.all && names.length > 0)
    throw new PlausibleError('USAGE', {
      message: `Give file names or --all to queue corrupt ${verb}, not both.`,
      hint: 'See the names with `plausible queue corrupt list`.',
    })
  if (flags.all) return {}
  if (names.length === 0)
    throw new PlausibleError('USAGE', {
      message: `queue corrupt ${verb} needs file names or --all.`,
      hint: 'See the names with `plausible queue corrupt list`.',
    })
  return { names }
}

export function describeCorrupt(corrupt: CorruptJobs): string {
  if (corrupt.files.length === 0) return `No unreadable job files in ${corrupt.folder}.\n`
  return (
    renderTable(
      ['name', 'job id', 'bytes', 'moved aside'],
      corrupt.files.map((file) => [file.name, file.jobId ?? '—', file.bytes, file.movedAt]),
    ) +
    `${corrupt.files.length} file(s) in ${corrupt.folder}: look inside, then \`plausible queue corrupt retry <name>\` once mended, or \`plausible queue corrupt delete <name>\`.\n`
  )
}
