// The overview's question to the core (overview.get): answered at once from what the core keeps, while
// the refresh it starts runs on at background priority within each account's budget. Asking costs no
// request itself, so the window re-asks often, and more often while a refresh is under way.
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CallInput, PlausibleApi } from '../../../shared/contract'
import type { OverviewReport } from '../../../shared/contract/overview'
import { useApi } from './client'

/** Re-asked this often while nothing is refreshing: enough for ages and "next in" to stay right. */
export const overviewPollMs = 15_000
/** And this often while an account's refresh runs, so its cards change as soon as it ends. */
export const overviewBusyPollMs = 2_000

export function overviewOptions(api: PlausibleApi, input: CallInput<'overview.get'> = {}) {
  return queryOptions({
    queryKey: ['overview.get', input] as const,
    queryFn: () => api['overview.get'](input),
    staleTime: 0,
  })
}

export function isRefreshing(report: OverviewReport | undefined): boolean {
  return report?.accounts.some((account) => account.isRefreshing) ?? false
}

export function useOverview() {
  const api = useApi()
  const client = useQueryClient()
  const query = useQuery({
    ...overviewOptions(api),
    refetchInterval: (current) => (isRefreshing(current.state.data) ? overviewBusyPollMs : overviewPollMs),
    // Kept by the core, not by the page: coming back to the overview shows the last answer at once.
    refetchOnMount: 'always',
  })
  /** The Refresh button: every site older than a minute, as far as each budget allows. */
  const refreshAll = async (): Promise<void> => {
    const report = await api['overview.get']({ refresh: 'all' })
    client.setQueryData(overviewOptions(api).queryKey, report)
  }
  return { ...query, refreshAll }
}
