// The builder pass (the server's QueryBuilder.build): rules about how the parts of a valid-looking query
// go together, in the server's order and words. Those that need to know the site (its goals, segments,
// plan) run only when the context says; the client runs the rest before any request.
import { filterLeaves, filtersOnDimension, leavesWhere, type FilterLeaf } from './filter-tree'
import { inspectOrderEntry } from './inspect'
import { refusal, type QueryRefusal } from './refusal'
import { metricsDimensionsConflict } from './table-decider'
import { isTimeDimension, revenueMetrics } from '../vocabulary'

export interface SiteKnowledge {
  /** Display names of the site's goals; unknown → the goal check is left to the server. */
  goals?: readonly string[]
  /** Segment ids this key may use on the site; unknown → left to the server. */
  segments?: readonly number[]
  /** Plan features; an unknown one is left to the server. */
  features?: { customProps?: boolean; revenueGoals?: boolean }
}

export interface BuildInput {
  metrics: readonly string[]
  dimensions: readonly string[]
  filters: readonly unknown[]
  orderBy: ReadonlyArray<readonly [string, string]> | undefined
  include: { time_labels?: boolean }
}

const maxSegmentIds = 10
/** Plausible.Props internal keys: filtered and broken down by without the custom properties feature. */
export const internalPropKeys = ['url', 'path', 'search_query', 'form'] as const
const revenueMetricSet = new Set<string>(revenueMetrics)
const topLevelOnly = new Set(['event:goal', 'event:hostname'])

function segmentsRefusal(leaves: readonly FilterLeaf[], site: SiteKnowledge): QueryRefusal | null {
  const segmentLeaves = leaves.filter((leaf) => leaf.dimension === 'segment')
  const ids = segmentLeaves.flatMap((leaf) => leaf.clauses as number[])
  if (ids.length > maxSegmentIds)
    return refusal(
      'segments.count',
      `Invalid filters. You can only use up to ${maxSegmentIds} segment filters in a query.`,
      segmentLeaves[0]!.pointer,
    )
  if (site.segments === undefined) return null
  const missing = segmentLeaves.find((leaf) =>
    (leaf.clauses as number[]).some((id) => !site.segments!.includes(id)),
  )
  return missing
    ? refusal(
        'segments.access',
        "Invalid filters. Some segments don't exist or aren't accessible.",
        missing.pointer,
      )
    : null
}

function orderByRefusal(input: BuildInput): QueryRefusal | null {
  const index = (input.orderBy ?? []).findIndex(
    ([field]) => !input.metrics.includes(field) && !input.dimensions.includes(field),
  )
  if (index < 0) return null
  const [field, direction] = input.orderBy![index]!
  // The parser keeps metrics as atoms and dimensions (time ones included) as strings.
  const isMetric = !field.includes(':') && field !== 'time'
  return refusal(
    'order_by.not_queried',
    `Invalid order_by entry '${inspectOrderEntry(field, direction, isMetric)}'. Entry is not a queried metric or dimension.`,
    `#/order_by/${index}`,
  )
}

function customPropsRefusal(input: BuildInput, leaves: readonly FilterLeaf[]): QueryRefusal | null {
  const forbidden = (dimension: string): boolean =>
    dimension.startsWith('event:props:') &&
    !(internalPropKeys as readonly string[]).includes(dimension.slice('event:props:'.length))
  const message = 'The owner of this site does not have access to the custom properties feature.'
  const leaf = leaves.find((candidate) => forbidden(candidate.dimension))
  if (leaf) return refusal('feature.custom_props', message, leaf.pointer)
  const index = input.dimensions.findIndex(forbidden)
  return index >= 0 ? refusal('feature.custom_props', message, `#/dimensions/${index}`) : null
}

function topLevelRefusal(leaves: readonly FilterLeaf[]): QueryRefusal | null {
  const leaf = leavesWhere(leaves, { minDepth: 1, behavioral: 'ignore' }).find((candidate) =>
    topLevelOnly.has(candidate.dimension),
  )
  return leaf
    ? refusal(
        'filter.top_level_only',
        `Invalid filters. Dimension \`${leaf.dimension}\` can only be filtered at the top level.`,
        leaf.pointer,
      )
    : null
}

function specialMetricsRefusal(input: BuildInput, leaves: readonly FilterLeaf[]): QueryRefusal | null {
  if (!input.metrics.some((metric) => metric === 'conversion_rate' || metric === 'group_conversion_rate'))
    return null
  const leaf = leavesWhere(leaves, { minDepth: 1 }).find((candidate) =>
    candidate.dimension.startsWith('event:props:'),
  )
  return leaf
    ? refusal(
        'filter.special_metric_props',
        'Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, custom property filters can only be used on top level.',
        leaf.pointer,
      )
    : null
}

