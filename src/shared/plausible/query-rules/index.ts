// The Stats API v2 query rules, ported from the Plausible server (docs/api-fidelity.md lists each with
// its source): one implementation for the sandbox, which answers with them, and for the client and the
// CLI, which run them before a request is spent. Three passes, in the server's order — the JSON schema
// (errors with their pointer in front), the parser (value errors) and the builder (how the parts go
// together) — and the first pass that refuses decides the answer.
import { buildRefusal, type SiteKnowledge } from './build'
import { clausesRefusal, parseDateRange, type ParsedDateRange } from './parse'
import { refusal, type QueryRefusal } from './refusal'
import { schemaIssues, schemaMetrics } from './schema'

export type { ParsedDateRange } from './parse'
export type { QueryRefusal, RuleId } from './refusal'
export type { SiteKnowledge } from './build'
export { inspect } from './inspect'
export { isSchemaFilter, schemaMetrics } from './schema'
export { metricRefusal, metricsRefusal, internalPropKeys } from './build'
export { metricsDimensionsConflict } from './table-decider'
export { filterLeaves } from './filter-tree'

export interface QueryRulesContext extends SiteKnowledge {
  /** 'ce' has no revenue metrics in its schema; unknown accepts them and leaves the answer to the server. */
  edition?: 'cloud' | 'ce'
  /** The metrics this server's schema accepts, when narrower than the edition's (a sandbox, an old server). */
  metrics?: readonly string[]
}

/** A query the rules accept, with its parts as the server parsed them. */
export interface CheckedQuery {
  siteId: string
  metrics: string[]
  dateRange: ParsedDateRange
  dimensions: string[]
  /** As sent. */
  filters: unknown[]
  /** As sent; undefined when the query names none (the server's default order applies). */
  orderBy: Array<[string, 'asc' | 'desc']> | undefined
  include: { imports: boolean; time_labels: boolean; total_rows: boolean }
  pagination: { limit: number; offset: number }
}

export type QueryCheck = { ok: true; query: CheckedQuery } | { ok: false; refusal: QueryRefusal }

/** Runs every rule the context allows; a refusal has the server's text, word for word. */
export function checkV2Query(body: unknown, context: QueryRulesContext = {}): QueryCheck {
  const issues = schemaIssues(body, { metrics: context.metrics ?? schemaMetrics(context.edition) })
  if (issues.length > 0)
    return {
      ok: false,
      refusal: refusal(
        'schema',
        issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('\n'),
        issues[0]!.pointer,
      ),
    }
  const query = body as Record<string, unknown>
  const dateRange = parseDateRange(query.date_range)
  if (!dateRange.ok) return { ok: false, refusal: dateRange.refusal }
  const filters = (query.filters as unknown[] | undefined) ?? []
  const clauses = clausesRefusal(filters)
  if (clauses) return { ok: false, refusal: clauses }

  const checked: CheckedQuery = {
    siteId: query.site_id as string,
    metrics: query.metrics as string[],
    dateRange: dateRange.range,
    dimensions: (query.dimensions as string[] | undefined) ?? [],
    filters,
    orderBy: query.order_by as CheckedQuery['orderBy'],
    include: {
      imports: false,
      time_labels: false,
      total_rows: false,
      ...(query.include as object | undefined),
    },
    pagination: { limit: 10_000, offset: 0, ...(query.pagination as object | undefined) },
  }
  const refused = buildRefusal(checked, context)
  return refused ? { ok: false, refusal: refused } : { ok: true, query: checked }
}
