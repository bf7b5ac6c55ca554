// Typed builders for POST /api/v2/query bodies (§4): the window and the CLI compose questions from these and
// never hand-write JSON. Every builder checks its result against the V2Query schema before it leaves.
import { PlausibleError } from '../errors'
import type { DateRange, Filter, V2Query } from './query'
import { assertQueryAccepted } from './query-rules/local-check'
import type { Dimension, FilterDimension, Metric, TimeDimension } from './vocabulary'

// ── Filters (§4.5) ────────────────────────────────────────────────────────────────────────────────

export type Clause = string | number
export interface CaseOption {
  /** Default true, as on the server; false adds `{"case_sensitive": false}`. */
  caseSensitive?: boolean
}
function leaf(
  operator: 'is' | 'is_not' | 'contains' | 'contains_not' | 'matches' | 'matches_not',
  dimension: FilterDimension,
  clauses: Clause | readonly Clause[],
  options: CaseOption = {},
): Filter {
  const list = Array.isArray(clauses) ? [...clauses] : [clauses as Clause]
  if (list.length === 0)
    throw new PlausibleError('USAGE', {
      message: `The ${operator} filter on ${dimension} needs at least one value.`,
    })
  // The modifier is only sent when it changes something, as the dashboard does.
  return options.caseSensitive === false
    ? [operator, dimension, list, { case_sensitive: false }]
    : [operator, dimension, list]
}

/** `["is", dimension, [values]]`: a row matches if the dimension equals any value. */
export const is = (dimension: FilterDimension, values: Clause | readonly Clause[], options?: CaseOption) =>
  leaf('is', dimension, values, options)
export const isNot = (dimension: FilterDimension, values: Clause | readonly Clause[], options?: CaseOption) =>
  leaf('is_not', dimension, values, options)
export const contains = (
  dimension: FilterDimension,
  values: Clause | readonly Clause[],
  options?: CaseOption,
) => leaf('contains', dimension, values, options)
export const containsNot = (
  dimension: FilterDimension,
  values: Clause | readonly Clause[],
  options?: CaseOption,
) => leaf('contains_not', dimension, values, options)
/** re2 regular expressions; the server refuses the case modifier on these (§4.5), so there is none. */
export const matches = (dimension: FilterDimension, patterns: string | readonly string[]) =>
  leaf('matches', dimension, patterns)
export const matchesNot = (dimension: FilterDimension, patterns: string | readonly string[]) =>
  leaf('matches_not', dimension, patterns)
/** `["is", "segment", [ids]]`: a saved segment. */
export const segment = (ids: number | readonly number[]) => leaf('is', 'segment', ids)

export function and(...filters: Filter[]): Filter {
  requireChildren('and', filters)
  return ['and', filters]
}
export function or(...filters: Filter[]): Filter {
  requireChildren('or', filters)
  return ['or', filters]
}
export const not = (filter: Filter): Filter => ['not', filter]
/** Visitors who did (at some point in the range) what `filter` describes; event dimensions only, not nested. */
export const hasDone = (filter: Filter): Filter => ['has_done', filter]
export const hasNotDone = (filter: Filter): Filter => ['has_not_done', filter]

function requireChildren(operator: string, filters: readonly Filter[]): void {
  if (filters.length === 0)
    throw new PlausibleError('USAGE', {
      message: `An "${operator}" filter needs at least one filter inside.`,
    })
}

// ── Queries (§4.1) ────────────────────────────────────────────────────────────────────────────────

export type OrderBy = Array<[Metric | Dimension, 'asc' | 'desc']>

interface CommonOptions {
  metrics: readonly Metric[]
  dateRange: DateRange
  filters?: readonly Filter[]
  /** Merge imported (GA/CSV) data where the server can (§4.6); check `meta.imports_included`. */
  imports?: boolean
}

export type AggregateOptions = CommonOptions

export interface TimeseriesOptions extends CommonOptions {
  /** Default `time` (the server picks hour/day/week/month from the range length, §4.8). */
  interval?: TimeDimension
  /** Further dimensions after the time one (a series per value). */
  dimensions?: readonly Dimension[]
}

export interface BreakdownOptions extends CommonOptions {
  dimensions: Dimension | readonly Dimension[]
  orderBy?: OrderBy
  /** Rows per page, 1..10000 (§4.1). */
  limit?: number
  /** 1-based page; or give `offset`. */
  page?: number
  offset?: number
  /** Ask for `meta.total_rows` (rows before pagination); default true, paging needs it. */
  totalRows?: boolean
}

