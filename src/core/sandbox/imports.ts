// Whether a site's imported (GA/CSV) stats can join a query, and why not: a port of the server's
// Query.get_skip_imported_reason (lib/plausible/stats/query.ex), Imported.Base.decide_tables
// (lib/plausible/stats/imported/base.ex) and the goals that carry imported url/path properties
// (lib/plausible/goals/system_goals.ex). The sandbox imports no rows: a site import is a date range.
import type { Goal } from './goals'

/** A completed import: the local days it covers, inclusive. */
export interface SiteImport {
  startDay: number
  endDay: number
}

export type SkipImportedReason =
  'no_imported_data' | 'out_of_range' | 'unsupported_interval' | 'unsupported_query'

/** QueryResult's `@imports_warnings`: only these two reasons come with a warning. */
export const importsWarnings: Readonly<Partial<Record<SkipImportedReason, string>>> = {
  unsupported_query:
    'Imported stats are not included in the results because query parameters are not supported. ' +
    'For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats',
  unsupported_interval:
    'Imported stats are not included because the time dimension (i.e. the interval) is too short.',
}

/** What the decision reads: the optimized query (time resolved, hostname filters extended), filters as JSON. */
export interface ImportsQuery {
  dimensions: readonly string[]
  rawFilters: readonly unknown[]
  range: { firstDay: number; lastDay: number }
}

const propertyTables: Readonly<Record<string, string>> = {
  'visit:source': 'imported_sources',
  'visit:channel': 'imported_sources',
  'visit:referrer': 'imported_sources',
  'visit:utm_source': 'imported_sources',
  'visit:utm_medium': 'imported_sources',
  'visit:utm_campaign': 'imported_sources',
  'visit:utm_term': 'imported_sources',
  'visit:utm_content': 'imported_sources',
  'visit:entry_page': 'imported_entry_pages',
  'visit:exit_page': 'imported_exit_pages',
  'visit:country': 'imported_locations',
  'visit:region': 'imported_locations',
  'visit:city': 'imported_locations',
  'visit:country_name': 'imported_locations',
  'visit:region_name': 'imported_locations',
  'visit:city_name': 'imported_locations',
  'visit:device': 'imported_devices',
  'visit:browser': 'imported_browsers',
  'visit:browser_version': 'imported_browsers',
  'visit:os': 'imported_operating_systems',
  'visit:os_version': 'imported_operating_systems',
  'event:page': 'imported_pages',
  'event:name': 'imported_custom_events',
  // Filter-only: screen is read from the devices table, hostname from the pages table.
  'visit:screen': 'imported_devices',
  'event:hostname': 'imported_pages',
}
const queriableTimeDimensions = ['time:month', 'time:week', 'time:day', 'time:hour']
const importedCustomProps = ['event:props:url', 'event:props:path']
const queriableCustomPropDimensions = ['event:goal', 'event:name', ...queriableTimeDimensions]
/** SystemGoals: the only events whose url / path property was imported. */
const specialGoals: Readonly<Record<string, readonly string[]>> = {
  'event:props:url': ['Outbound Link: Click', 'Cloaked Link: Click', 'File Download'],
  'event:props:path': ['404', 'WP Form Completions', 'Form: Submission'],
}

interface Leaf {
  filter: readonly unknown[]
  dimension: string
  /** Inside has_done / has_not_done. */
  behavioral: boolean
}

/** Filters.traverse: every leaf at any depth, marked when a behavioural filter holds it. */
function leavesOf(filters: readonly unknown[], behavioral = false): Leaf[] {
  return filters.flatMap((filter): Leaf[] => {
    if (!Array.isArray(filter)) return []
    const [operator, second] = filter as [unknown, unknown]
    if (operator === 'and' || operator === 'or')
      return Array.isArray(second) ? leavesOf(second, behavioral) : []
    if (operator === 'not') return leavesOf([second], behavioral)
    if (operator === 'has_done' || operator === 'has_not_done') return leavesOf([second], true)
    return typeof second === 'string' ? [{ filter, dimension: second, behavioral }] : []
  })
}

const goalType = (goal: Goal): 'event' | 'page' => (goal.eventName !== undefined ? 'event' : 'page')

/** Goals.goals_matching_toplevel_filters: each top-level event:goal filter narrows the site's goals. */
function goalsMatchingTopLevelFilters(goals: readonly Goal[], filters: readonly unknown[]): readonly Goal[] {
  return filters.reduce<readonly Goal[]>((matching, filter) => {
    if (!Array.isArray(filter) || filter[1] !== 'event:goal') return matching
    const [operator, , clauses, modifiers] = filter as [string, string, unknown[], unknown]
    const insensitive =
      typeof modifiers === 'object' &&
      modifiers !== null &&
      (modifiers as Record<string, unknown>).case_sensitive === false
    const fold = (text: string): string => (insensitive ? text.toLowerCase() : text)
    return matching.filter((goal) =>
      clauses.some((clause) => {
        const name = fold(goal.displayName)
        const wanted = fold(String(clause))
        return operator === 'contains' ? name.includes(wanted) : name === wanted
      }),
    )
  }, goals)
}

