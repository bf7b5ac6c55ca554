// Which way a site's count is going, for calm mode: the newest sample against the mean of the ten
// minutes before it. Needs a change of at least 10 % and one visitor, so noise reads as steady.
export type Trend = 'up' | 'down' | 'steady' | 'unknown'

export const trendWindowMs = 10 * 60_000

export function trendOf(samples: ReadonlyArray<{ at: number; visitors: number }>): Trend {
  const latest = samples.at(-1)
  if (!latest) return 'unknown'
  const before = samples.filter((sample) => sample.at < latest.at && sample.at >= latest.at - trendWindowMs)
  if (before.length === 0) return 'unknown'
  const mean = before.reduce((sum, sample) => sum + sample.visitors, 0) / before.length
  const change = latest.visitors - mean
  if (Math.abs(change) < Math.max(1, mean * 0.1)) return 'steady'
  return change > 0 ? 'up' : 'down'
}

export const trendArrow: Record<Trend, string> = { up: '↑', down: '↓', steady: '→', unknown: '·' }
