// The dashboard's filters (is / is not / contains / does not contain, several values each; "has not done"
// for goals) and what they become in a v2 query (§4.5): one leaf per filter, all ANDed at the top level.
import { contains, containsNot, hasNotDone, is, isNot } from '../plausible/builders'
import type { Filter } from '../plausible/query'
import type { FilterDimension as V2FilterDimension } from '../plausible/vocabulary'

export const filterOperators = ['is', 'is_not', 'contains', 'contains_not', 'has_not_done'] as const
export type FilterOperator = (typeof filterOperators)[number]

export const operatorLabels: Record<FilterOperator, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  contains_not: 'does not contain',
  has_not_done: 'has not done',
}

export interface DashboardFilter {
  dimension: string
  operator: FilterOperator
  values: string[]
  /** How a value reads where it differs from what is sent (a country code's name). */
  labels?: Record<string, string>
}

export interface FilterChoice {
  dimension: string
  label: string
  /** Operators the server accepts for it (goals: is/contains only; country codes: is/is not). */
  operators: readonly FilterOperator[]
  hint?: string
}

const all = filterOperators
/** What the filter menu offers; custom properties are added as `event:props:<name>`. */
export const filterDimensions: readonly FilterChoice[] = [
  { dimension: 'event:page', label: 'Page', operators: all },
  { dimension: 'visit:entry_page', label: 'Entry page', operators: all },
  { dimension: 'visit:exit_page', label: 'Exit page', operators: all },
  { dimension: 'event:hostname', label: 'Hostname', operators: all },
  { dimension: 'visit:source', label: 'Source', operators: all },
  { dimension: 'visit:channel', label: 'Channel', operators: all },
  { dimension: 'visit:referrer', label: 'Referrer', operators: all },
  { dimension: 'visit:utm_medium', label: 'UTM medium', operators: all },
  { dimension: 'visit:utm_source', label: 'UTM source', operators: all },
  { dimension: 'visit:utm_campaign', label: 'UTM campaign', operators: all },
  { dimension: 'visit:utm_content', label: 'UTM content', operators: all },
  { dimension: 'visit:utm_term', label: 'UTM term', operators: all },
  {
    dimension: 'visit:country',
    label: 'Country',
    operators: ['is', 'is_not'],
    hint: 'Two-letter codes: DE, US…',
  },
  // Picked by name from the server's suggestions; sent as the ISO 3166-2 code / GeoName id it filters by.
  { dimension: 'visit:region', label: 'Region', operators: ['is', 'is_not'], hint: 'Type a name, pick it' },
  { dimension: 'visit:city', label: 'City', operators: ['is', 'is_not'], hint: 'Type a name, pick it' },
  { dimension: 'visit:screen', label: 'Screen size', operators: all },
  { dimension: 'visit:browser', label: 'Browser', operators: all },
  { dimension: 'visit:browser_version', label: 'Browser version', operators: all },
  { dimension: 'visit:os', label: 'Operating system', operators: all },
  { dimension: 'visit:os_version', label: 'OS version', operators: all },
  // "has not done" is the behavioural ["has_not_done", ["is", "event:goal", …]]: visits without that goal.
  { dimension: 'event:goal', label: 'Goal', operators: ['is', 'has_not_done', 'contains'] },
  { dimension: 'segment', label: 'Segment', operators: ['is'], hint: 'Saved segments, by name' },
]

export function dimensionLabel(dimension: string): string {
  if (dimension.startsWith('event:props:')) return `Property ${dimension.slice('event:props:'.length)}`
  return filterDimensions.find((entry) => entry.dimension === dimension)?.label ?? dimension
}

export function operatorsFor(dimension: string): readonly FilterOperator[] {
  return filterDimensions.find((entry) => entry.dimension === dimension)?.operators ?? all
}

const leafBuilders = { is, is_not: isNot, contains, contains_not: containsNot } as const

/** One leaf per filter; city ids and segment ids go as integers (§4.5 accepts them for those). */
export function toV2Filters(filters: readonly DashboardFilter[]): Filter[] {
  return filters.map((filter) => {
    const numeric = filter.dimension === 'visit:city' || filter.dimension === 'segment'
    const clauses = filter.values.map((value) => (numeric && /^\d+$/.test(value) ? Number(value) : value))
    const dimension = filter.dimension as V2FilterDimension
    // Behavioural filters hold event dimensions only (§4.5); the menu offers this one for goals.
    if (filter.operator === 'has_not_done') return hasNotDone(is(dimension, clauses))
    return leafBuilders[filter.operator](dimension, clauses)
  })
}

