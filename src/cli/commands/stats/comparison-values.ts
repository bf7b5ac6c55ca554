// Values of one metric side by side: the change the dashboard shows (shared/stats/comparison.ts) for
// any metric the CLI can ask for, and how a value reads in a table.
import { metricChange } from '../../../shared/stats/comparison'
import type { TopStatMetric } from '../../../shared/stats/top-stats'

/**
 * The dashboard's change for two values of `metric`: points for bounce rate, one decimal for conversion
 * rate, a whole percentage otherwise — metricChange's general rule also fits the metrics the dashboard
 * does not show as top stats (percentage, scroll depth…). Revenue objects and missing values: null.
 */
export function changeOf(metric: string, previous: unknown, current: unknown): number | null {
  if (typeof previous !== 'number' || typeof current !== 'number') return null
  return metricChange(metric as TopStatMetric, previous, current)
}

export function formatValue(value: unknown): string | number {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'short' in value)
    return String((value as { short: unknown }).short)
  return '—'
}
