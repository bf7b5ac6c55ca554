// Draws the visitors series (already shaped by src/shared/stats/series.ts): an indigo line over a soft fill.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { DotItemDotProps, TooltipContentProps } from 'recharts'
import type { SeriesInterval } from '../../../shared/stats/ranges'
import { formatBucketLabel, type SeriesPoint } from '../../../shared/stats/series'
import { formatShortNumber } from '../../../shared/stats/format'

export interface VisitorsChartProps {
  points: SeriesPoint[] | undefined
  interval: SeriesInterval
}

const chartHeight = 320

export function VisitorsChart({ points, interval }: VisitorsChartProps): React.JSX.Element {
  if (!points) {
    return <div className="chart chart--loading skeleton" data-testid="chart-loading" aria-busy="true" />
  }
  const drawn = points.filter((point) => point.value !== null).length
  return (
    <div className="chart" data-testid="visitors-chart" data-points={drawn}>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <AreaChart data={points} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
          <defs>
            <linearGradient id="visitors-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="currentColor" stopOpacity={0.22} />
              <stop offset="100%" stopColor="currentColor" stopOpacity={0} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} strokeDasharray="0" />
          <XAxis
            dataKey="label"
            tickFormatter={(label: string) => formatBucketLabel(label, interval)}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
            tickMargin={10}
          />
          <YAxis
            tickFormatter={(value: number) => formatShortNumber(value)}
            tickLine={false}
            axisLine={false}
            allowDecimals={false}
            width={48}
          />
          <Tooltip
            content={(props) => <ChartTooltip {...props} interval={interval} />}
            cursor={{ className: 'chart__cursor' }}
          />
          <Area
            type="monotone"
            dataKey="value"
            name="Visitors"
            stroke="currentColor"
            strokeWidth={2.5}
            fill="url(#visitors-fill)"
            dot={ChartPoint}
            activeDot={{ r: 5, className: 'chart__active-dot' }}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  )
}

/** One dot per bucket that has a value; tests count them (`chart-point`), buckets not yet started draw none. */
function ChartPoint(props: DotItemDotProps): React.ReactNode {
  const point = props.payload as SeriesPoint | undefined
  if (props.cx == null || props.cy == null || !point || point.value === null) return null
  return (
    <circle
      key={point.label}
      className="chart__point"
      data-testid="chart-point"
      data-label={point.label}
      data-value={point.value}
      cx={props.cx}
      cy={props.cy}
      r={3}
    />
  )
}

function ChartTooltip({
  active,
  payload,
  interval,
}: TooltipContentProps & { interval: SeriesInterval }): React.JSX.Element | null {
  const point = payload?.[0]?.payload as SeriesPoint | undefined
  if (!active || !point || point.value === null) return null
  return (
    <div className="chart__tooltip">
      <div className="chart__tooltip-label">{tooltipLabel(point.label, interval)}</div>
      <div className="chart__tooltip-value">
        <span className="chart__tooltip-swatch" aria-hidden="true" />
        Visitors <strong>{point.value.toLocaleString('en-US')}</strong>
      </div>
    </div>
  )
}

function tooltipLabel(label: string, interval: SeriesInterval): string {
  // The axis shows "2pm"; the tooltip adds the day so an hour is never ambiguous.
  return interval === 'time:hour'
    ? `${formatBucketLabel(label, 'time:day')}, ${formatBucketLabel(label, 'time:hour')}`
    : formatBucketLabel(label, interval)
}
