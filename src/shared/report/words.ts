// What every rendering of a report says the same way: values as the dashboard writes them, a change with
// its sign and unit, the period's days, the title, the cost line, and the visitors series as a sparkline.
import type { Metric } from '../plausible/vocabulary'
import { formatMetric } from '../stats/format'
import { formatDay } from '../stats/periods'
import type { Report, ReportSeriesPoint, SiteReport } from './model'

export function formatValue(metric: string, value: number | null): string {
  return formatMetric(metric as Metric, value)
}

/** `+9%`, `−3%`, `+2 pts` (bounce rate), `+0.4 pts` (conversion rate), `—` when there is nothing to compare. */
export function formatChange(metric: string, change: number | null): string {
  if (change === null) return '—'
  const sign = change > 0 ? '+' : change < 0 ? '−' : ''
  const size = Math.abs(change)
  return metric === 'bounce_rate' || metric === 'conversion_rate' ? `${sign}${size} pts` : `${sign}${size}%`
}

/** Whether a change is good news: less bouncing is better, more of everything else. */
export function isGoodChange(metric: string, change: number | null): boolean | null {
  if (change === null || change === 0) return null
  return metric === 'bounce_rate' ? change < 0 : change > 0
}

/** `16 Nov – 22 Nov 2026`, one day alone, or the period's label when the server alone knows its days. */
export function daysOf(first: string | null, last: string | null, fallback: string): string {
  if (first === null || last === null) return fallback
  if (first === last) return formatDay(first)
  return first.slice(0, 4) === last.slice(0, 4)
    ? `${formatDay(first, false)} – ${formatDay(last)}`
    : `${formatDay(first)} – ${formatDay(last)}`
}

/** One line under a site's name: the period, its days, and what it is compared with. */
export function periodLine(site: SiteReport): string {
  const days = daysOf(site.period.first, site.period.last, '')
  const period = days ? `${site.period.label} (${days})` : site.period.label
  const comparison = site.comparison ? ` · compared with ${site.comparison.label}` : ''
  return `${period}${comparison}`
}

export function reportTitle(sites: readonly string[]): string {
  if (sites.length === 1) return `Report for ${sites[0]}`
  return `Report for ${sites.length} sites`
}

/** `2026-11-23 14:30 UTC`: the instant the report was made, the same for every reader. */
export function generatedLine(report: Pick<Report, 'generatedAt'>): string {
  const iso = new Date(report.generatedAt).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** What the report cost, in a sentence. */
export function costLine(report: Pick<Report, 'requests'>): string {
  const { queries, sent } = report.requests
  const reads = queries === 1 ? '1 read' : `${queries} reads`
  const requests = sent === 1 ? '1 API request sent' : `${sent} API requests sent`
  const cached = queries - sent
  return cached > 0 ? `${reads}: ${requests}, ${cached} answered from the cache` : `${reads}: ${requests}`
}

const bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const

/** The most characters a sparkline takes: longer series are averaged into this many groups. */
export const sparklineWidth = 60

/**
 * The series as block characters, from zero (▁) to its highest value (█), so a flat week does not look
 * like a rollercoaster. A bucket that has not started yet is a space; more than `width` buckets are
 * averaged in equal groups.
 */
export function textSparkline(points: readonly ReportSeriesPoint[], width = sparklineWidth): string {
  const values = groupMeans(
    points.map((point) => point.value),
    width,
  )
  const max = Math.max(0, ...values.filter((value): value is number => value !== null))
  return values
    .map((value) => {
      if (value === null) return ' '
      if (max === 0) return bars[0]
      return bars[Math.min(bars.length - 1, Math.round((value / max) * (bars.length - 1)))]
    })
    .join('')
    .trimEnd()
}

function groupMeans(values: ReadonlyArray<number | null>, width: number): Array<number | null> {
  if (values.length <= width) return [...values]
  const size = values.length / width
  const groups: Array<number | null> = []
  for (let group = 0; group < width; group++) {
    const slice = values
      .slice(Math.floor(group * size), Math.floor((group + 1) * size))
      .filter((value): value is number => value !== null)
    groups.push(slice.length === 0 ? null : slice.reduce((sum, value) => sum + value, 0) / slice.length)
  }
  return groups
}

/** Total, peak and where the peak was: the words beside the sparkline (and under the chart). */
export function seriesSummary(points: readonly ReportSeriesPoint[]): string {
  const known = points.filter((point): point is { label: string; value: number } => point.value !== null)
  if (known.length === 0) return 'no visitors yet'
  const peak = known.reduce((best, point) => (point.value > best.value ? point : best))
  return `peak ${formatValue('visitors', peak.value)} on ${peak.label}`
}
