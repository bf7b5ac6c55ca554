// The v2 query as data: zod schemas for what we send to POST /api/v2/query and what comes back (§4.1, §4.7).
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import * as fastPaths from '../schema-fast-path/generated'
import { withFastPath } from '../schema-fast-path/runtime'
import { isDateOrDateTimePair, isJsonObject, isOrderedPair } from './query-checks'
import { isDateRangeShortcut, isFilterDimension, leafOperators, metrics } from './vocabulary'

export const DateRange = withFastPath(
  lazySchema(() =>
    z.union([
      z.string().refine(isDateRangeShortcut, {
        error: (issue) =>
          `Invalid date range ${JSON.stringify(issue.input)}: use day, 24h, Nd (7d, 30d…), month, Nmo (6mo, 12mo), year, all, or [from, to]`,
      }),
      z
        .tuple([z.string(), z.string()])
        .refine(isDateOrDateTimePair, {
          message: 'A date range is two dates (YYYY-MM-DD) or two ISO 8601 datetimes with an offset',
        })
        .refine(isOrderedPair, { message: 'The date range ends before it starts' }),
    ]),
  ),
  fastPaths.DateRange,
)
export type DateRange = z.infer<typeof DateRange>

export const LeafFilter = lazySchema(() =>
  z.union([
    z.tuple([z.enum(leafOperators), z.string(), z.array(z.union([z.string(), z.number().int()])).min(1)]),
    z.tuple([
      z.enum(leafOperators),
      z.string(),
      z.array(z.union([z.string(), z.number().int()])).min(1),
      z.object({ case_sensitive: z.boolean() }).strict(),
    ]),
  ]),
)
export type Filter =
  | z.infer<typeof LeafFilter>
  | ['and' | 'or', Filter[]]
  | ['not', Filter]
  | ['has_done' | 'has_not_done', Filter]

export const Filter: z.ZodType<Filter> = lazySchema(() =>
  z.lazy(() =>
    z.union([
      LeafFilter.refine((leaf) => isFilterDimension(leaf[1]), {
        error: (issue) => `Invalid filter dimension ${JSON.stringify((issue.input as unknown[])[1])}`,
      }),
      z.tuple([z.enum(['and', 'or']), z.array(Filter).min(1)]),
      z.tuple([z.literal('not'), Filter]),
      z.tuple([z.enum(['has_done', 'has_not_done']), Filter]),
    ]),
  ),
) as z.ZodType<Filter>

export const Metric = lazySchema(() => z.enum(metrics))
/**
 * The fields of a v2 query (§4.1) as the builders write them: the type every caller passes around. Not the
 * validator: the server's rules are (query-rules), this only describes the shape.
 */
export const V2QueryFields = lazySchema(() =>
  z
    .object({
      site_id: z.string(),
      metrics: z.array(Metric),
      date_range: DateRange,
      dimensions: z.array(z.string()).optional(),
      filters: z.array(Filter).optional(),
      order_by: z.array(z.tuple([z.string(), z.enum(['asc', 'desc'])])).optional(),
      include: z
        .object({ imports: z.boolean(), time_labels: z.boolean(), total_rows: z.boolean() })
        .partial()
        .optional(),
      pagination: z.object({ limit: z.number().int(), offset: z.number().int() }).partial().optional(),
    })
    .strict(),
)
export type V2Query = z.infer<typeof V2QueryFields>

/**
 * A v2 query at an edge (the contract, the CLI's --file): any JSON object passes here. What makes it valid
 * is the server's rules (query-rules), which the core runs before a request and the builders run on what
 * they build, so a bad query fails with the server's own words (QUERY_INVALID), not a schema library's.
 */
export const V2Query: z.ZodType<V2Query> = lazySchema(() =>
  z.custom<V2Query>(isJsonObject, {
    error: 'A v2 query is a JSON object: {"site_id": …, "metrics": […], "date_range": …}',
  }),
)

/** A revenue metric value (§4.3); every other metric is a number or null. */
const Revenue = lazySchema(() =>
  z.object({ value: z.number(), currency: z.string(), short: z.string(), long: z.string() }),
)
export const MetricValue = lazySchema(() => z.union([z.number(), z.null(), Revenue]))
export const V2Row = lazySchema(() =>
  z.object({
    metrics: z.array(MetricValue),
    dimensions: z.array(z.union([z.string(), z.number()])),
  }),
)
export type V2Row = z.infer<typeof V2Row>

/**
 * One metric's entry in `meta.metric_warnings` (§4.7): revenue metrics and scroll_depth carry `warning`,
 * time_on_page's legacy note carries `message` (the server's QueryResult words it so).
 */
export const MetricWarning = lazySchema(() =>
  z.object({ code: z.string(), warning: z.string().optional(), message: z.string().optional() }).loose(),
)
/**
 * `meta` (§4.6, §4.7), keys only when they apply: `imports_*` when `include.imports` was asked
 * (`imports_skip_reason`: no_imported_data, out_of_range, unsupported_interval, unsupported_query — newer
 * servers may add reasons; only the last two come with `imports_warning`), `time_labels` and `total_rows`
 * when asked. total_rows is counted on the rows returned: a page past the last row says 0 (see totalRowsOf).
 */
export const V2Meta = lazySchema(() =>
  z
    .object({
      imports_included: z.boolean().optional(),
      imports_skip_reason: z.string().optional(),
      imports_warning: z.string().optional(),
      metric_warnings: z.record(z.string(), MetricWarning).optional(),
      time_labels: z.array(z.string()).optional(),
      total_rows: z.number().int().nonnegative().optional(),
    })
    .loose(),
)
export type V2Meta = z.infer<typeof V2Meta>

/**
 * The query as the server ran it (§4.7): `time` resolved to its interval, order_by complete, event:hostname
 * filters extended to the visit level, date_range as datetimes with the site's offset, only the include keys
 * that are true. Optional beyond site_id, so that forks and older servers that echo less still parse.
 */
export const V2QueryEcho = lazySchema(() =>
  z
    .object({
      site_id: z.string(),
      metrics: z.array(z.string()).optional(),
      date_range: z.tuple([z.string(), z.string()]).optional(),
      filters: z.array(z.unknown()).optional(),
      dimensions: z.array(z.string()).optional(),
      order_by: z.array(z.tuple([z.string(), z.string()])).optional(),
      include: z.record(z.string(), z.unknown()).optional(),
      pagination: z.object({ limit: z.number(), offset: z.number() }).loose().optional(),
    })
    .loose(),
)
export type V2QueryEcho = z.infer<typeof V2QueryEcho>

export const V2Response = withFastPath(
  lazySchema(() => z.object({ results: z.array(V2Row), meta: V2Meta, query: V2QueryEcho })),
  fastPaths.V2Response,
)
export type V2Response = z.infer<typeof V2Response>
