// Draws the main graph (already shaped by src/shared/stats): the period in indigo over a soft fill, the
// comparison as a dashed grey line, a full axis, and a tooltip with both.
import { useMemo } from 'react'
import {
  Area,
  ComposedChart,
  CartesianGrid,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { DotItemDotProps, TooltipContentProps } from 'recharts'
import { instantsOfWallTime } from '../../../shared/stats/calendar'
import { formatMetric, formatShortNumber } from '../../../shared/stats/format'
import { metricChange } from '../../../shared/stats/comparison'
import {
  decimate,
  formatBucketLabel,
  formatBucketTitle,
  hasRunningStretch,
  withRunningBucket,
  type DrawnSeriesPoint,
  type GraphInterval,
  type SeriesPoint,
} from '../../../shared/stats/series'
import type { AnnotationMark } from '../../../shared/annotations/annotation-marks'
import { ChangeBadge } from '../components/change-badge'
import { topStatLabels, type TopStatMetric } from '../../../shared/stats/top-stats'
import { GraphSkeleton } from './graph-skeleton'

export interface MainGraphProps {
  points: SeriesPoint[] | undefined
  interval: GraphInterval
  metric: TopStatMetric
  timeZone: string
  comparing: boolean
  /** The period reaches now: its last bucket is still running and is drawn dashed. */
  lastIsRunning?: boolean
  /** A click on a bucket zooms into it (its label); absent where the graph cannot zoom (hours). */
  onZoom?: (label: string) => void
  /** The site's annotations on their buckets (kept on this machine), drawn as dashed vertical lines. */
  annotations?: AnnotationMark[]
}

const chartHeight = 320
/** Above this many buckets points are not drawn one by one: the line says it all, and stays fast. */
const maxDots = 100
const maxTicks = 12
/** Points handed to recharts: about one per pixel column of a wide window (see `decimate`). */
const maxDrawn = 1000

/** The site's zone abbreviation for an hour label ("EDT"/"EST"): tells the two 1 a.m.s of a fall-back day apart. */
function zoneName(label: string, occurrence: number, timeZone: string): string {
  const [date, time] = label.split(' ')
  if (!date || !time) return ''
  const instants = instantsOfWallTime(timeZone, { date, time })
  const instant = instants[occurrence] ?? instants[0]
  if (instant === undefined) return ''
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instant)
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? ''
}

