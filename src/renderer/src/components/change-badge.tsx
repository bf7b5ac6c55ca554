// A change against the comparison, as Plausible marks it: an arrow, the amount (percent, or points for
// bounce rate), green when it went the good way for that metric, red when not.
import { higherIsBetter } from '../../../shared/stats/comparison'
import type { TopStatMetric } from '../../../shared/stats/top-stats'

export function ChangeBadge({
  metric,
  change,
  testId,
  against,
}: {
  metric: TopStatMetric
  change: number | null
  testId: string
  /** What the change is against, for the hover title ("Previous period"). */
  against?: string
}): React.JSX.Element {
  if (change === null)
    return (
      <span className="change change--none" data-testid={testId} data-value="">
        —
      </span>
    )
  const up = change > 0
  const good = change === 0 ? 'flat' : up === higherIsBetter(metric) ? 'good' : 'bad'
  const arrow = change === 0 ? '±' : up ? '↑' : '↓'
  return (
    <span
      className={`change change--${good}`}
      data-testid={testId}
      data-value={change}
      {...(against ? { title: `Against ${against}` } : {})}
    >
      {arrow} {Math.abs(change)}%
    </span>
  )
}
