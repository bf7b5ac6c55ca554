// Fills a sparse v2 time series onto its complete axis: the server returns only buckets with data (§4.8),
// `meta.time_labels` lists every bucket. The one implementation: the graph and the CLI both use it.
import type { V2Response } from './query'

export type SeriesValue = V2Response['results'][number]['metrics'][number]

/** Metrics that the server's timeseries `empty_row` sets to nil rather than 0 (src: legacy timeseries.ex). */
const nullWhenEmpty = new Set([
  'visit_duration',
  'scroll_depth',
  'time_on_page',
  'total_revenue',
  'average_revenue',
])

export interface FilledBucket {
  /** The bucket label as the server writes it: `2026-11-03`, `2026-11-03 14:00:00`, `2026-11-01`. */
  label: string
  /** 0, or 1 for the second bucket of a repeated label (the fall-back DST hour). */
  occurrence: number
  /** One value per requested metric, in request order. */
  metrics: SeriesValue[]
  /** False for a bucket the server sent no row for (filled locally). */
  hasData: boolean
}

export interface FillTimeSeriesOptions {
  /** Which column of `dimensions` holds the time label; default 0. */
  timeColumn?: number
  /**
   * The label of the bucket that holds "now". Buckets after it are in the future (today's later hours)
   * and get null instead of a misleading zero.
   */
  currentBucket?: string
  /**
   * The metric names in request order (default: `response.query.metrics`): a missing bucket holds what
   * the server's own v1 zero-fill puts there (§5): 0, or null for the averages of nothing.
   */
  metrics?: readonly string[]
}

/**
 * One bucket per label of `meta.time_labels`, in order: the server's values where it sent a row, zeros
 * where it did not. Without time labels (an old server, or not asked for) the rows alone, sorted, are the axis.
 */
export function fillTimeSeries(response: V2Response, options: FillTimeSeriesOptions = {}): FilledBucket[] {
  const column = options.timeColumn ?? 0
  // A label can repeat: the hour a fall-back DST day lives twice. Rows and labels pair up in order.
  const byKey = new Map<string, SeriesValue[]>()
  const seen = new Map<string, number>()
  const rowLabels: string[] = []
  for (const row of response.results) {
    const label = row.dimensions[column]
    if (label === undefined) continue
    const text = String(label)
    const occurrence = seen.get(text) ?? 0
    seen.set(text, occurrence + 1)
    byKey.set(`${text}#${occurrence}`, row.metrics)
    rowLabels.push(text)
  }
  const echoed = (response.query as { metrics?: unknown }).metrics
  const metricNames =
    options.metrics ??
    (Array.isArray(echoed) ? (echoed as string[]) : undefined) ??
    Array.from({ length: response.results[0]?.metrics.length ?? 1 }, () => 'visitors')
  const labels = response.meta.time_labels ?? [...new Set(rowLabels)].sort()
  const counted = new Map<string, number>()
  const { currentBucket } = options
  return labels.map((label) => {
    const occurrence = counted.get(label) ?? 0
    counted.set(label, occurrence + 1)
    const known = byKey.get(`${label}#${occurrence}`)
    if (known !== undefined) return { label, occurrence, metrics: known, hasData: true }
    // Labels of one interval share one format, so string order is time order.
    const isFuture = currentBucket !== undefined && label > currentBucket
    return {
      label,
      occurrence,
      metrics: metricNames.map((name) => (isFuture || nullWhenEmpty.has(name) ? null : 0)),
      hasData: false,
    }
  })
}
