// A v2 response's `meta` and `query` echo, as QueryResult.from builds them (plausible/analytics
// lib/plausible/stats/query_result.ex) from the optimized query and the runner's rows.
import type { Goal } from './goals'
import { importsWarnings, skipImportedReason, type SiteImport, type SkipImportedReason } from './imports'
import type { ValidQuery } from './validate'

/** Keys in the server's order: it sorts meta by key (Enum.sort_by + Jason.OrderedObject). */
export interface QueryMeta {
  imports_included?: boolean
  imports_skip_reason?: SkipImportedReason
  imports_warning?: string
  metric_warnings?: Record<string, { code: string; warning: string }>
  time_labels?: string[]
  total_rows?: number
}

export interface QueryEcho {
  site_id: string
  metrics: string[]
  date_range: [string, string]
  filters: unknown[]
  dimensions: string[]
  order_by: Array<[string, 'asc' | 'desc']>
  include: Record<string, true>
  pagination: { limit: number; offset: number }
}

export interface MetaInput {
  /** The optimized query (optimizeQuery). */
  query: ValidQuery
  imports: readonly SiteImport[]
  goals: readonly Goal[]
  /** Every bucket label of the range, for `include.time_labels` (called only then). */
  timeLabels: () => string[]
  /** Rows before pagination, and rows on the page asked for. */
  totalRows: number
  pageRows: number
}

/**
 * add_imports_meta: only when imports were asked for. imports_included is whether they joined; the skip
 * reason is left out when there is none (Map.reject of nil), and only two reasons carry a warning.
 */
function importsMeta(input: MetaInput): QueryMeta {
  if (!input.query.include.imports) return {}
  const reason = skipImportedReason(input.query, input.imports, input.goals)
  const warning = reason === null ? undefined : importsWarnings[reason]
  return {
    imports_included: reason === null,
    ...(reason === null ? {} : { imports_skip_reason: reason }),
    ...(warning === undefined ? {} : { imports_warning: warning }),
  }
}

/**
 * add_metric_warnings_meta. Of its warnings only scroll depth's can arise here: the sandbox has no revenue
 * metrics, and the public API never merges legacy time on page. Imports bring no scroll depth data in the
 * sandbox, so scroll_depth over included imports always says so.
 */
function metricWarnings(input: MetaInput, importsIncluded: boolean): QueryMeta {
  if (!importsIncluded || !(input.query.metrics as string[]).includes('scroll_depth')) return {}
  return {
    metric_warnings: {
      scroll_depth: {
        code: 'no_imported_scroll_depth',
        warning: 'No imports with scroll depth data were found',
      },
    },
  }
}

export function buildMeta(input: MetaInput): QueryMeta {
  const { include } = input.query
  const imports = importsMeta(input)
  return {
    ...imports,
    ...metricWarnings(input, imports.imports_included === true),
    ...(include.time_labels ? { time_labels: input.timeLabels() } : {}),
    // `count() over ()` rides on the rows ClickHouse returns, and QueryRunner reads it from the first one:
    // a page past the last row has no row to read it from, so it says 0.
    ...(include.total_rows ? { total_rows: input.pageRows === 0 ? 0 : input.totalRows } : {}),
  }
}

/**
 * The echoed query: the site's current domain (also when asked by its previous one), the optimized
 * dimensions, filters and order, the include keys that are true, pagination as `%{limit, offset}`.
 */
export function echoQuery(query: ValidQuery, siteDomain: string): QueryEcho {
  const include: Record<string, true> = {}
  for (const key of ['imports', 'time_labels', 'total_rows'] as const)
    if (query.include[key]) include[key] = true
  return {
    site_id: siteDomain,
    metrics: [...query.metrics],
    date_range: query.range.echo,
    filters: query.rawFilters,
    dimensions: query.dimensions,
    order_by: query.orderBy,
    include,
    pagination: { limit: query.pagination.limit, offset: query.pagination.offset },
  }
}
