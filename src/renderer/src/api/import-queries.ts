// The import history from the core (imports.list): read from the config folder, so asking often costs
// no request; a CLI import in another process shows up at the next refetch.
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { PlausibleApi } from '../../../shared/contract'
import { useApi } from './client'

export function importsListOptions(api: PlausibleApi) {
  return queryOptions({
    queryKey: ['imports.list', {}] as const,
    queryFn: () => api['imports.list']({}),
    staleTime: 0,
    refetchInterval: 10_000,
  })
}

export function useImportHistory() {
  return useQuery(importsListOptions(useApi()))
}