function behavioralRefusal(leaves: readonly FilterLeaf[]): QueryRefusal | null {
  for (const leaf of leaves) {
    if (leaf.behavioralDepth === 0) continue
    if (leaf.behavioralDepth > 1)
      return refusal(
        'filter.behavioral_nested',
        'Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.',
        leaf.pointer,
      )
    if (!leaf.dimension.startsWith('event:'))
      return refusal(
        'filter.behavioral_event_only',
        'Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.',
        leaf.pointer,
      )
  }
  return null
}

/** Only `["is", "event:goal", names]` without a modifier is checked: `contains` may match nothing. */
function goalsRefusal(leaves: readonly FilterLeaf[], goals: readonly string[]): QueryRefusal | null {
  for (const leaf of leaves) {
    if (leaf.operator !== 'is' || leaf.dimension !== 'event:goal' || leaf.filter.length !== 3) continue
    const index = leaf.clauses.findIndex((clause) => !goals.includes(clause as string))
    if (index >= 0)
      return refusal(
        'filter.goal_not_configured',
        `Invalid filters. The goal \`${String(leaf.clauses[index])}\` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals`,
        `${leaf.pointer}/2/${index}`,
      )
  }
  return null
}

/** QueryBuilder.validate_metric for one metric; null when this metric may be asked for here. */
export function metricRefusal(
  metric: string,
  index: number,
  dimensions: readonly string[],
  leaves: readonly FilterLeaf[],
): QueryRefusal | null {
  const at = `#/metrics/${index}`
  switch (metric) {
    case 'conversion_rate':
    case 'group_conversion_rate':
      return dimensions.includes('event:goal') || filtersOnDimension(leaves, 'event:goal')
        ? null
        : refusal(
            'metric.goal_required',
            `Metric \`${metric}\` can only be queried with event:goal filters or dimensions.`,
            at,
          )
    case 'scroll_depth': {
      const topLevelPageFilter = leaves.some(
        (leaf) => leaf.depth === 0 && leaf.dimension.startsWith('event:page'),
      )
      return dimensions.includes('event:page') || topLevelPageFilter
        ? null
        : refusal(
            'metric.page_required',
            `Metric \`${metric}\` can only be queried with event:page filters or dimensions.`,
            at,
          )
    }
    case 'views_per_visit':
      if (filtersOnDimension(leaves, 'event:page'))
        return refusal(
          'metric.views_per_visit_page_filter',
          `Metric \`${metric}\` cannot be queried with a filter on \`event:page\`.`,
          at,
        )
      return dimensions.length > 0
        ? refusal(
            'metric.views_per_visit_dimensions',
            `Metric \`${metric}\` cannot be queried with \`dimensions\`.`,
            at,
          )
        : null
    case 'time_on_page':
      return dimensions.includes('event:page') || filtersOnDimension(leaves, 'event:page')
        ? null
        : refusal(
            'metric.page_required',
            `Metric \`${metric}\` can only be queried with event:page filters or dimensions.`,
            at,
          )
    default:
      return null
  }
}

/** validate_metrics: each metric's own rule in order, then the table conflict of them all. */
export function metricsRefusal(
  metrics: readonly string[],
  dimensions: readonly string[],
  leaves: readonly FilterLeaf[],
): QueryRefusal | null {
  for (const [index, metric] of metrics.entries()) {
    const refused = metricRefusal(metric, index, dimensions, leaves)
    if (refused) return refused
  }
  return metricsDimensionsConflict(metrics, dimensions)
}

/** Every builder rule in the server's order; the first refusal, or null. */
export function buildRefusal(input: BuildInput, site: SiteKnowledge): QueryRefusal | null {
  const leaves = filterLeaves(input.filters)
  return (
    segmentsRefusal(leaves, site) ??
    orderByRefusal(input) ??
    (site.features?.customProps === false ? customPropsRefusal(input, leaves) : null) ??
    topLevelRefusal(leaves) ??
    specialMetricsRefusal(input, leaves) ??
    behavioralRefusal(leaves) ??
    (site.goals ? goalsRefusal(leaves, site.goals) : null) ??
    (site.features?.revenueGoals === false && input.metrics.some((metric) => revenueMetricSet.has(metric))
      ? refusal(
          'feature.revenue',
          'The owner of this site does not have access to the revenue metrics feature.',
          `#/metrics/${input.metrics.findIndex((metric) => revenueMetricSet.has(metric))}`,
        )
      : null) ??
    metricsRefusal(input.metrics, input.dimensions, leaves) ??
    (input.include.time_labels && !input.dimensions.some(isTimeDimension)
      ? refusal(
          'include.time_labels',
          'Invalid include.time_labels: requires a time dimension.',
          '#/include/time_labels',
        )
      : null)
  )
}
