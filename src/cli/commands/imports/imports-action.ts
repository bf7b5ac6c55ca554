// The actions of `plausible imports list|show` (registered in imports.ts), loaded when a command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { createImportHistory, noSuchImport } from '../../../core/imports/import-history'
import { PlausibleError } from '../../../shared/errors'
import { ComparedImport, compareHistory } from '../../../shared/imports/import-comparison'
import { refusedTotal } from '../../../shared/imports/import-record'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { formatOf, reportError } from '../../output'
import type { ImportsFlags } from './imports'

export const ImportsList = lazySchema(() => z.object({ imports: z.array(ComparedImport) }))
export type ImportsList = z.infer<typeof ImportsList>

export async function runImportsList(ctx: CliContext, flags: ImportsFlags): Promise<void> {
  try {
    const imports = compareHistory(await createImportHistory(ctx.configDir).list())
    await emit(ctx, flags, {
      value: { imports },
      text: imports.length
        ? imports.map((entry) => `${entry.id}  ${describeRun(entry)}`).join('\n') + '\n'
        : 'No import yet: `plausible events import FILE` records each run here.\n',
    })
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  }
}

export async function runImportsShow(
  ctx: CliContext,
  id: string | undefined,
  flags: ImportsFlags,
): Promise<void> {
  try {
    const all = compareHistory(await createImportHistory(ctx.configDir).list())
    const wanted = id ?? all[0]?.id
    if (!wanted)
      throw new PlausibleError('NOT_FOUND', {
        message: 'No import has been recorded yet.',
        hint: 'Run `plausible events import FILE` first: each run is recorded.',
      })
    const found = all.find((entry) => entry.id === wanted)
    if (!found) throw noSuchImport(ctx.configDir, wanted)
    await emit(ctx, flags, { value: found, text: describeShown(found) })
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  }
}

/** One run on one line: when, what, and its counts. */
export function describeRun(entry: ComparedImport): string {
  const refused = refusedTotal(entry)
  return (
    `${entry.startedAt.slice(0, 19).replace('T', ' ')}  ${entry.source.path}  ` +
    `${entry.linesRead} read, ${entry.accepted} accepted, ${entry.droppedByServer} dropped by the server, ` +
    `${refused} refused, ${entry.repeatsSkipped} repeats skipped` +
    (entry.possiblyRepeated > 0 ? `, ${entry.possiblyRepeated} possibly repeated` : '') +
    (entry.failed > 0 ? `, ${entry.failed} failed` : '') +
    (entry.finishedAt === null ? '  (never finished)' : '')
  )
}

function describeShown(entry: ComparedImport): string {
  const lines = [
    `${entry.id}: ${entry.source.format} from ${entry.source.path}${entry.source.digest ? ` (sha256 ${entry.source.digest}…)` : ''} to ${entry.account}`,
    `started ${entry.startedAt}, ${entry.finishedAt ? `finished ${entry.finishedAt}` : 'never finished'}`,
    describeRun(entry).split('  ').slice(2).join('  '),
  ]
  for (const [reason, count] of Object.entries(entry.refused)) lines.push(`  refused ${count}×: ${reason}`)
  const names = Object.entries(entry.names)
  if (names.length) lines.push(`event names: ${names.map(([name, count]) => `${name} ${count}`).join(', ')}`)
  const { comparison } = entry
  if (!comparison) lines.push('first run of this source: nothing to compare with')
  else {
    lines.push(`compared with ${comparison.previousId}:`)
    for (const [field, { before, after, change }] of Object.entries(comparison.counts))
      lines.push(`  ${field}: ${before} → ${after} (${change >= 0 ? '+' : ''}${change})`)
    if (comparison.newNames.length) lines.push(`  new names: ${comparison.newNames.join(', ')}`)
    if (comparison.vanishedNames.length)
      lines.push(`  vanished names: ${comparison.vanishedNames.join(', ')}`)
    for (const { name, before, after, change } of comparison.names)
      lines.push(`  ${name}: ${before} → ${after} (${change >= 0 ? '+' : ''}${change})`)
  }
  return `${lines.join('\n')}\n`
}