export function MainGraph({
  points,
  interval,
  metric,
  timeZone,
  comparing,
  lastIsRunning = false,
  onZoom,
  annotations = [],
}: MainGraphProps): React.JSX.Element {
  const drawnPoints = useMemo(
    () => (points ? withRunningBucket(decimate(points, maxDrawn), lastIsRunning) : undefined),
    [points, lastIsRunning],
  )
  const ticks = useMemo(() => {
    if (!drawnPoints || drawnPoints.length === 0) return []
    const step = Math.max(1, Math.ceil(drawnPoints.length / maxTicks))
    return drawnPoints.filter((_, i) => i % step === 0).map((point) => point.key)
  }, [drawnPoints])
  if (!points || !drawnPoints) {
    return <GraphSkeleton />
  }
  const byKey = new Map(drawnPoints.map((point) => [point.key, point]))
  const manyDays = interval === 'time:hour' && points.length > 25
  const tickText = (key: string): string => {
    const point = byKey.get(key)
    if (!point) return ''
    return manyDays ? formatBucketLabel(point.label, 'time:day') : formatBucketLabel(point.label, interval)
  }
  const drawn = points.filter((point) => point.value !== null).length
  const hasRunning = hasRunningStretch(drawnPoints)
  const dots = points.length <= maxDots
  return (
    <div
      className="chart"
      data-testid="visitors-chart"
      data-points={drawn}
      data-buckets={points.length}
      data-drawn={drawnPoints.length}
      data-dots={dots ? drawn : 0}
      data-metric={metric}
      data-interval={interval}
      data-annotations={JSON.stringify(
        annotations.filter((mark) => byKey.has(mark.key)).map((mark) => mark.key),
      )}
    >
      <ResponsiveContainer width="100%" height={chartHeight}>
        <ComposedChart
          data={drawnPoints}
          margin={{ top: 16, right: 28, bottom: 4, left: 0 }}
          className={onZoom ? 'chart--zoomable' : undefined}
          onClick={(state) => {
            const point = typeof state.activeLabel === 'string' ? byKey.get(state.activeLabel) : undefined
            if (onZoom && point && point.value !== null) onZoom(point.label)
          }}
        >
          <defs>
            <linearGradient id="graph-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="currentColor" stopOpacity={0.22} />
              <stop offset="100%" stopColor="currentColor" stopOpacity={0} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} strokeDasharray="0" />
          <XAxis
            dataKey="key"
            ticks={ticks}
            interval={0}
            tickFormatter={tickText}
            tickLine={false}
            axisLine={false}
            tickMargin={10}
          />
          <YAxis
            tickFormatter={(value: number) =>
              metric === 'visit_duration' || metric === 'bounce_rate' || metric === 'conversion_rate'
                ? formatMetric(metric, value)
                : formatShortNumber(value)
            }
            tickLine={false}
            axisLine={false}
            allowDecimals={metric === 'views_per_visit' || metric === 'conversion_rate'}
            width={56}
          />
          <Tooltip
            content={(props) => (
              <GraphTooltip
                {...props}
                interval={interval}
                metric={metric}
                timeZone={timeZone}
                comparing={comparing}
              />
            )}
            cursor={{ className: 'chart__cursor' }}
            isAnimationActive={false}
          />
          {annotations
            .filter((mark) => byKey.has(mark.key))
            .map((mark) => (
              <ReferenceLine
                key={mark.key}
                x={mark.key}
                className="chart__annotation"
                stroke="var(--annotation)"
                strokeWidth={1.5}
                strokeDasharray="3 3"
                label={{
                  value: `▲${mark.annotations.length > 1 ? ` ${mark.annotations.length}` : ''}`,
                  position: 'insideTopLeft',
                  fill: 'var(--annotation)',
                  fontSize: 11,
                }}
              />
            ))}
          {comparing ? (
            <Line
              type="monotone"
              dataKey="comparisonValue"
              name="Comparison"
              className="chart__comparison"
              stroke="var(--comparison)"
              strokeWidth={2}
              strokeDasharray="5 4"
              dot={false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          ) : null}
          {/* The fill and the dots under every bucket; the line over it is solid, then dashed into the running one. */}
          <Area
            type="monotone"
            dataKey="value"
            name={topStatLabels[metric]}
            stroke="none"
            fill="url(#graph-fill)"
            dot={dots ? GraphPoint : false}
            activeDot={{ r: 5, className: 'chart__active-dot' }}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="solid"
            stroke="currentColor"
            strokeWidth={2.5}
            dot={false}
            activeDot={false}
            legendType="none"
            tooltipType="none"
            isAnimationActive={false}
          />
          {hasRunning ? (
            <Line
              type="monotone"
              dataKey="partial"
              className="chart__running"
              stroke="currentColor"
              strokeWidth={2.5}
              strokeDasharray="4 4"
              dot={false}
              activeDot={false}
              legendType="none"
              tooltipType="none"
              isAnimationActive={false}
            />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  )
}

/** One dot per bucket that has a value; tests read them (`chart-point`), buckets not yet started draw none. */
function GraphPoint(props: DotItemDotProps): React.ReactNode {
  const point = props.payload as SeriesPoint | undefined
  if (props.cx == null || props.cy == null || !point || point.value === null) return null
  return (
    <circle
      key={point.key}
      className="chart__point"
      data-testid="chart-point"
      data-label={point.label}
      data-value={point.value}
      data-comparison-label={point.comparisonLabel ?? ''}
      data-comparison-value={point.comparisonValue ?? ''}
      cx={props.cx}
      cy={props.cy}
      r={3}
    />
  )
}

function GraphTooltip({
  active,
  payload,
  interval,
  metric,
  timeZone,
  comparing,
}: TooltipContentProps & {
  interval: GraphInterval
  metric: TopStatMetric
  timeZone: string
  comparing: boolean
}): React.JSX.Element | null {
  const point = payload?.[0]?.payload as DrawnSeriesPoint | undefined
  if (!active || !point) return null
  const title = (label: string, occurrence: number): string => {
    const base = formatBucketTitle(label, interval)
    return interval === 'time:hour' ? `${base} ${zoneName(label, occurrence, timeZone)}` : base
  }
  return (
    <div className="chart__tooltip" data-testid="chart-tooltip">
      <div className="chart__tooltip-metric">{topStatLabels[metric]}</div>
      <div className="chart__tooltip-row">
        <span className="chart__tooltip-swatch" aria-hidden="true" />
        <span className="chart__tooltip-label">{title(point.label, point.occurrence)}</span>
        <strong>{point.value === null ? '—' : formatMetric(metric, point.value)}</strong>
      </div>
      {comparing && point.comparisonLabel !== undefined ? (
        <div className="chart__tooltip-row">
          <span className="chart__tooltip-swatch chart__tooltip-swatch--comparison" aria-hidden="true" />
          <span className="chart__tooltip-label">{title(point.comparisonLabel, 0)}</span>
          <strong>{formatMetric(metric, point.comparisonValue ?? null)}</strong>
        </div>
      ) : null}
      {comparing && point.comparisonLabel !== undefined ? (
        <div className="chart__tooltip-row chart__tooltip-change">
          <ChangeBadge
            metric={metric}
            change={metricChange(metric, point.comparisonValue ?? null, point.value)}
            testId="chart-tooltip-change"
          />
        </div>
      ) : null}
    </div>
  )
}
