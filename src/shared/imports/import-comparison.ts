// A run of `events import` set against the previous run of the same source: each count before and
// after, the event names that appeared or vanished, and the change per name. Pure, for the CLI and the
// window alike.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import { ImportRecord, importCountFields, refusedTotal } from './import-record'

const Change = lazySchema(() =>
  z.object({ before: z.number().int(), after: z.number().int(), change: z.number().int() }),
)

export const ImportComparison = lazySchema(() =>
  z.object({
    /** The run compared with: the latest earlier run of the same source path. */
    previousId: z.string(),
    counts: z.object({
      linesRead: Change,
      accepted: Change,
      droppedByServer: Change,
      failed: Change,
      refused: Change,
      repeatsSkipped: Change,
      possiblyRepeated: Change,
    }),
    /** Names this run read that the previous did not, and the reverse. */
    newNames: z.array(z.string()),
    vanishedNames: z.array(z.string()),
    /** Every name of either run whose count changed, by name. */
    names: z.array(Change.extend({ name: z.string() })),
  }),
)
export type ImportComparison = z.infer<typeof ImportComparison>

function change(before: number, after: number): z.infer<typeof Change> {
  return { before, after, change: after - before }
}

export function compareImports(previous: ImportRecord, current: ImportRecord): ImportComparison {
  const counts = Object.fromEntries(
    importCountFields.map((field) => [field, change(previous[field], current[field])]),
  ) as Omit<ImportComparison['counts'], 'refused'>
  const names = [...new Set([...Object.keys(previous.names), ...Object.keys(current.names)])].sort()
  return {
    previousId: previous.id,
    counts: { ...counts, refused: change(refusedTotal(previous), refusedTotal(current)) },
    newNames: names.filter((name) => !(name in previous.names)),
    vanishedNames: names.filter((name) => !(name in current.names)),
    names: names
      .map((name) => ({ name, ...change(previous.names[name] ?? 0, current.names[name] ?? 0) }))
      .filter((entry) => entry.change !== 0),
  }
}

/**
 * The run before `record` of the same source, from a history in any order; null for the first. Ids
 * start with the UTC time the run started, so the latest earlier run has the largest smaller id.
 */
export function previousImportOf(
  history: readonly ImportRecord[],
  record: ImportRecord,
): ImportRecord | null {
  let found: ImportRecord | null = null
  for (const entry of history)
    if (entry.source.path === record.source.path && entry.id < record.id && (!found || entry.id > found.id))
      found = entry
  return found
}

export const ComparedImport = lazySchema(() =>
  ImportRecord.extend({
    /** Set against the previous run of the same source; null for a source's first run. */
    comparison: ImportComparison.nullable(),
  }),
)
export type ComparedImport = z.infer<typeof ComparedImport>

/** Every run with its comparison, newest first (how the CLI and the window list the history). */
export function compareHistory(history: readonly ImportRecord[]): ComparedImport[] {
  return [...history]
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((record) => {
      const previous = previousImportOf(history, record)
      return { ...record, comparison: previous ? compareImports(previous, record) : null }
    })
}
