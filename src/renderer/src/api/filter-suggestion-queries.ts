// The filter editor's suggestions, asked of the server as the user types. Cost: one request when a
// dimension is chosen (its top values) and one per search that settles (typing paused 300 ms); each answer
// is kept five minutes like every stats answer, so typing back to an earlier text costs nothing. Goals
// also list the site's configured goals (goals.list, one Sites API request kept ten minutes; a server
// without the Sites API, such as CE, answers nothing here and the breakdown's goals stay).
import { useQuery } from '@tanstack/react-query'
import type { DateRange } from '../../../shared/plausible/query'
import {
  suggestionQuery,
  toSuggestions,
  withConfiguredGoals,
  type Suggestion,
} from '../../../shared/stats/filter-suggestions'
import type { DashboardFilter } from '../../../shared/stats/filters'
import { useSettled } from '../hooks/use-settled'
import { useApi } from './client'
import { siteListOptions, useStatsQuery, type SiteRef } from './queries'

/** Typing pauses this long before the text is asked about. */
export const suggestionSettleMs = 300

export interface FilterSuggestions {
  suggestions: Suggestion[]
  /** The search the shown list answers ('' for the top values). */
  answered: string | null
  isLoading: boolean
  error: Error | null
}

export function useFilterSuggestions(
  site: SiteRef,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
  dimension: string | null,
  typed: string,
  chosen: readonly string[],
): FilterSuggestions {
  const search = useSettled(typed.trim(), suggestionSettleMs)
  const query = dimension ? suggestionQuery(site.domain, dateRange, dimension, search, filters) : null
  // Not persisted: suggestions are a passing question, not numbers to show offline.
  const answer = useStatsQuery(site, query, { persist: false })
  const goals = useQuery({
    ...siteListOptions(useApi(), 'goals.list', site),
    enabled: dimension === 'event:goal',
    staleTime: 600_000,
    retry: false,
  })
  const found = toSuggestions(answer.data, chosen)
  const goalNames = goals.data?.goals.map((goal) => goal.displayName) ?? []
  return {
    suggestions:
      dimension === 'event:goal' && answer.data
        ? withConfiguredGoals(found, goalNames, search, chosen)
        : found,
    answered: answer.data ? search : null,
    isLoading: query !== null && answer.isFetching,
    error: answer.error,
  }
}
