// The reader's side of --compact (src/cli/emit.ts compactJson): expands it back into the full document,
// so a test can check that the compact form carries every fact of the full one.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `{"columns": [...], "rows": [[...]]}` with every row as long as the columns: a compacted list. */
function isTable(value: Record<string, unknown>): value is { columns: string[]; rows: unknown[][] } {
  const { columns, rows } = value
  return (
    Object.keys(value).length === 2 &&
    Array.isArray(columns) &&
    columns.every((column) => typeof column === 'string') &&
    Array.isArray(rows) &&
    rows.every((row) => Array.isArray(row) && row.length === columns.length)
  )
}

/** Tables back to lists of objects; a null cell becomes an absent field (absent means null). */
export function expandCompact(value: unknown): Json {
  if (Array.isArray(value)) return value.map(expandCompact)
  if (!isRecord(value)) return value as Json
  if (isTable(value))
    return value.rows.map((row) => {
      const record: Record<string, Json> = {}
      value.columns.forEach((column, index) => {
        const cell = expandCompact(row[index])
        if (cell !== null) record[column] = cell
      })
      return record
    })
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, expandCompact(entry)]))
}

/** The full document with its null fields left out: what the compact one must expand to. */
export function withoutNullFields(value: unknown): Json {
  if (Array.isArray(value)) return value.map(withoutNullFields)
  if (!isRecord(value)) return value as Json
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null && entry !== undefined)
      .map(([key, entry]) => [key, withoutNullFields(entry)]),
  )
}
