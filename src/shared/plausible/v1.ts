// The legacy Stats API v1 (plausible-api.md §5) as data: parameters, the `filters` string syntax with its
// escaping, and zod schemas for the answers. Pure, so the CLI can show the exact request it would send.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import { PlausibleError } from '../errors'
import type { Filter } from './query'
import { isV1Metric, type V1Metric } from './vocabulary'

export const v1Periods = ['day', '7d', '30d', 'month', '6mo', '12mo', 'custom'] as const
export type V1Period = (typeof v1Periods)[number]

export interface V1Common {
  siteId: string
  /** Default `30d` on the server; `custom` needs `date` = `YYYY-MM-DD,YYYY-MM-DD`. */
  period?: V1Period
  /** ISO date; the reference day of the period (`7d` ends the day before it). */
  date?: string
  metrics?: readonly V1Metric[]
  /** Already in v1 syntax: build it with `v1Filters`. */
  filters?: string
  withImported?: boolean
}

export interface V1AggregateParams extends V1Common {
  compare?: 'previous_period'
}
export interface V1TimeseriesParams extends V1Common {
  interval?: 'day' | 'month'
}
export interface V1BreakdownParams extends V1Common {
  /** A v1 property: `event:page`, `visit:source`, `event:props:author`… */
  property: string
  /** 1..1000, default 100. */
  limit?: number
  /** ≥1, default 1. */
  page?: number
}

/** The query-string parameters of a v1 request, in the server's names. */
export function v1SearchParams(
  params: V1Common & {
    compare?: string
    interval?: string
    property?: string
    limit?: number
    page?: number
  },
): Record<string, string | undefined> {
  return {
    site_id: params.siteId,
    period: params.period,
    date: params.date,
    metrics: params.metrics && params.metrics.length > 0 ? params.metrics.join(',') : undefined,
    filters: params.filters,
    with_imported: params.withImported ? 'true' : undefined,
    compare: params.compare,
    interval: params.interval,
    property: params.property,
    limit: params.limit === undefined ? undefined : String(params.limit),
    page: params.page === undefined ? undefined : String(params.page),
  }
}

// ── The filter syntax ─────────────────────────────────────────────────────────────────────────────

/** One v1 filter: `dimension==a|b`, `dimension!=a`, with `*` wildcards when `isWildcard`. */
export interface V1Filter {
  dimension: string
  operator: '==' | '!='
  values: readonly string[]
  /** Values are patterns where `*` matches any run of characters (§5); otherwise `*` is refused. */
  isWildcard?: boolean
}

function notExpressible(reason: string): PlausibleError {
  return new PlausibleError('NOT_SUPPORTED', {
    message: `This filter cannot be sent to Stats API v1: ${reason}.`,
    hint: 'Ask a server with Stats API v2 (Plausible v2.1 or later), or simplify the filter.',
  })
}

/**
 * `;`-joined v1 filter string. The server's parser (stats_api_filter_parser.ex) splits on `;`, `==` and
 * `!=` without any escape, escapes only `\|`, trims values, treats any `*` as a wildcard, keeps one filter
 * per dimension (a map), and ignores `!=` on a list — so those cases are refused here, not silently changed.
 */
export function v1Filters(filters: readonly V1Filter[]): string {
  const seen = new Set<string>()
  return filters
    .map(({ dimension, operator, values, isWildcard }) => {
      if (seen.has(dimension)) throw notExpressible(`v1 keeps only one filter per dimension (${dimension})`)
      seen.add(dimension)
      if (values.length === 0) throw notExpressible(`the ${dimension} filter has no value`)
      if (operator === '!=' && values.length > 1)
        throw notExpressible(`v1 ignores "!=" on a list of values (${dimension})`)
      if (isWildcard && values.length > 1 && dimension !== 'event:goal')
        throw notExpressible(`v1 cannot combine a wildcard with a list (${dimension})`)
      const encoded = values.map((value) => {
        if (value === '' || value.trim() !== value)
          throw notExpressible(`v1 trims values, so ${JSON.stringify(value)} cannot be matched exactly`)
        if (value.includes(';') || value.includes('==') || value.includes('!='))
          throw notExpressible(`${JSON.stringify(value)} contains ";", "==" or "!=", which v1 cannot escape`)
        if (!isWildcard && value.includes('*'))
          throw notExpressible(`${JSON.stringify(value)} contains "*", which v1 reads as a wildcard`)
        return value.replaceAll('|', '\\|')
      })
      return `${dimension}${operator}${encoded.join('|')}`
    })
    .join(';')
}

