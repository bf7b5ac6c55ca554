// react-query over the contract: one queryOptions factory per call (key = [callName, input]) and one
// hook per question the screens ask. Hooks hold no fetching code; shaping lives in src/shared/stats.
import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import type { AccountSummary, CallInput, CallName, CallOutput, PlausibleApi } from '../../../shared/contract'
import type { V2Query, V2Response } from '../../../shared/plausible/query'
import { useApi } from './client'
import { readPersisted, writePersisted } from './persisted-cache'

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
  const key = JSON.stringify(['sites.list', input])
  const saved = readPersisted<Awaited<ReturnType<PlausibleApi['sites.list']>>>(key)
  return queryOptions({
    queryKey: ['sites.list', input] as const,
    queryFn: async () => {
      const value = await api['sites.list'](input)
      writePersisted(key, value)
      return value
    },
    // Sites change rarely: an hour-old list is fine, and each listing costs a request.
    staleTime: 60 * 60_000,
    ...(saved ? { initialData: saved.data, initialDataUpdatedAt: saved.savedAt } : {}),
  })
}

/** How long a stats answer counts as fresh: re-asking within it costs nothing. */
export const statsStaleTime = 5 * 60_000

/**
 * A v2 query; every fetch spends one request of the hourly budget. The last answer is kept in
 * localStorage (see persisted-cache.ts), so a reload within `statsStaleTime` asks nothing and an
 * offline window still has numbers, with their time.
 */
export function statsQueryOptions(api: PlausibleApi, input: CallInput<'stats.query'>, persist = true) {
  const key = JSON.stringify(['stats.query', input])
  const saved = persist ? readPersisted<V2Response>(key) : undefined
  return queryOptions({
    queryKey: ['stats.query', input] as const,
    queryFn: async () => {
      const value = await api['stats.query'](input)
      if (persist) writePersisted(key, value)
      return value
    },
    staleTime: statsStaleTime,
    ...(saved ? { initialData: saved.data, initialDataUpdatedAt: saved.savedAt } : {}),
  })
}

export function statsRealtimeOptions(api: PlausibleApi, input: CallInput<'stats.realtime'>) {
  return queryOptions({ ...callOptions(api, 'stats.realtime', input), staleTime: 25_000 })
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

export interface StatsOptions {
  enabled?: boolean
  /** Realtime windows change every poll: neither worth keeping nor worth showing "as of". */
  persist?: boolean
  /** Keep showing the previous answer while the next key loads (realtime ticks). */
  keepPrevious?: boolean
}

/** One v2 query for a site, or nothing while there is no site (or no query). */
export function useStatsQuery(site: SiteRef | undefined, query: V2Query | null, options: StatsOptions = {}) {
  const api = useApi()
  const input = { ...(site?.account ? { account: site.account } : {}), query: query ?? emptyQuery }
  return useQuery({
    ...statsQueryOptions(api, input, options.persist ?? true),
    enabled: site !== undefined && query !== null && (options.enabled ?? true),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  })
}

const emptyQuery: V2Query = { site_id: '-', metrics: ['visitors'], date_range: 'day' }

/**
 * Current visitors, polled at `intervalMs` (null: not at all, the budget is kept for the rest). Every
 * poll is one request; the interval comes from `realtimePollPlan`.
 */
export function useRealtime(site: SiteRef | undefined, intervalMs: number | null) {
  const api = useApi()
  return useQuery({
    ...statsRealtimeOptions(api, {
      ...(site?.account ? { account: site.account } : {}),
      site: site?.domain ?? '',
    }),
    enabled: site !== undefined,
    refetchInterval: intervalMs ?? false,
  })
}

export function useBudget(account: string | undefined) {
  const api = useApi()
  return useQuery({ ...budgetStatusOptions(api, { account }), enabled: account !== undefined })
}

/**
 * What an account's server and key can do. The core probes once per account and process (at most three
 * requests) and answers later asks from memory; `wait: false` so a spent hour says so instead of hanging.
 */
export function capabilitiesOptions(api: PlausibleApi, account: string) {
  return queryOptions({
    ...callOptions(api, 'capabilities.get', { account, wait: false }),
    staleTime: Number.POSITIVE_INFINITY,
  })
}

export function useCapabilities(account: string | undefined) {
  const api = useApi()
  return useQuery({ ...capabilitiesOptions(api, account ?? ''), enabled: account !== undefined })
}

/** A Sites API list for one site (goals, props, guests): each read is one request, kept a minute. */
export function siteListOptions<N extends 'goals.list' | 'props.list' | 'guests.list'>(
  api: PlausibleApi,
  name: N,
  site: Pick<SiteRef, 'account' | 'domain'>,
) {
  const input = { account: site.account, site: site.domain } as CallInput<N>
  const call = api[name] as (input: CallInput<N>) => Promise<CallOutput<N>>
  return queryOptions({ queryKey: [name, input] as const, queryFn: () => call(input), staleTime: 60_000 })
}

// ── The tray's settings and samples: answered by the core from glance.json and its rings, no request ──

export function pinsListOptions(api: PlausibleApi) {
  return queryOptions({ ...callOptions(api, 'pins.list', {}), staleTime: 0 })
}

export function alertsGetOptions(api: PlausibleApi) {
  return queryOptions({ ...callOptions(api, 'alerts.get', {}), staleTime: 0 })
}

export function trayGetOptions(api: PlausibleApi) {
  return queryOptions({ ...callOptions(api, 'tray.get', {}), staleTime: 0 })
}

export function usePins() {
  return useQuery(pinsListOptions(useApi()))
}

export function useAlertSettings() {
  return useQuery(alertsGetOptions(useApi()))
}

/** The tray's preferences and what its polling does now; re-read every few seconds, it is free. */
export function useTrayState() {
  return useQuery({ ...trayGetOptions(useApi()), refetchInterval: 5_000 })
}

/**
 * What the tray sampled for a site (30 minutes in full, 24 hours in buckets), re-read at `intervalMs`
 * (null: once) so the line keeps up with the tray while the view is open.
 */
export function useRealtimeHistory(site: SiteRef | undefined, intervalMs: number | null) {
  const api = useApi()
  return useQuery({
    ...callOptions(api, 'realtime.history', {
      ...(site?.account ? { account: site.account } : {}),
      site: site?.domain ?? '',
    }),
    enabled: site !== undefined,
    refetchInterval: intervalMs ?? false,
  })
}
