// react-query over the contract: one queryOptions factory per call (key = [callName, input]) and one
// hook per question the screens ask. Hooks hold no fetching code; shaping lives in src/shared/stats.
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import type { AccountSummary, CallInput, CallName, PlausibleApi } from '../../../shared/contract'
import { ranges, type RangeKey } from '../../../shared/stats/ranges'
import { currentBucketLabel, toVisitorsSeries, visitorsSeriesQuery } from '../../../shared/stats/series'
import { toTopStats, topStatsQuery } from '../../../shared/stats/top-stats'
import { useApi } from './client'

/** A site as the dashboard addresses it: which account reads it, and its timezone for "now". */
export interface SiteRef {
  account: string
  domain: string
  timezone: string
}

/** Key and fetcher for one call; the key is the call name and its input, so keys are data. */
function callOptions<N extends CallName>(api: PlausibleApi, name: N, input: CallInput<N>) {
  return queryOptions({ queryKey: [name, input] as const, queryFn: () => api[name](input) })
}

export function accountsListOptions(api: PlausibleApi) {
  return queryOptions({ ...callOptions(api, 'accounts.list', {}), staleTime: 5 * 60_000 })
}

export function sitesListOptions(api: PlausibleApi, input: CallInput<'sites.list'>) {
  return queryOptions({ ...callOptions(api, 'sites.list', input), staleTime: 5 * 60_000 })
}

export function statsQueryOptions(api: PlausibleApi, input: CallInput<'stats.query'>) {
  // Every fetch spends one request of the hourly budget, so stats stay fresh for a while.
  return queryOptions({ ...callOptions(api, 'stats.query', input), staleTime: 2 * 60_000 })
}

export function statsRealtimeOptions(api: PlausibleApi, input: CallInput<'stats.realtime'>) {
  // One request a minute: 60 of an hour's 600 on plausible.io, for a number that changes by the minute.
  return queryOptions({
    ...callOptions(api, 'stats.realtime', input),
    staleTime: 30_000,
    refetchInterval: 60_000,
  })
}

export function budgetStatusOptions(api: PlausibleApi, input: CallInput<'budget.status'>) {
  // Answered by the core's own ledger: polling it costs no API request.
  return queryOptions({ ...callOptions(api, 'budget.status', input), staleTime: 0, refetchInterval: 10_000 })
}

export function useAccounts() {
  return useQuery(accountsListOptions(useApi()))
}

export interface SitesResult {
  /** Every site of every account, the default account's first. */
  sites: SiteRef[]
  /** The first site of the default account (or of the first account that has one). */
  defaultSite: SiteRef | undefined
  isPending: boolean
  /** Set when no site could be listed at all; one failing account does not hide the others. */
  error: Error | null
  refetch: () => void
}

export function useSites(): SitesResult {
  const api = useApi()
  const accounts = useQuery(accountsListOptions(api))
  const ordered = [...(accounts.data?.accounts ?? [])].sort(byDefaultFirst)
  const lists = useQueries({
    queries: ordered.map((account) => sitesListOptions(api, { account: account.alias })),
  })
  const sites = lists.flatMap((list, index) =>
    (list.data?.sites ?? []).map((site) => ({
      account: ordered[index]?.alias ?? list.data?.account ?? '',
      domain: site.domain,
      timezone: site.timezone,
    })),
  )
  const listError = lists.find((list) => list.error)?.error ?? null
  return {
    sites,
    defaultSite: sites[0],
    isPending: accounts.isPending || lists.some((list) => list.isPending),
    error: accounts.error ?? (sites.length === 0 ? listError : null),
    refetch: () => {
      void accounts.refetch()
      for (const list of lists) void list.refetch()
    },
  }
}

function byDefaultFirst(a: AccountSummary, b: AccountSummary): number {
  return Number(b.isDefault) - Number(a.isDefault)
}

export function useTopStats(site: SiteRef | undefined, range: RangeKey) {
  const api = useApi()
  const input = { account: site?.account, query: topStatsQuery(site?.domain ?? '', range) }
  return useQuery({ ...statsQueryOptions(api, input), enabled: site !== undefined, select: toTopStats })
}

export function useVisitorsSeries(site: SiteRef | undefined, range: RangeKey) {
  const api = useApi()
  const input = { account: site?.account, query: visitorsSeriesQuery(site?.domain ?? '', range) }
  const { interval } = ranges[range]
  return useQuery({
    ...statsQueryOptions(api, input),
    enabled: site !== undefined,
    // "Now" in the site's timezone marks which buckets have not started yet (drawn as gaps, not zeros).
    select: (response) =>
      toVisitorsSeries(response, {
        currentBucket: currentBucketLabel(Date.now(), site?.timezone ?? 'UTC', interval),
      }),
  })
}

export function useRealtime(site: SiteRef | undefined) {
  const api = useApi()
  return useQuery({
    ...statsRealtimeOptions(api, { account: site?.account, site: site?.domain ?? '' }),
    enabled: site !== undefined,
  })
}

export function useBudget(account: string | undefined) {
  const api = useApi()
  return useQuery({ ...budgetStatusOptions(api, { account }), enabled: account !== undefined })
}