/**
 * v2 filters (a top-level AND of case-sensitive `is`/`is_not`/`contains`/`contains_not` leaves) in v1
 * syntax; anything else (`or`, `not`, `matches`, `has_done`, case-insensitive) has no v1 form.
 */
export function v1FiltersFromV2(filters: readonly Filter[]): string | undefined {
  if (filters.length === 0) return undefined
  const flat: Filter[] = []
  const flatten = (filter: Filter): void => {
    if (filter[0] === 'and') (filter[1] as Filter[]).forEach(flatten)
    else flat.push(filter)
  }
  filters.forEach(flatten)
  return v1Filters(
    flat.map((filter): V1Filter => {
      const [operator, dimension, clauses, modifier] = filter as [string, unknown, unknown, unknown]
      if (typeof dimension !== 'string' || !Array.isArray(clauses))
        throw notExpressible(`"${operator}" filters exist only in v2`)
      if ((modifier as { case_sensitive?: boolean } | undefined)?.case_sensitive === false)
        throw notExpressible('v1 filters are always case-sensitive')
      const values = clauses.map(String)
      switch (operator) {
        case 'is':
          return { dimension, operator: '==', values }
        case 'is_not':
          return { dimension, operator: '!=', values }
        case 'contains':
        case 'contains_not':
          return {
            dimension,
            operator: operator === 'contains' ? '==' : '!=',
            values: values.map((value) => {
              if (value.includes('*')) throw notExpressible(`${JSON.stringify(value)} contains "*"`)
              return `*${value}*`
            }),
            isWildcard: true,
          }
        default:
          throw notExpressible(`"${operator}" filters exist only in v2`)
      }
    }),
  )
}

// ── Answers ───────────────────────────────────────────────────────────────────────────────────────

const V1Number = lazySchema(() => z.number().nullable())

/** `{"results": {"visitors": {"value": 1}}}`, with `comparison_value`/`change` under compare (§5). */
export const V1AggregateResponse = lazySchema(() =>
  z.object({
    results: z.record(
      z.string(),
      z.object({
        value: V1Number,
        comparison_value: V1Number.optional(),
        change: V1Number.optional(),
      }),
    ),
    warning: z.string().optional(),
  }),
)
export type V1AggregateResponse = z.infer<typeof V1AggregateResponse>

/** Zero-filled buckets `{"date": "...", "<metric>": v}` (§5). */
export const V1TimeseriesResponse = lazySchema(() =>
  z.object({
    results: z.array(z.object({ date: z.string() }).catchall(V1Number)),
    warning: z.string().optional(),
  }),
)
export type V1TimeseriesResponse = z.infer<typeof V1TimeseriesResponse>

/** Rows keyed by the property name without prefix (`source`, `page`, `goal`, `author`) plus metrics (§5). */
export const V1BreakdownResponse = lazySchema(() =>
  z.object({
    results: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    warning: z.string().optional(),
  }),
)
export type V1BreakdownResponse = z.infer<typeof V1BreakdownResponse>

/** The key a v1 breakdown row carries its dimension value under: the property without its prefix. */
export function v1PropertyKey(property: string): string {
  if (property.startsWith('event:props:')) return property.slice('event:props:'.length)
  return property.replace(/^(event|visit):/, '')
}

export function toV1Metrics(metrics: readonly string[]): V1Metric[] {
  return metrics.map((metric) => {
    if (!isV1Metric(metric))
      throw new PlausibleError('NOT_SUPPORTED', {
        message: `The metric ${metric} exists only in Stats API v2.`,
        hint: 'Ask a server with Stats API v2 (Plausible v2.1 or later), or leave the metric out.',
      })
    return metric
  })
}
