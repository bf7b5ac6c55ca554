// POST /api/v2/query body validation with the server's texts (§4.1, §4.9): schema errors first, then semantics.
import {
  dateRangeSchemaError,
  resolveDateRange,
  type DateRangeInput,
  type RangeContext,
  type ResolvedRange,
} from './date-range'
import type { FilterNode, LeafOperator } from './filters'
import type { Goal } from './goals'
import { inspectValue } from './inspect'
import { metricRefusal, sessionMetricsRefusal } from '../../shared/plausible/metric-rules'
import type { Filter } from '../../shared/plausible/query'
import {
  isDimension,
  isFilterDimension,
  isTimeDimension,
  type Metric,
} from '../../shared/plausible/vocabulary'

/** Metrics the sandbox answers. scroll_depth, time_on_page and revenue are refused as "Invalid metric", as older or CE servers do (§4.3). */
export const sandboxMetrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
  'percentage',
  'conversion_rate',
  'group_conversion_rate',
] as const satisfies readonly Metric[]
export type SandboxMetric = (typeof sandboxMetrics)[number]
/** What the engine computes: the v2 metrics plus `time_on_page`, which only the v1 API asks for here. */
export type EngineMetric = SandboxMetric | 'time_on_page'

const topLevelKeys = [
  'site_id',
  'metrics',
  'date_range',
  'dimensions',
  'filters',
  'order_by',
  'include',
  'pagination',
]
const includeKeys = ['imports', 'time_labels', 'total_rows']
const leafOperators: readonly string[] = [
  'is',
  'is_not',
  'contains',
  'contains_not',
  'matches',
  'matches_not',
]
const maxLimit = 10_000

export interface ValidQuery {
  siteId: string
  metrics: EngineMetric[]
  dateRange: DateRangeInput
  range: ResolvedRange
  dimensions: string[]
  /** As sent, for the response's `query` echo. */
  rawFilters: unknown[]
  filters: FilterNode[]
  /** Explicit or the §4.6 default. */
  orderBy: Array<[string, 'asc' | 'desc']>
  include: { imports: boolean; time_labels: boolean; total_rows: boolean }
  pagination: { limit: number; offset: number }
}

export interface ValidationContext extends RangeContext {
  goals: readonly Goal[]
}

export type ValidationResult = { ok: true; query: ValidQuery } | { ok: false; error: string }

