// The row of headline numbers over the graph, as Plausible lays it out.
import type { TopStat } from '../../../shared/stats/top-stats'
import { topStatLabels, topStatMetrics } from '../../../shared/stats/top-stats'

export interface TopStatsProps {
  stats: TopStat[] | undefined
  /** The metric the graph below draws; marked like Plausible marks its selected stat. */
  graphed?: TopStat['metric']
}

export function TopStats({ stats, graphed = 'visitors' }: TopStatsProps): React.JSX.Element {
  if (!stats) {
    return (
      <div className="top-stats" data-testid="top-stats-loading" aria-busy="true">
        {topStatMetrics.map((metric) => (
          <div className="top-stat" key={metric}>
            <div className="top-stat__label">{topStatLabels[metric]}</div>
            <div className="skeleton skeleton--value" />
          </div>
        ))}
      </div>
    )
  }
  return (
    <div className="top-stats" data-testid="top-stats">
      {stats.map((stat) => (
        <div
          className={stat.metric === graphed ? 'top-stat top-stat--graphed' : 'top-stat'}
          key={stat.metric}
          data-testid={`top-stat-${stat.metric}`}
          data-value={stat.value ?? ''}
        >
          <div className="top-stat__label">{stat.label}</div>
          <div className="top-stat__value" title={stat.value === null ? 'No data' : String(stat.value)}>
            {stat.display}
          </div>
        </div>
      ))}
    </div>
  )
}