/** "Country is Germany or France"; "Has not done goal Signup or Purchase". */
export function describeFilter(filter: DashboardFilter): string {
  const values = filter.values.map((value) => filter.labels?.[value] ?? value).join(' or ')
  if (filter.operator === 'has_not_done')
    return `Has not done ${dimensionLabel(filter.dimension).toLowerCase()} ${values}`
  return `${dimensionLabel(filter.dimension)} ${operatorLabels[filter.operator]} ${values}`
}

/**
 * A clicked row: `dimension is value`, replacing whatever filtered that dimension before (Plausible's
 * click-to-filter). Drill-downs (a browser's versions) keep the parent filter.
 */
export function filterByRow(
  filters: readonly DashboardFilter[],
  dimension: string,
  value: string,
  label?: string,
): DashboardFilter[] {
  const next: DashboardFilter = { dimension, operator: 'is', values: [value] }
  if (label !== undefined && label !== value) next.labels = { [value]: label }
  return [...filters.filter((filter) => filter.dimension !== dimension), next]
}

/** Adds a filter from the editor; one on the same dimension and operator is replaced. */
export function addFilter(filters: readonly DashboardFilter[], filter: DashboardFilter): DashboardFilter[] {
  const values = [...new Set(filter.values.map((value) => value.trim()).filter((value) => value !== ''))]
  if (values.length === 0) return [...filters]
  const kept = filters.filter((f) => !(f.dimension === filter.dimension && f.operator === filter.operator))
  return [...kept, { ...filter, values }]
}

/** The pill's editor saved: that filter is replaced where it stood (its place in the row kept). */
export function replaceFilter(
  filters: readonly DashboardFilter[],
  index: number,
  filter: DashboardFilter,
): DashboardFilter[] {
  const values = [...new Set(filter.values.map((value) => value.trim()).filter((value) => value !== ''))]
  if (index < 0 || index >= filters.length) return addFilter(filters, filter)
  if (values.length === 0) return removeFilter(filters, index)
  const next: DashboardFilter = { ...filter, values }
  const labels = pickLabels(filter.labels, values)
  if (labels) next.labels = labels
  else delete next.labels
  return filters.map((current, i) => (i === index ? next : current))
}

/** Labels of the values kept, none when no value has one. */
function pickLabels(
  labels: Record<string, string> | undefined,
  values: readonly string[],
): Record<string, string> | undefined {
  if (!labels) return undefined
  const kept = Object.fromEntries(values.filter((v) => labels[v] !== undefined).map((v) => [v, labels[v]!]))
  return Object.keys(kept).length > 0 ? kept : undefined
}

export function removeFilter(filters: readonly DashboardFilter[], index: number): DashboardFilter[] {
  return filters.filter((_, i) => i !== index)
}

/** The one value of an `is` filter on `dimension`, if there is exactly one (drill-down panels use it). */
export function singleIsValue(filters: readonly DashboardFilter[], dimension: string): string | undefined {
  const filter = filters.find((f) => f.dimension === dimension && f.operator === 'is')
  return filter && filter.values.length === 1 ? filter.values[0] : undefined
}

/**
 * A goal the visits must have completed (is / contains): the top stats and panels switch to conversions.
 * "Has not done" keeps the ordinary metrics, as visits without the goal convert by definition to nothing.
 */
export const hasGoalFilter = (filters: readonly DashboardFilter[]): boolean =>
  filters.some((filter) => filter.dimension === 'event:goal' && filter.operator !== 'has_not_done')

function isFilter(value: unknown): value is DashboardFilter {
  if (typeof value !== 'object' || value === null) return false
  const f = value as Record<string, unknown>
  return (
    typeof f.dimension === 'string' &&
    (filterOperators as readonly unknown[]).includes(f.operator) &&
    Array.isArray(f.values) &&
    f.values.length > 0 &&
    f.values.every((v) => typeof v === 'string') &&
    (f.labels === undefined || (typeof f.labels === 'object' && f.labels !== null))
  )
}

/** For the address bar and the per-site memory; anything malformed reads as no filters. */
export function serializeFilters(filters: readonly DashboardFilter[]): string | undefined {
  return filters.length === 0 ? undefined : JSON.stringify(filters)
}

export function parseFilters(text: string | null | undefined): DashboardFilter[] {
  if (!text) return []
  try {
    const parsed: unknown = JSON.parse(text)
    return Array.isArray(parsed) ? parsed.filter(isFilter) : []
  } catch {
    return []
  }
}
