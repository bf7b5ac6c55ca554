// The window's questions about annotations: answered by the core from annotations.json (no request, so
// they are asked whenever needed), and the writes that change them.
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { PlausibleApi } from '../../../shared/contract'
import { annotationMarks, type AnnotationMark } from '../../../shared/annotations/annotation-marks'
import type { GraphInterval, SeriesPoint } from '../../../shared/stats/series'
import { useApi } from './client'
import { useCallMutation } from './mutations'
import type { SiteRef } from './queries'

export function annotationsOptions(api: PlausibleApi, site: Pick<SiteRef, 'account' | 'domain'>) {
  const input = { account: site.account, site: site.domain }
  return queryOptions({
    queryKey: ['annotations.list', input] as const,
    queryFn: () => api['annotations.list'](input),
    staleTime: 0,
  })
}

export function useAnnotations(site: SiteRef | undefined) {
  const api = useApi()
  return useQuery({
    ...annotationsOptions(api, site ?? { account: '', domain: '' }),
    enabled: site !== undefined,
  })
}

/** Where the site's annotations sit on the graph's buckets. */
export function useAnnotationMarks(
  site: SiteRef | undefined,
  points: readonly SeriesPoint[] | undefined,
  interval: GraphInterval,
): AnnotationMark[] {
  const list = useAnnotations(site).data?.annotations
  return useMemo(() => annotationMarks(points ?? [], list ?? [], interval), [points, list, interval])
}

export const useAddAnnotation = () => useCallMutation('annotations.add', ['annotations.list'])
export const useRemoveAnnotation = () => useCallMutation('annotations.remove', ['annotations.list'])
