// The server's QueryOptimizer steps that change what a query asks and what its response echoes
// (plausible/analytics lib/plausible/stats/query_optimizer.ex): `time` resolved to an interval, the
// default order_by, `time` in order_by resolved, and event:hostname filters extended to the visit level.
import type { FilterNode } from './filters'
import { autoInterval } from './time-buckets'
import type { ValidQuery } from './validate'
import { isTimeDimension } from '../../shared/plausible/vocabulary'

/** `@dimensions_hostname_map`: breakdowns whose rows would otherwise show other hostnames' visits. */
const visitHostnameDimension: Readonly<Record<string, string>> = {
  'visit:source': 'visit:entry_page_hostname',
  'visit:entry_page': 'visit:entry_page_hostname',
  'visit:utm_medium': 'visit:entry_page_hostname',
  'visit:utm_source': 'visit:entry_page_hostname',
  'visit:utm_campaign': 'visit:entry_page_hostname',
  'visit:utm_content': 'visit:entry_page_hostname',
  'visit:utm_term': 'visit:entry_page_hostname',
  'visit:referrer': 'visit:entry_page_hostname',
  'visit:exit_page': 'visit:exit_page_hostname',
}

const isHostnameFilter = (filter: unknown): filter is unknown[] =>
  Array.isArray(filter) && filter[1] === 'event:hostname'

/**
 * `extend_hostname_filters_to_visit`: every top-level event:hostname filter is repeated on the entry (or
 * exit) page hostname for each dimension in the map, after the query's own filters. event:hostname may only
 * stand at the top level, so top-level filters are all there is to look at.
 */
function extendHostnameFilters(
  query: ValidQuery,
  dimensions: readonly string[],
): Pick<ValidQuery, 'filters' | 'rawFilters'> {
  const rawHostname = query.rawFilters.filter(isHostnameFilter)
  const parsedHostname = query.filters.filter(
    (node): node is Extract<FilterNode, { kind: 'leaf' }> =>
      node.kind === 'leaf' && node.dimension === 'event:hostname',
  )
  if (rawHostname.length === 0) return { filters: query.filters, rawFilters: query.rawFilters }
  const targets = dimensions.flatMap((dimension) => visitHostnameDimension[dimension] ?? [])
  return {
    rawFilters: [
      ...query.rawFilters,
      ...targets.flatMap((target) => rawHostname.map(([operator, , ...rest]) => [operator, target, ...rest])),
    ],
    filters: [
      ...query.filters,
      ...targets.flatMap((target) => parsedHostname.map((node) => ({ ...node, dimension: target }))),
    ],
  }
}

/** The query as the server runs and echoes it (the optimizer's pipeline, in its order). */
export function optimizeQuery(query: ValidQuery): ValidQuery {
  // resolve_time_dimension (autoInterval holds the rule).
  const resolved = `time:${autoInterval(query.range)}`
  const dimensions = query.dimensions.map((dimension) => (dimension === 'time' ? resolved : dimension))
  const timeDimension = dimensions.find(isTimeDimension)
  // The validator fills in the default order (add_missing_order_by) with the dimension as asked;
  // update_time_in_order_by then names the resolved one, wherever `time` stands.
  const orderBy = query.orderBy.map(([field, direction]): [string, 'asc' | 'desc'] => [
    field === 'time' && timeDimension ? timeDimension : field,
    direction,
  ])
  return { ...query, dimensions, orderBy, ...extendHostnameFilters(query, dimensions) }
}
