// The realtime graph's questions: one aggregate per minute (the public API has no minute buckets, see
// shared/stats/realtime-minutes.ts). A finished minute's key never changes and its answer never goes
// stale, so it is asked once; the running minute's key moves with each refresh's tick.
import { useQueries } from '@tanstack/react-query'
import type { DashboardFilter } from '../../../shared/stats/filters'
import { minuteQuery, type MinuteBucket } from '../../../shared/stats/realtime-minutes'
import { useApi } from './client'
import { statsQueryOptions, type SiteRef } from './queries'

/** Finished minutes are kept a little longer than they stay on screen. */
const minuteGcMs = 35 * 60_000

export function useMinuteAnswers(
  site: SiteRef,
  buckets: readonly MinuteBucket[],
  filters: readonly DashboardFilter[],
  /** false while the budget plan has paused realtime: minutes already read still show, none is asked. */
  enabled = true,
) {
  const api = useApi()
  return useQueries({
    queries: buckets.map((bucket) => ({
      ...statsQueryOptions(
        api,
        { account: site.account, query: minuteQuery(site.domain, bucket, filters) },
        false,
      ),
      ...(bucket.running ? {} : { staleTime: Number.POSITIVE_INFINITY, gcTime: minuteGcMs }),
      enabled,
    })),
  })
}
