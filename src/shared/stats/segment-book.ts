// Saved segments by name, kept on this computer. Plausible lets an API key *apply* a saved segment
// (`["is", "segment", [id]]` in a v2 query, §4.5, resolved for any segment of the site), but the routes
// that list, create, edit and delete segments (`/api/:domain/segments`) sit behind a signed-in browser
// session on plausible.io and Community Edition alike, and never accept a key. So the user brings the id
// (from the web dashboard's address) and names it here; the name is ours, the segment is the server's.
import type { DashboardFilter } from './filters'

export interface SavedSegment {
  id: number
  name: string
}

/** The server's own limit on a segment's name (Segment.changeset: 1..255 bytes). */
export const maxSegmentNameBytes = 255

export type SegmentEntry = { ok: true; segment: SavedSegment } | { ok: false; problem: string }

/**
 * The id in what the user pasted: a bare number, or a dashboard address or filter holding `segment`
 * followed by its id (`f=is,segment,12`, `((is,segment,(12)))`, `["is","segment",[12]]`).
 */
export function parseSegmentId(text: string): number | null {
  const trimmed = text.trim()
  const match = /^(\d+)$/.exec(trimmed) ?? /segment\W{1,6}(\d+)/.exec(trimmed)
  if (!match) return null
  const id = Number(match[1])
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Checks what the user typed; the problem names the field and what to do. */
export function segmentEntry(idText: string, nameText: string): SegmentEntry {
  const id = parseSegmentId(idText)
  if (id === null)
    return {
      ok: false,
      problem:
        'Segment id: type the number of a saved segment, or paste the dashboard address with that segment applied.',
    }
  const name = nameText.trim()
  if (name === '') return { ok: false, problem: 'Name: give the segment a name to pick it by.' }
  if (new TextEncoder().encode(name).length > maxSegmentNameBytes)
    return { ok: false, problem: `Name: at most ${maxSegmentNameBytes} bytes, as Plausible allows.` }
  return { ok: true, segment: { id, name } }
}

/** Adds or renames (one entry per id), sorted by name as a menu reads. */
export function saveSegment(book: readonly SavedSegment[], segment: SavedSegment): SavedSegment[] {
  return [...book.filter((entry) => entry.id !== segment.id), segment].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
  )
}

export function forgetSegment(book: readonly SavedSegment[], id: number): SavedSegment[] {
  return book.filter((entry) => entry.id !== id)
}

/** The filter that applies it: sent as the id, read by its name. */
export function segmentFilter(segment: SavedSegment): DashboardFilter {
  const value = String(segment.id)
  return { dimension: 'segment', operator: 'is', values: [value], labels: { [value]: segment.name } }
}

/** The book's names as labels for segment filters that came from elsewhere (the address bar). */
export function labelSegmentFilters(
  filters: readonly DashboardFilter[],
  book: readonly SavedSegment[],
): DashboardFilter[] {
  return filters.map((filter) => {
    if (filter.dimension !== 'segment') return filter
    const labels = { ...filter.labels }
    for (const value of filter.values) {
      const named = book.find((entry) => String(entry.id) === value)
      if (named) labels[value] = named.name
    }
    return Object.keys(labels).length > 0 ? { ...filter, labels } : filter
  })
}

/** Whether the book's entries parse (localStorage may hold anything). */
export function readSegmentBook(value: unknown): SavedSegment[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (entry): entry is SavedSegment =>
      typeof entry === 'object' &&
      entry !== null &&
      Number.isSafeInteger((entry as SavedSegment).id) &&
      (entry as SavedSegment).id > 0 &&
      typeof (entry as SavedSegment).name === 'string',
  )
}
