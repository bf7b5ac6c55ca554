// The realtime sparkline's points: the tray's samples of a site (realtime.history's 30-minute ring) merged
// with the window's own readings, so the line is full the moment the view opens when the tray has been
// sampling. The public API has no minute series (plausible-api.md §4.2), so every point is our own sample.

/** The span the sparkline covers: the tray's full-resolution ring. */
export const sparklineWindowMs = 30 * 60_000

export interface SparkPoint {
  at: number
  visitors: number
  source: 'tray' | 'window'
}

/**
 * Both series in time order within `[nowMs − windowMs, nowMs]`. A reading both took at the same
 * millisecond is drawn once (the window's: it is the one the number above shows).
 */
export function mergeSamples(
  tray: ReadonlyArray<{ at: string; visitors: number }>,
  own: ReadonlyArray<{ at: number; visitors: number }>,
  nowMs: number,
  windowMs = sparklineWindowMs,
): SparkPoint[] {
  const from = nowMs - windowMs
  const byTime = new Map<number, SparkPoint>()
  for (const sample of tray) {
    const at = Date.parse(sample.at)
    if (Number.isFinite(at) && at >= from) byTime.set(at, { at, visitors: sample.visitors, source: 'tray' })
  }
  for (const sample of own) {
    if (sample.at >= from)
      byTime.set(sample.at, { at: sample.at, visitors: sample.visitors, source: 'window' })
  }
  return [...byTime.values()].sort((a, b) => a.at - b.at)
}

/** The 24-hour ring's buckets as a line of their means, oldest first. */
export function dayLine(
  day: ReadonlyArray<{ at: string; mean: number }>,
): Array<{ at: number; visitors: number }> {
  return day
    .map((bucket) => ({ at: Date.parse(bucket.at), visitors: bucket.mean }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at)
}

/** Where the line's points came from, in a sentence for the hint under it. */
export function sparklineSource(points: readonly SparkPoint[]): string {
  const tray = points.filter((point) => point.source === 'tray').length
  const own = points.length - tray
  const samples = (count: number): string => (count === 1 ? '1 sample' : `${count} samples`)
  if (tray > 0 && own > 0)
    return `Last 30 minutes: ${samples(tray)} taken by the tray, ${samples(own)} by this window.`
  if (tray > 0)
    return `Last 30 minutes as the tray sampled them (${samples(tray)}); this window adds its own as it polls.`
  return 'The line fills in as this window samples current visitors; a site pinned in Settings is sampled by the tray even while the window is closed.'
}
