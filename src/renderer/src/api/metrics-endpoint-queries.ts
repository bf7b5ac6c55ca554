// The app's /metrics endpoint from the core (metricsEndpoint.get): the choice and whether it serves now.
// Read often enough that a port freed or taken by another program shows without a reload.
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { PlausibleApi } from '../../../shared/contract'
import { useApi } from './client'

export function metricsEndpointOptions(api: PlausibleApi) {
  return queryOptions({
    queryKey: ['metricsEndpoint.get'] as const,
    queryFn: () => api['metricsEndpoint.get']({}),
    staleTime: 0,
    refetchInterval: 30_000,
  })
}

export function useMetricsEndpoint() {
  return useQuery(metricsEndpointOptions(useApi()))
}
