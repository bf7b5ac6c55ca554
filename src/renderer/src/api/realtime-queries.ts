// The realtime graph's questions: one aggregate per minute (the public API has no minute buckets, see
// shared/stats/realtime-minutes.ts). A finished minute's key never changes and its answer never goes
// stale, so it is asked once; the running minute's key moves with each refresh's tick.
import { useQueries } from '@tanstack/react-query'
import type { DashboardFilter } from '../../../shared/stats/filters'
import { minuteQuery, type MinuteBucket } from '../../../shared/stats/realtime-minutes'
import { useApi } from './client'
import { statsStaleTime, type SiteRef } from './queries'

/** Finished minutes are kept a little longer than they stay on screen. */
const minuteGcMs = 35 * 60_000

/**
 * A finished minute's key root. Not `stats.query`: the dashboard's Refresh re-asks every `stats.query`
 * answer, and a finished minute cannot change, so re-asking the 29 of them would spend 29 requests for
 * nothing. The call behind it is still stats.query.
 */
export const finishedMinuteKey = 'stats.query:finished-minute'

export function useMinuteAnswers(
  site: SiteRef,
  buckets: readonly MinuteBucket[],
  filters: readonly DashboardFilter[],
  /** false while the budget plan has paused realtime: minutes already read still show, none is asked. */
  enabled = true,
) {
  const api = useApi()
  return useQueries({
    queries: buckets.map((bucket) => {
      const input = { account: site.account, query: minuteQuery(site.domain, bucket, filters) }
      return {
        // The running minute as any stats.query (its key moves with the tick); a finished one under its own root.
        queryKey: [bucket.running ? 'stats.query' : finishedMinuteKey, input] as const,
        queryFn: () => api['stats.query'](input),
        staleTime: bucket.running ? statsStaleTime : Number.POSITIVE_INFINITY,
        ...(bucket.running ? {} : { gcTime: minuteGcMs }),
        enabled,
      }
    }),
  })
}
