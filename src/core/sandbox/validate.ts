// POST /api/v2/query body validation: the shared query rules (src/shared/plausible/query-rules, the
// server's schema, parser and builder ported with their texts) with what the sandbox knows of the site —
// its goals, its plan, its saved segments — then the parts the engine needs: filters as a tree, the date range
// in the site's zone, the default order.
import { resolveParsedRange, type DateRangeInput, type RangeContext, type ResolvedRange } from './date-range'
import type { FilterNode, LeafOperator } from './filters'
import type { Goal } from './goals'
import { resolveSegmentLeaf } from './segments'
import {
  checkV2Query,
  filterLeaves,
  isSchemaFilter,
  type QueryRefusal,
} from '../../shared/plausible/query-rules'
import {
  isTimeDimension,
  metrics as publicMetrics,
  revenueMetrics,
  type Metric,
} from '../../shared/plausible/vocabulary'

/**
 * Metrics the sandbox answers: every public one but revenue, which its sites do not have (cloud answers
 * the feature refusal, CE's schema has no revenue metrics). scroll_depth and time_on_page come from the
 * visits' engagement events (engagement.ts).
 */
type RevenueMetric = (typeof revenueMetrics)[number]
export const sandboxMetrics = publicMetrics.filter(
  (metric): metric is Exclude<Metric, RevenueMetric> =>
    !(revenueMetrics as readonly string[]).includes(metric),
)
export type SandboxMetric = Exclude<Metric, RevenueMetric>
/** What the engine computes. */
export type EngineMetric = SandboxMetric

export interface ValidQuery {
  siteId: string
  metrics: EngineMetric[]
  /** As sent. */
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
  /** 'cloud' answers like plausible.io, 'ce' like Community Edition (no revenue metrics in its schema). */
  edition?: 'cloud' | 'ce'
  /** Metrics the schema does not know (an older server: scroll_depth was not public yet). */
  withoutMetrics?: readonly string[]
  /** false: the site's plan lacks custom properties (internal keys such as `path` still work). */
  customProps?: boolean
  /** The site's saved segments (id → filters); none by default. */
  segments?: ReadonlyMap<number, readonly unknown[]>
}

export type ValidationResult =
  { ok: true; query: ValidQuery } | { ok: false; error: string; refusal: QueryRefusal }

/**
 * A filter the schema accepts, as the engine's tree; null otherwise. v1 passes JSON v2 filters through
 * here and drops what does not fit, segments included (the sandbox has none).
 */
export function parseFilter(value: unknown): FilterNode | null {
  if (!isSchemaFilter(value) || filterLeaves([value]).some((leaf) => leaf.dimension === 'segment'))
    return null
  return toNode(value as unknown[])
}

const noSegments: ReadonlyMap<number, readonly unknown[]> = new Map()

function toNode(
  value: readonly unknown[],
  segments: ReadonlyMap<number, readonly unknown[]> = noSegments,
): FilterNode {
  const child = (filter: readonly unknown[]): FilterNode => toNode(filter, segments)
  const [operator, second, third, fourth] = value as [string, unknown, unknown, unknown]
  if (operator === 'and' || operator === 'or')
    return { kind: operator, children: (second as unknown[][]).map(child) }
  if (operator === 'not' || operator === 'has_done' || operator === 'has_not_done')
    return { kind: operator, child: child(second as unknown[]) }
  // The site's segments were checked by the rules: a segment runs as its own filters (segments.ts).
  if (second === 'segment') return resolveSegmentLeaf(third as unknown[], segments, child)
  const modifiers = fourth as { case_sensitive?: boolean } | undefined
  return {
    kind: 'leaf',
    operator: operator as LeafOperator,
    dimension: second as string,
    clauses: third as Array<string | number>,
    caseSensitive: modifiers?.case_sensitive !== false,
  }
}

/** Validates a parsed JSON body with the server's rules and texts (§4.1–§4.6, §4.9). */
export function validateQuery(body: unknown, context: ValidationContext): ValidationResult {
  const edition = context.edition ?? 'cloud'
  const check = checkV2Query(body, {
    edition,
    metrics: (edition === 'ce' ? sandboxMetrics : publicMetrics).filter(
      (metric) => !(context.withoutMetrics ?? []).includes(metric),
    ),
    goals: context.goals.map((goal) => goal.displayName),
    segments: [...(context.segments ?? noSegments).keys()],
    features: { customProps: context.customProps ?? true, revenueGoals: false },
  })
  if (!check.ok) return { ok: false, error: check.refusal.message, refusal: check.refusal }
  const { query } = check
  const metrics = query.metrics as EngineMetric[]
  const timeDimension = query.dimensions.find(isTimeDimension)
  // §4.6: the time dimension ascending, then the first metric descending.
  const orderBy = query.orderBy ?? [
    ...(timeDimension ? [[timeDimension, 'asc'] as [string, 'asc']] : []),
    [metrics[0]!, 'desc'] as [string, 'desc'],
  ]
  return {
    ok: true,
    query: {
      siteId: query.siteId,
      metrics,
      dateRange: (body as { date_range: DateRangeInput }).date_range,
      range: resolveParsedRange(query.dateRange, context),
      dimensions: query.dimensions,
      rawFilters: query.filters,
      filters: query.filters.map((filter) => toNode(filter as unknown[], context.segments)),
      orderBy,
      include: query.include,
      pagination: query.pagination,
    },
  }
}
