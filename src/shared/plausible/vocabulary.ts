// The public Stats API v2 vocabulary (plausible-api.md §4.3–§4.5), shared by the client, the sandbox and the UI.

export const metrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
  'percentage',
  'conversion_rate',
  'group_conversion_rate',
  'scroll_depth',
  'time_on_page',
  'total_revenue',
  'average_revenue',
] as const
export type Metric = (typeof metrics)[number]

export const eventDimensions = ['event:goal', 'event:page', 'event:hostname', 'event:name'] as const

export const visitDimensions = [
  'visit:source',
  'visit:channel',
  'visit:referrer',
  'visit:utm_medium',
  'visit:utm_source',
  'visit:utm_campaign',
  'visit:utm_content',
  'visit:utm_term',
  'visit:screen',
  'visit:device',
  'visit:browser',
  'visit:browser_version',
  'visit:os',
  'visit:os_version',
  'visit:country',
  'visit:region',
  'visit:city',
  'visit:country_name',
  'visit:region_name',
  'visit:city_name',
  'visit:entry_page',
  'visit:exit_page',
  'visit:entry_page_hostname',
  'visit:exit_page_hostname',
] as const

export const timeDimensions = ['time', 'time:hour', 'time:day', 'time:week', 'time:month'] as const
export type TimeDimension = (typeof timeDimensions)[number]

export type EventDimension = (typeof eventDimensions)[number] | `event:props:${string}`
export type VisitDimension = (typeof visitDimensions)[number]
/** Every public v2 dimension (§4.4), custom props included. */
export type Dimension = EventDimension | VisitDimension | TimeDimension
/** Dimensions a filter may name: all but the time ones, plus `segment` (§4.5). */
export type FilterDimension = EventDimension | VisitDimension | 'segment'

/** Metrics whose value is a count: an empty time bucket means zero of them (§4.8, §5 zero fill). */
export const countMetrics = ['visitors', 'visits', 'pageviews', 'events'] as const

/** Metrics the legacy v1 API knows (§5); the rest need v2. */
export const v1Metrics = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
  'conversion_rate',
  'time_on_page',
] as const
export type V1Metric = (typeof v1Metrics)[number]

export function isV1Metric(value: string): value is V1Metric {
  return (v1Metrics as readonly string[]).includes(value)
}

const knownDimensions = new Set<string>([...eventDimensions, ...visitDimensions, ...timeDimensions])

/** True for every dimension the public v2 API accepts, custom props (`event:props:<name>`) included. */
export function isDimension(value: string): boolean {
  return knownDimensions.has(value) || /^event:props:.+$/.test(value)
}

/** Dimensions that may appear in filters: every dimension except the time ones (§4.4). */
export function isFilterDimension(value: string): boolean {
  return (isDimension(value) && !value.startsWith('time')) || value === 'segment'
}

export function isTimeDimension(value: string): value is TimeDimension {
  return (timeDimensions as readonly string[]).includes(value)
}

export const leafOperators = ['is', 'is_not', 'contains', 'contains_not', 'matches', 'matches_not'] as const
export type LeafOperator = (typeof leafOperators)[number]

/** Metrics that exist only per session (§4.3): they cannot be mixed with most event dimensions. */
export const sessionMetrics = ['bounce_rate', 'views_per_visit', 'visit_duration'] as const

/** The event dimensions a session metric may be grouped by (§4.3): event:hostname only beside event:page. */
export const sessionMetricEventDimensions = ['event:page', 'event:hostname'] as const

/** Metrics that need an `event:goal` filter or dimension (§4.3). */
export const goalMetrics = ['conversion_rate', 'group_conversion_rate'] as const

/** Metrics that need an `event:page` filter or dimension (§4.3). */
export const pageMetrics = ['scroll_depth', 'time_on_page'] as const

/** Metrics that take no dimensions and no `event:page` filter (§4.3). */
export const ungroupedMetrics = ['views_per_visit'] as const

/** Metrics meant for grouped rows: each row's share of the total (§4.3). */
export const groupedMetrics = ['percentage'] as const

/** Revenue metrics: plausible.io and Enterprise servers only, with revenue goals (§4.3). */
export const revenueMetrics = ['total_revenue', 'average_revenue'] as const

/** `Nd` (1..5000), `Nmo` (1..100) and the named shortcuts of §4.2. */
export function isDateRangeShortcut(value: string): boolean {
  if (value === 'day' || value === '24h' || value === 'month' || value === 'year' || value === 'all')
    return true
  const days = /^(\d+)d$/.exec(value)
  if (days) return Number(days[1]) >= 1 && Number(days[1]) <= 5000
  const months = /^(\d+)mo$/.exec(value)
  if (months) return Number(months[1]) >= 1 && Number(months[1]) <= 100
  return false
}
