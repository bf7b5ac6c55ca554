// The JSON-schema pass of POST /api/v2/query: a port of priv/json-schemas/query-api-schema.json as the
// server's ex_json_schema runs it. Every error carries its JSON pointer in front, as the server writes
// it; errors come in ex_json_schema's order (a schema's keywords and properties in sorted key order,
// named properties before additional ones, `required` after both) and are joined with newlines.
import { isJsonObject } from '../query-checks'
import { inspect } from './inspect'
import {
  eventDimensions,
  metrics as allMetrics,
  revenueMetrics,
  timeDimensions,
  visitDimensions,
} from '../vocabulary'

export interface SchemaIssue {
  pointer: string
  message: string
}

export interface SchemaOptions {
  /** The metric names the schema accepts (CE's schema has no revenue metrics). */
  metrics: readonly string[]
}

/** Every public metric of the newest schema; CE's lacks the revenue ones (`only :ee`). */
export function schemaMetrics(edition: 'cloud' | 'ce' | undefined): readonly string[] {
  return edition === 'ce'
    ? allMetrics.filter((metric) => !(revenueMetrics as readonly string[]).includes(metric))
    : allMetrics
}

const simpleFilterDimensions = new Set<string>([
  ...eventDimensions.filter((dimension) => dimension !== 'event:goal'),
  ...visitDimensions,
])
const timeDimensionSet = new Set<string>(timeDimensions)

/**
 * Elixir's regexes are PCRE without the D flag: `$` also matches before one final newline, so
 * "2026-01-01\n" passes the schema and fails later in the parser, as on the server.
 */
const pcreTest = (pattern: RegExp, text: string): boolean =>
  pattern.test(text.endsWith('\n') ? text.slice(0, -1) : text)

const customPropPattern = /^event:props:.+/
/** ex_json_schema's `date` format. */
export const schemaDatePattern = /^(\d\d\d\d)-(\d\d)-(\d\d)$/
/** ex_json_schema's `date-time` format: seconds required, the offset optional (the parser wants one). */
export const schemaDateTimePattern =
  /^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?$/

const isString = (value: unknown): value is string => typeof value === 'string'
const isInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value)

export const isSimpleFilterDimension = (value: unknown): boolean =>
  isString(value) && simpleFilterDimensions.has(value)
export const isCustomPropDimension = (value: unknown): boolean =>
  isString(value) && customPropPattern.test(value)
export const isTimeDimensionName = (value: unknown): boolean => isString(value) && timeDimensionSet.has(value)

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'Null'
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number'
  if (typeof value === 'string') return 'String'
  if (typeof value === 'boolean') return 'Boolean'
  return 'Object'
}

const typeMismatch = (expected: string, value: unknown): string =>
  `Type mismatch. Expected ${expected} but got ${typeName(value)}.`

/** Strings, booleans, finite numbers and null: equal as JSON text exactly when a Set finds them equal. */
const isPlainScalar = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value))

/** Elixir's Enum.uniq compares terms structurally; JSON text of sorted objects does the same here. */
function hasDuplicates(list: readonly unknown[]): boolean {
  // Most lists (metrics, dimensions, a filter's clauses) are scalars: no JSON text needed, and a
  // stringify with a replacer was the most expensive step of checking a query.
  if (list.every(isPlainScalar)) return new Set(list).size !== list.length
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, item: unknown) =>
      isJsonObject(item)
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
        : item,
    )
  return new Set(list.map(canonical)).size !== list.length
}

// ── date_range ────────────────────────────────────────────────────────────────────────────────────

const namedShorthands = new Set(['day', '24h', 'month', 'year', 'all'])

/** Shorthands the schema lets through; `Nd`/`Nmo` bounds are the parser's (`"0d"` is its error). */
function isShorthand(value: string): boolean {
  return namedShorthands.has(value) || pcreTest(/^\d+d$/, value) || pcreTest(/^\d+mo$/, value)
}

export function isSchemaDateRange(value: unknown): boolean {
  if (isString(value)) return isShorthand(value)
  if (!Array.isArray(value) || value.length !== 2 || !value.every(isString)) return false
  const [from, to] = value as [string, string]
  return (
    (pcreTest(schemaDatePattern, from) && pcreTest(schemaDatePattern, to)) ||
    (pcreTest(schemaDateTimePattern, from) && pcreTest(schemaDateTimePattern, to))
  )
}

// ── filters ───────────────────────────────────────────────────────────────────────────────────────

const isClauses = (value: unknown): boolean =>
  Array.isArray(value) && value.every((clause) => isString(clause) || isInteger(clause))

/** `{"case_sensitive": boolean}` and nothing else (the object may be empty). */
const isModifiers = (value: unknown): boolean =>
  isJsonObject(value) &&
  Object.entries(value).every(([key, item]) => key === 'case_sensitive' && typeof item === 'boolean')

function isFilterEntry(node: readonly unknown[]): boolean {
  const [operator, dimension, clauses] = node
  const withModifiers =
    (node.length === 3 || (node.length === 4 && isModifiers(node[3]))) && isClauses(clauses)
  if (operator === 'is_not' || operator === 'contains_not')
    return withModifiers && (isSimpleFilterDimension(dimension) || isCustomPropDimension(dimension))
  if (operator === 'is' || operator === 'contains') {
    // filter_with_goals; ["is", "segment", ids] is filter_for_segment (ids are checked by the parser).
    if (operator === 'is' && dimension === 'segment') return node.length === 3 && isClauses(clauses)
    return (
      withModifiers &&
      (dimension === 'event:goal' || isSimpleFilterDimension(dimension) || isCustomPropDimension(dimension))
    )
  }
  if (operator === 'matches' || operator === 'matches_not')
    return (
      node.length === 3 &&
      isClauses(clauses) &&
      (isSimpleFilterDimension(dimension) || isCustomPropDimension(dimension))
    )
  return false
}

