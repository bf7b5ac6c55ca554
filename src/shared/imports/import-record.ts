// One run of `events import` as the import history keeps it (issue 18): what was read, what the server
// took, dropped or never got, and which event names it carried, so a run can be compared with the
// previous run of the same source (import-comparison.ts). Pure data: written by the core, read by the
// CLI (`plausible imports list|show`) and the window.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

// Lazy: the contract (imports.list) declares it, and building schemas at load costs every command.
export const ImportRecord = lazySchema(() =>
  z.object({
    /** imp-<UTC time>-<random>: sorts in the order the runs started. */
    id: z.string(),
    source: z.object({
      /** The file as given, made absolute; `-` for stdin. What "the same source" means for a comparison. */
      path: z.string(),
      /** The first 16 hex digits of the SHA-256 of the text read (for stdin, known once it ended). */
      digest: z.string().nullable(),
      format: z.enum(['ndjson', 'csv', 'cli-events']),
    }),
    account: z.string(),
    startedAt: z.string(),
    /** null while the run goes on, or when it never finished (a crash, kill -9, Ctrl+C). */
    finishedAt: z.string().nullable(),
    /** Lines holding an event (blank lines aside), good and bad. */
    linesRead: z.number().int(),
    /** Delivered by this run and kept by the server. */
    accepted: z.number().int(),
    /** Delivered by this run and answered 202 with x-plausible-dropped (the header gives no reason). */
    droppedByServer: z.number().int(),
    /** Failed for good (see plausible queue inspect). */
    failed: z.number().int(),
    /** Refused before sending, counted by reason (the reason without its line number). */
    refused: z.record(z.string(), z.number().int()),
    /** Lines an earlier run of the same text already delivered: not sent again. */
    repeatsSkipped: z.number().int(),
    /** Delivered after a crash cut an earlier send short: the server may hold them twice. */
    possiblyRepeated: z.number().int(),
    /** Good lines per event name, as read (what the server counts as goals). */
    names: z.record(z.string(), z.number().int()),
  }),
)
export type ImportRecord = z.infer<typeof ImportRecord>

/** A run's counts, the fields a comparison sets side by side. */
export const importCountFields = [
  'linesRead',
  'accepted',
  'droppedByServer',
  'failed',
  'repeatsSkipped',
  'possiblyRepeated',
] as const

/** All lines refused before sending, whatever their reason. */
export function refusedTotal(record: Pick<ImportRecord, 'refused'>): number {
  return Object.values(record.refused).reduce((sum, count) => sum + count, 0)
}
