// What the filter editor suggests as the user types: the values of one dimension that contain the typed
// text (any case), asked of the server as a small v2 breakdown, as Plausible's dashboard asks its
// suggestions endpoint. Places are found by name but filtered by what the server filters them by: a
// region by its ISO 3166-2 code, a city by its GeoName id (§4.4, §4.5).
import type { DateRange, Filter, V2Query } from '../plausible/query'
import { toV2Filters, type DashboardFilter, type FilterOperator } from './filters'

/** Enough to pick from without scrolling; the same as Plausible's suggestion lists. */
export const suggestionLimit = 10

export interface Suggestion {
  /** What the filter sends (a code, an id, a name). */
  value: string
  /** What the user reads and picks (a place's name; the value itself elsewhere). */
  label: string
}

interface SuggestionSource {
  /** Broken down by: the value first, then its name where it has one. */
  dimensions: string[]
  /** Where the typed text is looked for. */
  searchOn: string
}

/** Dimensions whose values are codes the user does not type: they are found by the name beside them. */
const byName: Record<string, string> = {
  'visit:country': 'visit:country_name',
  'visit:region': 'visit:region_name',
  'visit:city': 'visit:city_name',
}

/** How a dimension's suggestions are asked; null for those the server cannot list (saved segments). */
export function suggestionSource(dimension: string): SuggestionSource | null {
  if (dimension === 'segment' || dimension === 'custom-prop' || dimension === 'event:props:') return null
  const name = byName[dimension]
  return name
    ? { dimensions: [dimension, name], searchOn: name }
    : { dimensions: [dimension], searchOn: dimension }
}

/**
 * Whether a value has to be picked from the suggestions rather than sent as typed: a region's or a city's
 * name is not what the server filters by, a saved segment is picked by the name given to it, and a goal
 * under is / has not done must be one the site has (the server refuses an unknown goal, §4.5). `contains`
 * takes any text, and so does every other dimension.
 */
export function mustPickValue(dimension: string, operator: FilterOperator): boolean {
  if (dimension === 'visit:region' || dimension === 'visit:city' || dimension === 'segment') return true
  return dimension === 'event:goal' && operator !== 'contains'
}

/**
 * What Enter adds for the typed text, as a combobox takes it: the text itself where the server filters by
 * text; the first suggestion where a value must be picked (a name that matches nothing adds nothing); for
 * countries a two-letter code as typed (the server filters countries by code, §4.5), else the first
 * country whose name matches.
 */
export function valueForTyped(
  dimension: string,
  operator: FilterOperator,
  typed: string,
  suggestions: readonly Suggestion[],
): Suggestion | null {
  const text = typed.trim()
  if (text === '') return null
  if (dimension === 'visit:country') {
    if (!/^[A-Za-z]{2}$/.test(text)) return suggestions[0] ?? null
    const code = text.toUpperCase()
    return suggestions.find((suggestion) => suggestion.value === code) ?? { value: code, label: code }
  }
  if (mustPickValue(dimension, operator)) return suggestions[0] ?? null
  return { value: text, label: text }
}

/**
 * The breakdown behind the suggestions: visitors by the dimension over the dashboard's range and its other
 * filters (one on this same dimension would hide the alternatives), the most visited first, narrowed to
 * values containing `search` in any case. One request; an empty search asks for the top values.
 */
export function suggestionQuery(
  domain: string,
  dateRange: DateRange,
  dimension: string,
  search: string,
  filters: readonly DashboardFilter[],
): V2Query | null {
  const source = suggestionSource(dimension)
  if (!source) return null
  const text = search.trim()
  const others = toV2Filters(filters.filter((filter) => filter.dimension !== dimension))
  const searched: Filter[] =
    text === '' ? [] : [['contains', source.searchOn, [text], { case_sensitive: false }]]
  const all = [...others, ...searched]
  return {
    site_id: domain,
    metrics: ['visitors'],
    date_range: dateRange,
    dimensions: source.dimensions,
    ...(all.length > 0 ? { filters: all } : {}),
    pagination: { limit: suggestionLimit, offset: 0 },
  }
}

/** The answer's rows as suggestions, in the server's order; values already chosen are left out. */
export function toSuggestions(
  response: { results: ReadonlyArray<{ dimensions: ReadonlyArray<unknown> }> } | undefined,
  chosen: readonly string[] = [],
): Suggestion[] {
  if (!response) return []
  const seen = new Set(chosen)
  const suggestions: Suggestion[] = []
  for (const row of response.results) {
    const value = String(row.dimensions[0])
    if (seen.has(value)) continue
    seen.add(value)
    const name = row.dimensions[1]
    suggestions.push({ value, label: name === undefined || name === null ? value : String(name) })
  }
  return suggestions
}

/**
 * Goal suggestions as Plausible lists them, every goal the site has: those converting in the range first,
 * as the breakdown ordered them, then the site's other goals whose name holds the typed text (any case),
 * which the breakdown cannot list because nobody reached them.
 */
export function withConfiguredGoals(
  suggestions: readonly Suggestion[],
  goalNames: readonly string[],
  typed: string,
  chosen: readonly string[] = [],
): Suggestion[] {
  const text = typed.trim().toLowerCase()
  const listed = new Set([...chosen, ...suggestions.map((suggestion) => suggestion.value)])
  const more = goalNames
    .filter((name) => !listed.has(name) && name.toLowerCase().includes(text))
    .map((name) => ({ value: name, label: name }))
  return [...suggestions, ...more].slice(0, suggestionLimit)
}