/** One row of totals, `dimensions: []` (§4.7). */
export function aggregateQuery(siteId: string, options: AggregateOptions): V2Query {
  return checked({
    site_id: siteId,
    metrics: [...options.metrics],
    date_range: options.dateRange,
    ...filtersOf(options),
    ...(options.imports ? { include: { imports: true } } : {}),
  })
}

/** A time dimension with `include.time_labels`, so `fillTimeSeries` can complete the sparse answer (§4.8). */
export function timeseriesQuery(siteId: string, options: TimeseriesOptions): V2Query {
  return checked({
    site_id: siteId,
    metrics: [...options.metrics],
    date_range: options.dateRange,
    dimensions: [options.interval ?? 'time', ...(options.dimensions ?? [])],
    ...filtersOf(options),
    include: { time_labels: true, ...(options.imports ? { imports: true } : {}) },
  })
}

/** Rows grouped by one or more dimensions, one page of them. */
export function breakdownQuery(siteId: string, options: BreakdownOptions): V2Query {
  const dimensions = typeof options.dimensions === 'string' ? [options.dimensions] : [...options.dimensions]
  const limit = options.limit
  if (options.page !== undefined && (!Number.isInteger(options.page) || options.page < 1))
    throw new PlausibleError('USAGE', { message: `page must be a whole number ≥ 1, not ${options.page}.` })
  const offset =
    options.offset ?? (options.page !== undefined ? (options.page - 1) * (limit ?? 10_000) : undefined)
  return checked({
    site_id: siteId,
    metrics: [...options.metrics],
    date_range: options.dateRange,
    dimensions,
    ...filtersOf(options),
    ...(options.orderBy ? { order_by: options.orderBy.map(([field, direction]) => [field, direction]) } : {}),
    include: {
      ...(options.totalRows === false ? {} : { total_rows: true }),
      ...(options.imports ? { imports: true } : {}),
    },
    ...(limit !== undefined || offset !== undefined
      ? {
          pagination: {
            ...(limit !== undefined ? { limit } : {}),
            ...(offset !== undefined ? { offset } : {}),
          },
        }
      : {}),
  })
}

function filtersOf(options: CommonOptions): { filters?: Filter[] } {
  return options.filters && options.filters.length > 0 ? { filters: [...options.filters] } : {}
}

/**
 * Runs the server's query rules (query-rules) on what a builder made, so a bad combination fails here, before
 * any request, as QUERY_INVALID with the server's own words and the JSON pointer of the part at fault.
 */
export function checked(query: V2Query): V2Query {
  assertQueryAccepted(query)
  return query
}

// ── Pagination (§4.6) ─────────────────────────────────────────────────────────────────────────────

export interface PageWalkOptions {
  /** Rows per request, 1..10000; default 10000 (the server's maximum, fewest requests). */
  pageSize?: number
  /** Stop after this many requests even if rows remain; default 100. */
  maxPages?: number
}

/**
 * Every row of a breakdown, page by page: asks for `total_rows` and advances the offset until it is
 * reached (or a page comes back short). Each page is one request against the budget.
 */
export async function queryAllPages<R extends { results: unknown[]; meta: { total_rows?: number } }>(
  run: (query: V2Query) => Promise<R>,
  query: V2Query,
  options: PageWalkOptions = {},
): Promise<{ results: R['results']; totalRows: number; pages: number }> {
  const pageSize = options.pageSize ?? 10_000
  const maxPages = options.maxPages ?? 100
  const results: unknown[] = []
  let offset = query.pagination?.offset ?? 0
  let totalRows = Number.POSITIVE_INFINITY
  let pages = 0
  while (offset < totalRows && pages < maxPages) {
    const response = await run({
      ...query,
      include: { ...query.include, total_rows: true },
      pagination: { limit: pageSize, offset },
    })
    pages++
    results.push(...response.results)
    totalRows = response.meta.total_rows ?? offset + response.results.length
    if (response.results.length < pageSize) break
    offset += pageSize
  }
  return {
    results: results as R['results'],
    totalRows: Number.isFinite(totalRows) ? totalRows : results.length,
    pages,
  }
}