function typeName(value: unknown): string {
  if (value === null) return 'Null'
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number'
  return typeof value === 'string' ? 'String' : typeof value === 'boolean' ? 'Boolean' : 'Object'
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const typeMismatch = (pointer: string, expected: string, value: unknown): string =>
  `${pointer}: Type mismatch. Expected ${expected} but got ${typeName(value)}.`
const hasDuplicates = (list: readonly unknown[]): boolean =>
  new Set(list.map((item) => JSON.stringify(item))).size !== list.length

/** Parses one filter (schema level); null when it does not fit the schema. */
export function parseFilter(value: unknown, depth: { behavioral: boolean }): FilterNode | null {
  if (!Array.isArray(value) || typeof value[0] !== 'string') return null
  const [operator, second, third, fourth] = value as [string, unknown, unknown, unknown]
  if (operator === 'and' || operator === 'or') {
    if (value.length !== 2 || !Array.isArray(second) || second.length === 0) return null
    const children = second.map((child) => parseFilter(child, depth))
    return children.every((child) => child !== null)
      ? { kind: operator, children: children as FilterNode[] }
      : null
  }
  if (operator === 'not') {
    if (value.length !== 2) return null
    const child = parseFilter(second, depth)
    return child ? { kind: 'not', child } : null
  }
  if (operator === 'has_done' || operator === 'has_not_done') {
    // Behavioural filters take event dimensions only and do not nest (§4.5).
    if (value.length !== 2 || depth.behavioral) return null
    const child = parseFilter(second, { behavioral: true })
    return child && onlyEventDimensions(child) ? { kind: operator, child } : null
  }
  if (!leafOperators.includes(operator) || value.length < 3 || value.length > 4) return null
  if (typeof second !== 'string' || !isFilterDimension(second) || second === 'segment') return null
  if (!Array.isArray(third) || third.length === 0) return null
  const acceptsIntegers = second === 'visit:city'
  if (!third.every((clause) => typeof clause === 'string' || (acceptsIntegers && Number.isInteger(clause))))
    return null
  let caseSensitive = true
  if (value.length === 4) {
    // The modifier object is only allowed on is / is_not / contains / contains_not.
    if (operator.startsWith('matches') || !isObject(fourth)) return null
    const keys = Object.keys(fourth)
    if (keys.some((key) => key !== 'case_sensitive')) return null
    if (fourth.case_sensitive !== undefined && typeof fourth.case_sensitive !== 'boolean') return null
    caseSensitive = fourth.case_sensitive !== false
  }
  if (second === 'event:goal' && operator !== 'is' && operator !== 'contains') return null
  return {
    kind: 'leaf',
    operator: operator as LeafOperator,
    dimension: second,
    clauses: third as Array<string | number>,
    caseSensitive,
  }
}

function onlyEventDimensions(node: FilterNode): boolean {
  switch (node.kind) {
    case 'leaf':
      return node.dimension.startsWith('event:')
    case 'and':
    case 'or':
      return node.children.every(onlyEventDimensions)
    default:
      return onlyEventDimensions(node.child)
  }
}

function leaves(node: FilterNode): Array<Extract<FilterNode, { kind: 'leaf' }>> {
  switch (node.kind) {
    case 'leaf':
      return [node]
    case 'and':
    case 'or':
      return node.children.flatMap(leaves)
    default:
      return leaves(node.child)
  }
}

/** The JSON-schema pass: every error, in schema order, each prefixed with its JSON pointer. */
function schemaErrors(body: Record<string, unknown>): { errors: string[]; filters: FilterNode[] } {
  const errors: string[] = []
  for (const key of Object.keys(body)) {
    if (!topLevelKeys.includes(key)) errors.push(`#/${key}: Schema does not allow additional properties.`)
  }
  const missing = ['site_id', 'metrics', 'date_range'].filter((key) => body[key] === undefined)
  if (missing.length === 1) errors.push(`#: Required property ${missing[0]} was not present.`)
  if (missing.length > 1) errors.push(`#: Required properties ${missing.join(', ')} were not present.`)

  if (body.site_id !== undefined && typeof body.site_id !== 'string')
    errors.push(typeMismatch('#/site_id', 'String', body.site_id))

  const { metrics } = body
  if (metrics !== undefined) {
    if (!Array.isArray(metrics)) errors.push(typeMismatch('#/metrics', 'Array', metrics))
    else {
      if (metrics.length === 0) errors.push('#/metrics: Expected a minimum of 1 items but got 0.')
      metrics.forEach((metric, index) => {
        if (typeof metric !== 'string' || !(sandboxMetrics as readonly string[]).includes(metric)) {
          errors.push(`#/metrics/${index}: Invalid metric ${inspectValue(metric)}`)
        }
      })
      if (hasDuplicates(metrics)) errors.push('#/metrics: Expected items to be unique but they were not.')
    }
  }

  if (body.date_range !== undefined) {
    const error = dateRangeSchemaError(body.date_range)
    if (error) errors.push(error)
  }

  const { dimensions } = body
  if (dimensions !== undefined) {
    if (!Array.isArray(dimensions)) errors.push(typeMismatch('#/dimensions', 'Array', dimensions))
    else {
      dimensions.forEach((dimension, index) => {
        if (typeof dimension !== 'string' || !isDimension(dimension))
          errors.push(`#/dimensions/${index}: Invalid dimension ${inspectValue(dimension)}`)
      })
      if (hasDuplicates(dimensions))
        errors.push('#/dimensions: Expected items to be unique but they were not.')
    }
  }

  const filters: FilterNode[] = []
  if (body.filters !== undefined) {
    if (!Array.isArray(body.filters)) errors.push(typeMismatch('#/filters', 'Array', body.filters))
    else {
      body.filters.forEach((filter, index) => {
        const parsed = parseFilter(filter, { behavioral: false })
        if (parsed) filters.push(parsed)
        else errors.push(`#/filters/${index}: Invalid filter ${inspectValue(filter)}`)
      })
    }
  }

  const { order_by: orderBy } = body
  if (orderBy !== undefined) {
    if (!Array.isArray(orderBy)) errors.push(typeMismatch('#/order_by', 'Array', orderBy))
    else {
      orderBy.forEach((entry, index) => {
        if (!Array.isArray(entry) || entry.length !== 2) {
          errors.push(`#/order_by/${index}: Invalid value in order_by ${inspectValue(entry)}`)
          return
        }
        const [field, direction] = entry as [unknown, unknown]
        const known =
          typeof field === 'string' &&
          ((sandboxMetrics as readonly string[]).includes(field) || isDimension(field))
        if (!known) errors.push(`#/order_by/${index}/0: Invalid value in order_by ${inspectValue(field)}`)
        if (direction !== 'asc' && direction !== 'desc')
          errors.push(`#/order_by/${index}/1: Value is not allowed in enum.`)
      })
    }
  }

  const { include } = body
  if (include !== undefined) {
    if (!isObject(include)) errors.push(typeMismatch('#/include', 'Object', include))
    else {
      for (const [key, value] of Object.entries(include)) {
        // `comparisons` is internal-only on the public API (§4.1).
        if (!includeKeys.includes(key))
          errors.push(`#/include/${key}: Schema does not allow additional properties.`)
        else if (typeof value !== 'boolean') errors.push(typeMismatch(`#/include/${key}`, 'Boolean', value))
      }
    }
  }

  const { pagination } = body
  if (pagination !== undefined) {
    if (!isObject(pagination)) errors.push(typeMismatch('#/pagination', 'Object', pagination))
    else {
      for (const [key, value] of Object.entries(pagination)) {
        if (key !== 'limit' && key !== 'offset')
          errors.push(`#/pagination/${key}: Schema does not allow additional properties.`)
        else if (typeof value !== 'number' || !Number.isInteger(value))
          errors.push(typeMismatch(`#/pagination/${key}`, 'Integer', value))
        else if (key === 'limit' && value < 1)
          errors.push('#/pagination/limit: Expected the value to be >= 1')
        else if (key === 'limit' && value > maxLimit)
          errors.push(`#/pagination/limit: Expected the value to be <= ${maxLimit}`)
        else if (key === 'offset' && value < 0)
          errors.push('#/pagination/offset: Expected the value to be >= 0')
      }
    }
  }
  return { errors, filters }
}

const orderTuple = (field: string, direction: string): string => {
  const name = field.includes(':') ? JSON.stringify(field) : `:${field}`
  return `{${name}, :${direction}}`
}

/** Validates a parsed JSON body against the schema and the server's semantic rules (§4.1–§4.6, §4.9). */
export function validateQuery(body: unknown, context: ValidationContext): ValidationResult {
  if (!isObject(body)) return { ok: false, error: typeMismatch('#', 'Object', body) }
  const { errors, filters } = schemaErrors(body)
  if (errors.length > 0) return { ok: false, error: errors.join('\n') }

  const metrics = body.metrics as SandboxMetric[]
  const dimensions = (body.dimensions as string[] | undefined) ?? []
  const dateRange = body.date_range as DateRangeInput
  const resolved = resolveDateRange(dateRange, context)
  if (!resolved.ok) return { ok: false, error: resolved.error }

  for (const leaf of filters.flatMap(leaves)) {
    if (leaf.dimension === 'visit:country' && (leaf.operator === 'is' || leaf.operator === 'is_not')) {
      if (!leaf.clauses.every((clause) => typeof clause === 'string' && /^[A-Z]{2}$/.test(clause))) {
        return {
          ok: false,
          error: 'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
        }
      }
    }
    if (leaf.dimension === 'event:goal' && leaf.operator === 'is') {
      const unknown = leaf.clauses.find(
        (clause) => !context.goals.some((goal) => goal.displayName === clause),
      )
      if (unknown !== undefined) {
        return {
          ok: false,
          error: `Invalid filters. The goal \`${unknown}\` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals`,
        }
      }
    }
  }

  const timeDimension = dimensions.find(isTimeDimension)
  const [firstMetric] = metrics
  const orderBy: Array<[string, 'asc' | 'desc']> = (body.order_by as
    Array<[string, 'asc' | 'desc']> | undefined) ?? [
    ...(timeDimension ? [[timeDimension, 'asc'] as [string, 'asc']] : []),
    [firstMetric as string, 'desc'] as [string, 'desc'],
  ]
  for (const [field, direction] of orderBy) {
    if (!(metrics as string[]).includes(field) && !dimensions.includes(field)) {
      return {
        ok: false,
        error: `Invalid order_by entry '${orderTuple(field, direction)}'. Entry is not a queried metric or dimension.`,
      }
    }
  }

  const include = {
    imports: false,
    time_labels: false,
    total_rows: false,
    ...(body.include as object | undefined),
  }
  if (include.time_labels && !timeDimension)
    return { ok: false, error: 'Invalid include.time_labels: requires a time dimension.' }

  // The §4.3 metric rules, in the words the CLI also picks its default metrics by (metric-rules.ts).
  const metricContext = { dimensions, filters: (body.filters as Filter[] | undefined) ?? [] }
  for (const metric of metrics) {
    const refusal = metricRefusal(metric, metricContext)
    if (refusal) return { ok: false, error: refusal }
  }
  const sessionRefusal = sessionMetricsRefusal(metrics, dimensions)
  if (sessionRefusal) return { ok: false, error: sessionRefusal }

  const pagination = { limit: maxLimit, offset: 0, ...(body.pagination as object | undefined) }
  return {
    ok: true,
    query: {
      siteId: body.site_id as string,
      metrics,
      dateRange,
      range: resolved.range,
      dimensions,
      rawFilters: (body.filters as unknown[] | undefined) ?? [],
      filters,
      orderBy,
      include,
      pagination,
    },
  }
}
