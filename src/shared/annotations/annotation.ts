// Annotations (issue 19 item 12): a deploy, a campaign or a note marked on a date of one site's stats,
// kept on this machine only (the core's annotations.json), drawn on the graph and listed in reports.
// The schemas are the contract's; the helpers (range, CSV) are shared by the CLI, the window and reports.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import { isIsoDate, type IsoDate } from '../stats/calendar'

export const annotationKinds = ['deploy', 'campaign', 'note'] as const
export type AnnotationKind = (typeof annotationKinds)[number]

/** The longest text kept: a line on the graph's tooltip and a row in a report, not a changelog. */
export const annotationTextMax = 200

/** A real calendar day in the site's timezone, as the dashboard's dates are. */
export const AnnotationDate = lazySchema(() =>
  z.string().refine(isIsoDate, { message: 'use a calendar date as YYYY-MM-DD, for example 2026-12-07' }),
)

export const AnnotationText = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'say what happened (1 to 200 characters)')
    .max(annotationTextMax, `keep it to ${annotationTextMax} characters`),
)

export const AnnotationKind = lazySchema(() => z.enum(annotationKinds))

export const Annotation = lazySchema(() =>
  z.object({
    id: z.string(),
    account: z.string(),
    site: z.string(),
    date: AnnotationDate,
    kind: AnnotationKind,
    text: AnnotationText,
    /** When it was added (ISO 8601, UTC). */
    createdAt: z.string(),
  }),
)
export type Annotation = z.infer<typeof Annotation>

/** Oldest date first; on one day, in the order they were added. */
export function sortAnnotations(list: readonly Annotation[]): Annotation[] {
  return [...list].sort((a, b) =>
    a.date === b.date
      ? a.createdAt < b.createdAt
        ? -1
        : a.createdAt > b.createdAt
          ? 1
          : 0
      : a.date < b.date
        ? -1
        : 1,
  )
}

/** The annotations dated within [first, last] (inclusive; null leaves that side open). */
export function annotationsInRange(
  list: readonly Annotation[],
  first: IsoDate | null,
  last: IsoDate | null,
): Annotation[] {
  return sortAnnotations(
    list.filter((entry) => (first === null || entry.date >= first) && (last === null || entry.date <= last)),
  )
}

export const annotationCsvHeader = ['date', 'site', 'account', 'kind', 'text', 'id', 'created_at'] as const

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Annotations as CSV (CRLF line ends, a header row), oldest first: what `annotations export` writes. */
export function annotationsCsv(list: readonly Annotation[]): string {
  const rows = sortAnnotations(list).map((entry) =>
    [entry.date, entry.site, entry.account, entry.kind, entry.text, entry.id, entry.createdAt]
      .map(csvField)
      .join(','),
  )
  return `${[annotationCsvHeader.join(','), ...rows].join('\r\n')}\r\n`
}

/** Annotations as JSON, oldest first: the same document `annotations list --json` prints. */
export function annotationsJson(list: readonly Annotation[]): string {
  return `${JSON.stringify({ annotations: sortAnnotations(list) }, null, 2)}\n`
}
