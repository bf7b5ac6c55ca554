// What the window tells the core when it starts importing a file (imports.start): the file as picked
// (a browser knows its name, not its path), its digest, and what the check found before sending. The
// core counts the rest — what each event became — from the events.send calls that carry the run's id.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import type { ParsedFile } from '../plausible/event-file'

/** imp-<UTC time>-<random>, as the import history names its runs (core/imports/import-history.ts). */
export const ImportId = lazySchema(() =>
  z.string().regex(/^imp-[A-Za-z0-9-]{1,80}$/, 'an import id is imp-<time>-<random>, from imports.start'),
)

export const ImportStart = lazySchema(() =>
  z
    .object({
      account: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'An alias is 1–40 letters, digits, - or _')
        .optional(),
      source: z
        .object({
          /** The file's name as picked: what "the same source" means for the comparison. */
          name: z.string().trim().min(1, 'name the file').max(255),
          /** The first 16 hex digits of the SHA-256 of the file's text (importLineKey's digest). */
          digest: z.string().regex(/^[0-9a-f]{16}$/, 'the first 16 hex digits of the SHA-256 of the text'),
          format: z.enum(['ndjson', 'csv']),
        })
        .strict(),
      /** Lines holding an event (blank lines aside), good and bad. */
      linesRead: z.number().int().nonnegative(),
      /** Lines the check refused before sending, counted by reason. */
      refused: z.record(z.string().max(500), z.number().int().positive()),
    })
    .strict(),
)
export type ImportStart = z.infer<typeof ImportStart>

/**
 * What imports.start takes of a checked file: the lines holding an event, and the refused ones counted
 * by reason, worded as `events import` words them (the line's problems, without its number).
 */
export function importStartOf(file: Pick<ParsedFile, 'lines'>): Pick<ImportStart, 'linesRead' | 'refused'> {
  const refused: Record<string, number> = {}
  for (const { problems } of file.lines) {
    if (problems.length === 0) continue
    const reason = problems.join('; ')
    refused[reason] = (refused[reason] ?? 0) + 1
  }
  return { linesRead: file.lines.length, refused }
}
