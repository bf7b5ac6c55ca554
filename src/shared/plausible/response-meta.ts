// Reading a v2 answer's `meta` the way the server means it (§4.6, §4.7; its QueryRunner and QueryResult).
import type { V2Response } from './query'

type Answer = Pick<V2Response, 'results' | 'meta' | 'query'>

/**
 * Rows in the whole breakdown, or null when the answer cannot say. The server counts them with
 * `count() over ()` on the rows it returns and reads the count off the first one, so a page past the last
 * row says `total_rows: 0`: that is "unknown", not "none" — only the first page may say 0 and mean it.
 */
export function totalRowsOf(answer: Answer): number | null {
  const total = answer.meta.total_rows
  if (typeof total !== 'number') return null
  const offset = answer.query.pagination?.offset ?? 0
  return answer.results.length === 0 && offset > 0 ? null : total
}
