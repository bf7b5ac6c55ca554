// Site icons from the core (siteIcons.*): the user's choice, and each site's icon once it is on. An icon
// is kept by the core for a day, so the page keeps its answer an hour and never asks while the choice is off.
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { PlausibleApi } from '../../../shared/contract'
import { useApi } from './client'

const iconStaleMs = 3_600_000

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
    retry: false,
  })
  return isOn ? (icon.data?.icon?.dataUrl ?? null) : null
}
