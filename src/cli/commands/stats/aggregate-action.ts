// The action of `plausible stats aggregate` (registered in aggregate.ts), loaded when the command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { aggregateQuery } from '../../../shared/plausible/builders'
import { MetricValue } from '../../../shared/plausible/query'
import type { Metric } from '../../../shared/plausible/vocabulary'
import { topStatMetrics } from '../../../shared/stats/top-stats'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { renderTable } from '../../output'
import { withApi } from '../../shared-options'
import { changeOf, formatValue } from './comparison-values'
import { filtersOf, metricsOf, nowOf, rangesOf } from './stats-flags'
import { ComparisonPeriod, ResolvedRange } from './stats-output'
import type { StatsFlags } from './stats-options'

export const AggregateOutput = lazySchema(() =>
  z.object({
    site: z.string(),
    /** As the server resolved it: ISO datetimes with the site's offset (or the requested range if it did not say). */
    dateRange: ResolvedRange,
    metrics: z.record(z.string(), MetricValue),
    /** --compare: the comparison period's values and each metric's change (%, or points for bounce rate). */
    comparison: ComparisonPeriod.extend({
      metrics: z.record(z.string(), MetricValue),
      change: z.record(z.string(), z.number().nullable()),
    }).optional(),
  }),
)

/** The dashboard's top stats, so the CLI and the window answer the same question by default. */
const defaultMetrics: Metric[] = [...topStatMetrics]

function formatChange(metric: string, change: number | null | undefined): string {
  if (change === null || change === undefined) return '—'
  const sign = change > 0 ? '+' : ''
  return metric === 'bounce_rate' ? `${sign}${change} pts` : `${sign}${change}%`
}

export async function runStatsAggregate(ctx: CliContext, flags: StatsFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const warn = (message: string): void => void ctx.stderr.write(`warning: ${message}\n`)
    const note = (message: string): void => void ctx.stderr.write(`note: ${message}\n`)
    const ranges = await rangesOf(flags, api, account, nowOf(ctx.env), warn)
    const metrics = metricsOf(flags, defaultMetrics, [], note)
    const build = (dateRange: typeof ranges.dateRange) =>
      aggregateQuery(flags.site, { metrics, dateRange, filters: filtersOf(flags) })
    const ask = (query: ReturnType<typeof build>) =>
      api['stats.query']({ ...(account ? { account } : {}), query })
    const [response, previous] = await Promise.all([
      ask(build(ranges.dateRange)),
      ranges.comparison ? ask(build(ranges.comparison.totalsDateRange)) : Promise.resolve(null),
    ])
    const valuesOf = (answer: typeof response) =>
      Object.fromEntries(metrics.map((metric, index) => [metric, answer.results[0]?.metrics[index] ?? null]))
    const current = valuesOf(response)
    const comparison =
      previous && ranges.comparison && flags.compare
        ? {
            mode: flags.compare,
            label: ranges.comparison.label,
            dateRange: previous.query.date_range ?? ranges.comparison.totalsDateRange,
            metrics: valuesOf(previous),
            change: Object.fromEntries(
              metrics.map((metric) => [
                metric,
                changeOf(metric, valuesOf(previous)[metric], current[metric]),
              ]),
            ),
          }
        : undefined
    await emit(ctx, flags, {
      value: {
        site: flags.site,
        dateRange: response.query.date_range ?? ranges.dateRange,
        metrics: current,
        ...(comparison ? { comparison } : {}),
      },
      rows: metrics.map((metric) => ({
        metric,
        value: current[metric] ?? null,
        ...(comparison
          ? { comparison: comparison.metrics[metric] ?? null, change: comparison.change[metric] ?? null }
          : {}),
      })),
      text: renderTable(
        comparison ? ['metric', 'value', comparison.label, 'change'] : ['metric', 'value'],
        metrics.map((metric) => [
          metric,
          formatValue(current[metric]),
          ...(comparison
            ? [formatValue(comparison.metrics[metric]), formatChange(metric, comparison.change[metric])]
            : []),
        ]),
      ),
    })
  })
}
