// The action of `plausible stats timeseries` (registered in timeseries.ts), loaded when the command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { timeseriesQuery } from '../../../shared/plausible/builders'
import { MetricValue, type V2Response } from '../../../shared/plausible/query'
import { fillTimeSeries } from '../../../shared/plausible/time-series'
import type { Metric, TimeDimension } from '../../../shared/plausible/vocabulary'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi } from '../../shared-options'
import { changeOf } from './comparison-values'
import { filtersOf, metricsOf, nowOf, rangesOf } from './stats-flags'
import { ComparisonPeriod, ResolvedRange } from './stats-output'
import type { TimeseriesFlags } from './timeseries'

const Bucket = lazySchema(() =>
  z.object({
    /** The bucket as the server labels it, in the site's timezone: `2026-03-15`, `2026-03-15 14:00:00`. */
    label: z.string(),
    /** False for a bucket the server sent no row for (zero, or null for averages of nothing). */
    hasData: z.boolean(),
    metrics: z.record(z.string(), MetricValue),
    comparison: z
      .object({ label: z.string(), metrics: z.record(z.string(), MetricValue) })
      .nullable()
      .optional(),
    change: z.record(z.string(), z.number().nullable()).optional(),
  }),
)

export const TimeseriesOutput = lazySchema(() =>
  z.object({
    site: z.string(),
    dateRange: ResolvedRange,
    /** `time` lets the server pick from the range length (§4.8). */
    interval: z.enum(['time', 'time:hour', 'time:day', 'time:week', 'time:month']),
    metrics: z.array(z.string()),
    comparison: ComparisonPeriod.optional(),
    buckets: z.array(Bucket),
  }),
)

function bucketsOf(response: V2Response, metrics: readonly Metric[]) {
  return fillTimeSeries(response, { metrics }).map((bucket) => ({
    label: bucket.label,
    hasData: bucket.hasData,
    metrics: Object.fromEntries(metrics.map((metric, index) => [metric, bucket.metrics[index] ?? null])),
  }))
}

export async function runStatsTimeseries(ctx: CliContext, flags: TimeseriesFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const warn = (message: string): void => void ctx.stderr.write(`warning: ${message}\n`)
    const note = (message: string): void => void ctx.stderr.write(`note: ${message}\n`)
    const ranges = await rangesOf(flags, api, account, nowOf(ctx.env), warn)
    const interval: TimeDimension | 'time' = flags.interval ? `time:${flags.interval}` : 'time'
    const metrics: Metric[] = metricsOf(flags, ['visitors'], [interval], note)
    const ask = (dateRange: typeof ranges.dateRange) =>
      api['stats.query']({
        ...(account ? { account } : {}),
        query: timeseriesQuery(flags.site, {
          metrics,
          dateRange,
          filters: filtersOf(flags),
          ...(interval === 'time' ? {} : { interval }),
        }),
      })
    const [response, previous] = await Promise.all([
      ask(ranges.dateRange),
      ranges.comparison ? ask(ranges.comparison.seriesDateRange) : Promise.resolve(null),
    ])
    const primary = bucketsOf(response, metrics)
    const other = previous ? bucketsOf(previous, metrics) : null
    const buckets = primary.map((bucket, index) => {
      if (!other) return bucket
      const partner = other[index]
      return {
        ...bucket,
        comparison: partner ? { label: partner.label, metrics: partner.metrics } : null,
        change: Object.fromEntries(
          metrics.map((metric) => [
            metric,
            changeOf(metric, partner?.metrics[metric], bucket.metrics[metric]),
          ]),
        ),
      }
    })
    await emit(ctx, flags, {
      value: {
        site: flags.site,
        dateRange: response.query.date_range ?? ranges.dateRange,
        interval,
        metrics,
        ...(ranges.comparison && previous && flags.compare
          ? {
              comparison: {
                mode: flags.compare,
                label: ranges.comparison.label,
                dateRange: previous.query.date_range ?? ranges.comparison.seriesDateRange,
              },
            }
          : {}),
        buckets,
      },
      rows: buckets.map((bucket) => ({
        date: bucket.label,
        ...bucket.metrics,
        ...('comparison' in bucket
          ? {
              comparison_date: bucket.comparison?.label ?? null,
              ...Object.fromEntries(
                metrics.map((metric) => [`comparison_${metric}`, bucket.comparison?.metrics[metric] ?? null]),
              ),
              ...Object.fromEntries(
                metrics.map((metric) => [`change_${metric}`, bucket.change?.[metric] ?? null]),
              ),
            }
          : {}),
      })),
    })
  })
}
