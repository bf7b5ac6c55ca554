// The realtime history of one site as two rings: every sample of the last 30 minutes, and the last
// 24 hours in 5-minute buckets (min, max, sum, count). The public API has no per-minute series
// (plausible-api.md §4.2: `30m`/`realtime` are internal), so the sparkline is built from the tray's own
// samples. Pure: time comes in with every call.

export const recentWindowMs = 30 * 60_000
export const dayWindowMs = 24 * 3_600_000
export const bucketMs = 5 * 60_000
/** A hard cap on the full-resolution ring, whatever the cadence (one sample a second for 30 minutes). */
export const maxRecentSamples = 1_800

/** [at (ms), visitors] */
export type Sample = [number, number]
/** [bucket start (ms), min, max, sum, samples] */
export type Bucket = [number, number, number, number, number]

export interface SiteHistory {
  recent: Sample[]
  day: Bucket[]
}

export const emptyHistory = (): SiteHistory => ({ recent: [], day: [] })

/** Adds one sample (in place) and drops what has left either window. Out-of-order samples are ignored. */
export function recordSample(history: SiteHistory, at: number, visitors: number): SiteHistory {
  const last = history.recent.at(-1)
  if (last && at < last[0]) return history
  history.recent.push([at, visitors])
  const start = Math.floor(at / bucketMs) * bucketMs
  const bucket = history.day.at(-1)
  if (bucket && bucket[0] === start) {
    bucket[1] = Math.min(bucket[1], visitors)
    bucket[2] = Math.max(bucket[2], visitors)
    bucket[3] += visitors
    bucket[4] += 1
  } else {
    history.day.push([start, visitors, visitors, visitors, 1])
  }
  return pruneHistory(history, at)
}

/** Drops samples older than 30 minutes and buckets that started more than 24 hours ago. */
export function pruneHistory(history: SiteHistory, now: number): SiteHistory {
  const recentFrom = now - recentWindowMs
  let dropRecent = 0
  while (dropRecent < history.recent.length && history.recent[dropRecent]![0] < recentFrom) dropRecent += 1
  dropRecent = Math.max(dropRecent, history.recent.length - maxRecentSamples)
  if (dropRecent > 0) history.recent.splice(0, dropRecent)
  const dayFrom = now - dayWindowMs
  let dropDay = 0
  while (dropDay < history.day.length && history.day[dropDay]![0] + bucketMs <= dayFrom) dropDay += 1
  if (dropDay > 0) history.day.splice(0, dropDay)
  return history
}

export interface HistoryView {
  recent: Array<{ at: string; visitors: number }>
  day: Array<{ at: string; min: number; max: number; mean: number; samples: number }>
  bucketMs: number
}

/** The contract's view: ISO times, means rounded to one decimal, pruned to `now`. */
export function viewHistory(history: SiteHistory, now: number): HistoryView {
  const pruned = pruneHistory({ recent: [...history.recent], day: [...history.day] }, now)
  return {
    recent: pruned.recent.map(([at, visitors]) => ({ at: iso(at), visitors })),
    day: pruned.day.map(([at, min, max, sum, samples]) => ({
      at: iso(at),
      min,
      max,
      mean: Math.round((sum / samples) * 10) / 10,
      samples,
    })),
    bucketMs,
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