/** One `filter_tree` of the schema: a leaf, and/or with at least one child, not, has_done/has_not_done. */
export function isSchemaFilter(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  const [operator, second] = value as [unknown, unknown]
  if (operator === 'and' || operator === 'or')
    return value.length === 2 && Array.isArray(second) && second.length >= 1 && second.every(isSchemaFilter)
  if (operator === 'not' || operator === 'has_done' || operator === 'has_not_done')
    return value.length === 2 && isSchemaFilter(second)
  return isFilterEntry(value)
}

// ── the pass ──────────────────────────────────────────────────────────────────────────────────────

type Check = (value: unknown, pointer: string, issues: SchemaIssue[]) => void

const push = (issues: SchemaIssue[], pointer: string, message: string): void => {
  issues.push({ pointer, message })
}

function arrayOf(
  itemCheck: (item: unknown, pointer: string, issues: SchemaIssue[]) => void,
  options: { minItems?: number; unique?: boolean } = {},
): Check {
  return (value, pointer, issues) => {
    if (!Array.isArray(value)) return push(issues, pointer, typeMismatch('Array', value))
    value.forEach((item, index) => itemCheck(item, `${pointer}/${index}`, issues))
    if (options.minItems !== undefined && value.length < options.minItems)
      push(issues, pointer, `Expected a minimum of ${options.minItems} items but got ${value.length}.`)
    if (options.unique && hasDuplicates(value))
      push(issues, pointer, 'Expected items to be unique but they were not.')
  }
}

function objectOf(properties: Record<string, Check>): Check {
  return (value, pointer, issues) => {
    if (!isJsonObject(value)) return push(issues, pointer, typeMismatch('Object', value))
    for (const name of Object.keys(properties).sort())
      if (value[name] !== undefined) properties[name]!(value[name], `${pointer}/${name}`, issues)
    for (const name of Object.keys(value).sort())
      if (!(name in properties))
        push(issues, `${pointer}/${name}`, 'Schema does not allow additional properties.')
  }
}

function integerIn(minimum: number, maximum?: number): Check {
  return (value, pointer, issues) => {
    if (typeof value === 'number') {
      if (maximum !== undefined && value > maximum)
        push(issues, pointer, `Expected the value to be <= ${maximum}`)
      if (value < minimum) push(issues, pointer, `Expected the value to be >= ${minimum}`)
    }
    if (!isInteger(value)) push(issues, pointer, typeMismatch('Integer', value))
  }
}

const boolean: Check = (value, pointer, issues) => {
  if (typeof value !== 'boolean') push(issues, pointer, typeMismatch('Boolean', value))
}

function orderByEntry(metricSet: ReadonlySet<string>): Check {
  return (value, pointer, issues) => {
    if (!Array.isArray(value)) return push(issues, pointer, typeMismatch('Array', value))
    const [field, direction] = value as [unknown, unknown]
    if (value.length >= 1) {
      const known =
        (isString(field) && metricSet.has(field)) ||
        isSimpleFilterDimension(field) ||
        isCustomPropDimension(field) ||
        isTimeDimensionName(field)
      if (!known) push(issues, `${pointer}/0`, `Invalid value in order_by ${inspect(field)}`)
    }
    if (value.length >= 2 && direction !== 'asc' && direction !== 'desc')
      push(issues, `${pointer}/1`, 'Value is not allowed in enum.')
    if (value.length > 2) {
      push(issues, pointer, 'Schema does not allow additional items.')
      push(issues, pointer, `Expected a maximum of 2 items but got ${value.length}.`)
    }
    if (value.length < 2) push(issues, pointer, `Expected a minimum of 2 items but got ${value.length}.`)
  }
}

/** Runs the schema over a decoded body; an empty list means the body fits it. */
export function schemaIssues(body: unknown, options: SchemaOptions): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  if (!isJsonObject(body)) {
    push(issues, '#', typeMismatch('Object', body))
    return issues
  }
  const metricSet = new Set(options.metrics)
  const root = objectOf({
    date_range: (value, pointer, list) => {
      if (!isSchemaDateRange(value)) push(list, pointer, `Invalid date range ${inspect(value)}`)
    },
    dimensions: arrayOf(
      (item, pointer, list) => {
        const known =
          item === 'event:goal' ||
          isSimpleFilterDimension(item) ||
          isCustomPropDimension(item) ||
          isTimeDimensionName(item)
        if (!known) push(list, pointer, `Invalid dimension ${inspect(item)}`)
      },
      { unique: true },
    ),
    filters: arrayOf((item, pointer, list) => {
      if (!isSchemaFilter(item)) push(list, pointer, `Invalid filter ${inspect(item)}`)
    }),
    include: objectOf({ imports: boolean, time_labels: boolean, total_rows: boolean }),
    metrics: arrayOf(
      (item, pointer, list) => {
        if (!isString(item) || !metricSet.has(item)) push(list, pointer, `Invalid metric ${inspect(item)}`)
      },
      { minItems: 1, unique: true },
    ),
    order_by: arrayOf(orderByEntry(metricSet)),
    pagination: objectOf({ limit: integerIn(1, 10_000), offset: integerIn(0) }),
    site_id: (value, pointer, list) => {
      if (!isString(value)) push(list, pointer, typeMismatch('String', value))
    },
  })
  root(body, '#', issues)
  const missing = ['site_id', 'metrics', 'date_range'].filter((key) => body[key] === undefined)
  if (missing.length === 1) push(issues, '#', `Required property ${missing[0]} was not present.`)
  if (missing.length > 1) push(issues, '#', `Required properties ${missing.join(', ')} were not present.`)
  return issues
}