/** Preloaded only when the query groups or filters (anywhere) by goal; otherwise none. */
function matchingGoals(
  query: ImportsQuery,
  leaves: readonly Leaf[],
  goals: readonly Goal[],
): readonly Goal[] {
  const usesGoals =
    query.dimensions.includes('event:goal') || leaves.some((leaf) => leaf.dimension === 'event:goal')
  return usesGoals ? goalsMatchingTopLevelFilters(goals, query.rawFilters) : []
}

function customPropTables(query: ImportsQuery, leaves: readonly Leaf[], property: string): string[] {
  const names = query.rawFilters.flatMap((filter) =>
    Array.isArray(filter) &&
    filter[0] === 'is' &&
    (filter[1] === 'event:name' || filter[1] === 'event:goal') &&
    Array.isArray(filter[2])
      ? (filter[2] as unknown[])
      : [],
  )
  const hasRequiredNameFilter = names.some((name) => specialGoals[property]!.includes(name as string))
  const hasUnsupportedFilters = leaves.some(
    (leaf) => ![property, 'event:name', 'event:goal'].includes(leaf.dimension),
  )
  return hasRequiredNameFilter && !hasUnsupportedFilters ? ['imported_custom_events'] : []
}

function decideCustomPropTables(query: ImportsQuery, leaves: readonly Leaf[]): string[] {
  const { dimensions } = query
  if (dimensions.length === 1 && importedCustomProps.includes(dimensions[0]!))
    return customPropTables(query, leaves, dimensions[0]!)
  if (
    dimensions.length === 0 ||
    (dimensions.length === 1 && queriableCustomPropDimensions.includes(dimensions[0]!))
  ) {
    const propFilters = [
      ...new Set(leaves.map((leaf) => leaf.dimension).filter((d) => importedCustomProps.includes(d))),
    ]
    return propFilters.length === 1 ? customPropTables(query, leaves, propFilters[0]!) : []
  }
  return []
}

function decideOtherTables(query: ImportsQuery, leaves: readonly Leaf[], goals: readonly Goal[]): string[] {
  const { dimensions, rawFilters } = query
  const onlyGoalDimension = dimensions.length === 1 && dimensions[0] === 'event:goal'
  if (rawFilters.length === 0 && dimensions.length === 0) return ['imported_visitors']
  if (rawFilters.length === 0 && onlyGoalDimension) return ['imported_pages', 'imported_custom_events']
  const filterDimensions = leaves.map((leaf) => leaf.dimension)
  const filterGoals = matchingGoals(query, leaves, goals)
  if (onlyGoalDimension) {
    const anyEventNameFilters =
      filterDimensions.includes('event:name') || filterGoals.some((goal) => goalType(goal) === 'event')
    const anyPageFilters =
      filterDimensions.includes('event:page') || filterGoals.some((goal) => goalType(goal) === 'page')
    const anyOtherFilters = filterDimensions.some(
      (dimension) => !['event:page', 'event:name', 'event:goal'].includes(dimension),
    )
    if (anyOtherFilters) return []
    if (anyEventNameFilters && !anyPageFilters) return ['imported_custom_events']
    if (anyPageFilters && !anyEventNameFilters) return ['imported_pages']
    return []
  }
  const candidates = [...filterDimensions, ...dimensions]
    .filter((dimension) => !queriableTimeDimensions.includes(dimension) && dimension !== 'event:goal')
    .map((dimension) => propertyTables[dimension === 'visit:screen' ? 'visit:device' : dimension] ?? null)
  const goalCandidates = filterGoals.map((goal) =>
    goalType(goal) === 'event' ? 'imported_custom_events' : 'imported_pages',
  )
  const tables = [...new Set([...candidates, ...goalCandidates])]
  if (tables.length === 0) return ['imported_visitors']
  return tables.length === 1 && tables[0] !== null ? [tables[0]!] : []
}

/** Imported.schema_supports_query?: some imported table can answer the query. */
export function schemaSupportsQuery(query: ImportsQuery, goals: readonly Goal[]): boolean {
  const leaves = leavesOf(query.rawFilters)
  // Behavioural filters cannot be emulated over aggregated imported stats.
  if (leaves.some((leaf) => leaf.behavioral)) return false
  const customPropQuery = [...leaves.map((leaf) => leaf.dimension), ...query.dimensions].some((dimension) =>
    importedCustomProps.includes(dimension),
  )
  const tables = customPropQuery
    ? decideCustomPropTables(query, leaves)
    : decideOtherTables(query, leaves, goals)
  return tables.length > 0
}

/** Query.get_skip_imported_reason, in its order; null when imported stats can be included. */
export function skipImportedReason(
  query: ImportsQuery,
  imports: readonly SiteImport[],
  goals: readonly Goal[],
): SkipImportedReason | null {
  if (imports.length === 0) return 'no_imported_data'
  const inRange = imports.filter(
    (site) => !(site.startDay > query.range.lastDay || site.endDay < query.range.firstDay),
  )
  if (inRange.length === 0) return 'out_of_range'
  if (query.dimensions.includes('time:minute') || query.dimensions.includes('time:hour'))
    return 'unsupported_interval'
  if (!schemaSupportsQuery(query, goals)) return 'unsupported_query'
  return null
}
