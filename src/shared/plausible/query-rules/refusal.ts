// What a refused query carries: the server's text exactly as it would answer {"error": …}, where in the
// query the fault is (a JSON pointer, kept apart: the server only prefixes schema errors with it), and
// which ported rule refused it (docs/api-fidelity.md lists them with their sources).

export type RuleId =
  | 'request.site_id'
  | 'schema'
  | 'date_range.shorthand'
  | 'date_range.pair'
  | 'filter.clauses'
  | 'filter.country'
  | 'segments.count'
  | 'segments.access'
  | 'order_by.not_queried'
  | 'feature.custom_props'
  | 'feature.revenue'
  | 'filter.top_level_only'
  | 'filter.special_metric_props'
  | 'filter.behavioral_nested'
  | 'filter.behavioral_event_only'
  | 'filter.goal_not_configured'
  | 'metric.goal_required'
  | 'metric.page_required'
  | 'metric.views_per_visit_page_filter'
  | 'metric.views_per_visit_dimensions'
  | 'metric.session_with_event_dimension'
  | 'metric.event_with_session_dimension'
  | 'include.time_labels'

export interface QueryRefusal {
  /** The server's error text, word for word. */
  message: string
  /** JSON pointer of the part at fault ('#' for the whole query); schema errors also carry it in `message`. */
  pointer: string
  rule: RuleId
}

export const refusal = (rule: RuleId, message: string, pointer: string): QueryRefusal => ({
  rule,
  message,
  pointer,
})
