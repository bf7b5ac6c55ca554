// The actions of `plausible queue corrupt list|delete|retry` (registered in corrupt.ts), loaded when one runs.
import type { CorruptJobs } from '../../../shared/contract'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit, type OutputFlags } from '../../emit'
import { renderTable } from '../../output'
import { withApi } from '../../shared-options'
import type { ActionFlags } from './corrupt'

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

export async function runQueueCorruptList(ctx: CliContext, flags: OutputFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const answer = await api['queue.corruptList']({})
    await emit(ctx, flags, {
      value: answer,
      rows: answer.files.map((file) => ({ ...file })),
      text: describeCorrupt(answer),
    })
  })
}

export async function runQueueCorruptDelete(
  ctx: CliContext,
  names: string[],
  flags: ActionFlags,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
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
  })
}

export async function runQueueCorruptRetry(
  ctx: CliContext,
  names: string[],
  flags: ActionFlags,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
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
  })
}
