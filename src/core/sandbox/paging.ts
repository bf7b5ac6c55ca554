// Cursor pages of the Sites API lists (§6): newest first, `after`/`before`/`limit`, and the server's `meta`.

export const defaultPageLimit = 100
export const maxPageLimit = 1000

export interface PageMeta {
  after: string | null
  before: string | null
  limit: number
}

/** Opaque cursors, like the server's: the position key of an item, encoded. */
export const encodeCursor = (position: number): string =>
  Buffer.from(`sandbox:${position}`).toString('base64url')

export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return null
  const match = /^sandbox:(-?\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : null
}

export function pageLimit(raw: string | null): number {
  const requested = Number(raw ?? defaultPageLimit)
  return Number.isInteger(requested) && requested >= 1 ? Math.min(requested, maxPageLimit) : defaultPageLimit
}

/**
 * One page of `items`, which must already be in list order (newest first). `position` gives each item a
 * key that strictly decreases along the list (an id), so a cursor survives inserts and deletes elsewhere.
 * Like the server's paginator: no cursor → `before` is null; `after` → the next older items and a `before`
 * back; `before` → the newer items just ahead of the cursor.
 */
export function pageOf<T>(
  items: readonly T[],
  position: (item: T) => number,
  params: URLSearchParams,
): { page: T[]; meta: PageMeta } {
  const limit = pageLimit(params.get('limit'))
  const after = decodeCursor(params.get('after'))
  const before = decodeCursor(params.get('before'))
  if (before !== null) {
    const newer = items.filter((item) => position(item) > before)
    const page = newer.slice(Math.max(0, newer.length - limit))
    const hasNewer = newer.length > page.length
    return {
      page,
      meta: {
        after: page.length > 0 ? encodeCursor(position(page[page.length - 1]!)) : null,
        before: hasNewer && page.length > 0 ? encodeCursor(position(page[0]!)) : null,
        limit,
      },
    }
  }
  const older = after !== null ? items.filter((item) => position(item) < after) : [...items]
  const page = older.slice(0, limit)
  return {
    page,
    meta: {
      after: older.length > page.length ? encodeCursor(position(page[page.length - 1]!)) : null,
      before: after !== null && page.length > 0 ? encodeCursor(position(page[0]!)) : null,
      limit,
    },
  }
}
