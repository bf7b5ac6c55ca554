// Which table a metric or dimension lives in, and the refusal when a query mixes them in a way the
// server cannot join (TableDecider.validate_no_metrics_dimensions_conflict).
import { refusal, type QueryRefusal } from './refusal'

type Table = 'event' | 'session' | 'either'

/** metric_partitioner for public v2 queries (no time:minute, so visitors and visits are either). */
function metricTable(metric: string): Table {
  switch (metric) {
    case 'pageviews':
    case 'events':
    case 'scroll_depth':
    case 'time_on_page':
    case 'total_revenue':
    case 'average_revenue':
      return 'event'
    case 'bounce_rate':
    case 'visit_duration':
    case 'views_per_visit':
      return 'session'
    default:
      return 'either'
  }
}

const sessionOnlyDimensions = new Set([
  'visit:entry_page',
  'visit:entry_page_hostname',
  'visit:exit_page',
  'visit:exit_page_hostname',
])

/** dimension_partitioner: event:* in the events table, entry/exit pages only in sessions. */
export function dimensionTable(dimension: string): Table {
  if (dimension.startsWith('event:')) return 'event'
  return sessionOnlyDimensions.has(dimension) ? 'session' : 'either'
}

/** The server lists each name in backticks, joined with ", ". */
const names = (list: readonly string[]): string => list.map((item) => `\`${item}\``).join(', ')

export function metricsDimensionsConflict(
  metrics: readonly string[],
  dimensions: readonly string[],
): QueryRefusal | null {
  const eventMetrics = metrics.filter((metric) => metricTable(metric) === 'event')
  const sessionMetrics = metrics.filter((metric) => metricTable(metric) === 'session')
  const eventDimensions = dimensions.filter((dimension) => dimensionTable(dimension) === 'event')
  const sessionDimensions = dimensions.filter((dimension) => dimensionTable(dimension) === 'session')
  // event:page alone is joined specially (QueryOptimizer.split_sessions_query), whatever else is asked.
  if (eventDimensions.length === 1 && eventDimensions[0] === 'event:page') return null
  if (sessionMetrics.length > 0 && eventDimensions.length > 0)
    return refusal(
      'metric.session_with_event_dimension',
      `Session metric(s) ${names(sessionMetrics)} cannot be queried along with event dimension(s) ${names(eventDimensions)}`,
      '#/dimensions',
    )
  if (eventMetrics.length > 0 && sessionDimensions.length > 0)
    return refusal(
      'metric.event_with_session_dimension',
      `Event metric(s) ${names(eventMetrics)} cannot be queried along with session dimension(s) ${names(sessionDimensions)}`,
      '#/dimensions',
    )
  return null
}
