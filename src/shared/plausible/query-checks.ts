// The refinements of the query schemas (query.ts), named and kept apart from zod: the parsers generated
// from those schemas (schema-fast-path) call them by name, without loading the schemas' module.

const isoDate = /^\d{4}-\d{2}-\d{2}$/
const isoDateTimeWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** Two dates (YYYY-MM-DD), or two ISO 8601 datetimes with an offset: not one of each. */
export function isDateOrDateTimePair([from, to]: readonly [string, string]): boolean {
  return (
    (isoDate.test(from) && isoDate.test(to)) ||
    (isoDateTimeWithOffset.test(from) && isoDateTimeWithOffset.test(to))
  )
}

/** The range does not end before it starts (both sides written alike, so text order is time order). */
export function isOrderedPair([from, to]: readonly [string, string]): boolean {
  return from <= to
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
