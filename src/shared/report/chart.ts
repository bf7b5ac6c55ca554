// The visitors series as an inline SVG tree: an area under a line from zero to the highest bucket, the
// first and last buckets named under it. No script, no external reference, no xmlns (HTML parses inline
// SVG without one, and the file names no URL at all).
import { formatBucketLabel } from '../stats/series'
import type { ReportSeries } from './model'
import { h, type ElementNode } from './html-tree'
import { formatValue } from './words'

export const chartSize = { width: 600, height: 180 } as const
const plot = { left: 44, right: 12, top: 12, bottom: 28 } as const
export const chartColor = '#6366f1'

const round = (value: number): number => Math.round(value * 10) / 10

/** x,y of each bucket with a value, in order; a bucket that has not started yet gets no point. */
export function chartPoints(series: ReportSeries): Array<[number, number]> {
  const { width, height } = chartSize
  const innerWidth = width - plot.left - plot.right
  const innerHeight = height - plot.top - plot.bottom
  const count = series.points.length
  const max = Math.max(0, ...series.points.map((point) => point.value ?? 0))
  const points: Array<[number, number]> = []
  series.points.forEach((point, index) => {
    if (point.value === null) return
    const x = plot.left + (count <= 1 ? innerWidth / 2 : (index / (count - 1)) * innerWidth)
    const y = plot.top + innerHeight - (max === 0 ? 0 : (point.value / max) * innerHeight)
    points.push([round(x), round(y)])
  })
  return points
}

export function visitorsChart(series: ReportSeries, caption: string): ElementNode {
  const { width, height } = chartSize
  const baseline = height - plot.bottom
  const points = chartPoints(series)
  const max = Math.max(0, ...series.points.map((point) => point.value ?? 0))
  const pairs = points.map(([x, y]) => `${x},${y}`).join(' ')
  const first = series.points[0]
  const last = series.points[series.points.length - 1]
  const label = (text: string, x: number, anchor: string): ElementNode =>
    h('text', { attrs: { x, y: height - 8, 'text-anchor': anchor, 'font-size': 11, fill: '#6b7280' } }, text)
  const area =
    points.length > 1
      ? [
          h('polygon', {
            attrs: {
              points: `${points[0]?.[0]},${baseline} ${pairs} ${points[points.length - 1]?.[0]},${baseline}`,
              fill: chartColor,
              'fill-opacity': '0.12',
              stroke: 'none',
            },
          }),
        ]
      : []
  return h(
    'svg',
    {
      attrs: {
        width,
        height,
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'aria-label': caption,
      },
      style: { display: 'block', maxWidth: '100%', height: 'auto' },
    },
    h('title', {}, caption),
    h('line', {
      attrs: { x1: plot.left, y1: baseline, x2: width - plot.right, y2: baseline, stroke: '#d1d5db' },
    }),
    h('line', {
      attrs: {
        x1: plot.left,
        y1: plot.top,
        x2: width - plot.right,
        y2: plot.top,
        stroke: '#e5e7eb',
        'stroke-dasharray': '3 3',
      },
    }),
    h(
      'text',
      {
        attrs: { x: plot.left - 6, y: plot.top + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#6b7280' },
      },
      formatValue('visitors', max),
    ),
    h(
      'text',
      {
        attrs: { x: plot.left - 6, y: baseline + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#6b7280' },
      },
      '0',
    ),
    ...area,
    h('polyline', {
      attrs: {
        points: pairs,
        fill: 'none',
        stroke: chartColor,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      },
    }),
    ...(first ? [label(formatBucketLabel(first.label, series.interval), plot.left, 'start')] : []),
    ...(last && last !== first
      ? [label(formatBucketLabel(last.label, series.interval), width - plot.right, 'end')]
      : []),
  )
}
