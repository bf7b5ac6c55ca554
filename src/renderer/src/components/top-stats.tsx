// The row of headline numbers over the graph, as Plausible lays it out: current visitors first, each
// stat with its change against the comparison, and a click graphs that stat.
import type { ComparedStat } from '../../../shared/stats/comparison'
import { formatMetric } from '../../../shared/stats/format'
import type { TopStatMetric } from '../../../shared/stats/top-stats'
import { ChangeBadge } from './change-badge'

export interface TopStatsProps {
  stats: ComparedStat[] | undefined
  /** How many stats to draw as skeletons while loading. */
  loadingCount: number
  graphed: TopStatMetric
  onGraph: (metric: TopStatMetric) => void
  comparing: boolean
  /** The change against the comparison, or the previous period when none is chosen (Plausible shows it always). */
  showChange: boolean
  comparisonLabel?: string
  currentVisitors: number | undefined
  onRealtime: () => void
}

export function TopStats({
  stats,
  loadingCount,
  graphed,
  onGraph,
  comparing,
  showChange,
  comparisonLabel,
  currentVisitors,
  onRealtime,
}: TopStatsProps): React.JSX.Element {
  const current = (
    <button
      type="button"
      className="top-stat top-stat--live"
      data-testid="top-stat-current"
      onClick={onRealtime}
      title="Open the realtime view (R)"
    >
      <div className="top-stat__label">
        <span className="realtime__dot" aria-hidden="true" /> Current visitors
      </div>
      <div className="top-stat__value" data-testid="realtime-visitors" data-value={currentVisitors ?? ''}>
        {currentVisitors === undefined ? <span className="skeleton skeleton--value" /> : currentVisitors}
      </div>
    </button>
  )
  if (!stats) {
    return (
      <div className="top-stats" data-testid="top-stats-loading" aria-busy="true">
        {current}
        {Array.from({ length: loadingCount }, (_, i) => (
          <div className="top-stat" key={i}>
            <div className="skeleton skeleton--label" />
            <div className="skeleton skeleton--value" />
          </div>
        ))}
      </div>
    )
  }
  return (
    <div className="top-stats" data-testid="top-stats">
      {current}
      {stats.map((stat) => (
        <button
          type="button"
          className={stat.metric === graphed ? 'top-stat top-stat--graphed' : 'top-stat'}
          key={stat.metric}
          data-testid={`top-stat-${stat.metric}`}
          data-value={stat.value ?? ''}
          aria-pressed={stat.metric === graphed}
          onClick={() => onGraph(stat.metric)}
          title={`Graph ${stat.label.toLowerCase()}`}
        >
          <div className="top-stat__label">{stat.label}</div>
          <div className="top-stat__row">
            <span className="top-stat__value" title={stat.value === null ? 'No data' : String(stat.value)}>
              {stat.display}
            </span>
            {showChange ? (
              <ChangeBadge
                metric={stat.metric}
                change={stat.change}
                testId={`top-stat-change-${stat.metric}`}
                {...(comparisonLabel ? { against: comparisonLabel } : {})}
              />
            ) : null}
          </div>
          {comparing ? (
            <div
              className="top-stat__compare"
              title={`${comparisonLabel ?? ''}: ${formatMetric(stat.metric, stat.comparisonValue)}`}
            >
              vs.{' '}
              <span
                className="top-stat__previous"
                data-testid={`top-stat-previous-${stat.metric}`}
                data-value={stat.comparisonValue ?? ''}
              >
                {formatMetric(stat.metric, stat.comparisonValue)}
              </span>
            </div>
          ) : null}
        </button>
      ))}
    </div>
  )
}
