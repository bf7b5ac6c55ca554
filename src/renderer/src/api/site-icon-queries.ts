// Site icons from the core (siteIcons.*): the user's choice, and each site's icon once it is on. An icon
// is kept by the core for a day, so the page keeps its answer an hour and never asks while the choice is off.
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { PlausibleApi } from '../../../shared/contract'
import type { SiteIcon } from '../../../shared/contract/site-icons'
import { useApi } from './client'

const iconStaleMs = 3_600_000
/**
 * The server could not be reached or was too slow (nothing was kept): ask again after 10 s, then twice as
 * long each time up to 5 minutes, rather than keep the letter tile for an hour or poll a server that is down.
 */
const firstRetryMs = 10_000
const longestRetryMs = 300_000

export function siteIconSettingsOptions(api: PlausibleApi) {
  return queryOptions({
    queryKey: ['siteIcons.get'] as const,
    queryFn: () => api['siteIcons.get']({}),
    staleTime: 60_000,
  })
}

export function useSiteIconSettings() {
  return useQuery(siteIconSettingsOptions(useApi()))
}

/** The site's icon as a data: URL, or null (off, none on the server, not reachable): draw the letter tile. */
export function useSiteIconImage(account: string | undefined, site: string): string | null {
  const api = useApi()
  const settings = useSiteIconSettings()
  const isOn = account !== undefined && settings.data?.fetch === true
  const icon = useQuery({
    queryKey: ['siteIcons.icon', account, site] as const,
    queryFn: () => api['siteIcons.icon']({ ...(account ? { account } : {}), site }),
    enabled: isOn,
    staleTime: iconStaleMs,
    refetchInterval: (query) => iconRetryMs(query.state.data, query.state.dataUpdateCount),
    retry: false,
  })
  return isOn ? (icon.data?.icon?.dataUrl ?? null) : null
}

/**
 * When to ask again for an icon already answered `answers` times: only an answer that reached no server is
 * asked again before the hour is up.
 */
export function iconRetryMs(answer: SiteIcon | undefined, answers: number): number | false {
  if (!(answer?.from === 'server' && answer.fetchedAt === null)) return false
  return Math.min(firstRetryMs * 2 ** Math.max(0, answers - 1), longestRetryMs)
}
