// The action of `plausible stats breakdown` (registered in breakdown.ts), loaded when the command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { breakdownQuery, is } from '../../../shared/plausible/builders'
import { MetricValue, type V2Response } from '../../../shared/plausible/query'
import { totalRowsOf } from '../../../shared/plausible/response-meta'
import type { FilterDimension, Metric } from '../../../shared/plausible/vocabulary'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi } from '../../shared-options'
import { changeOf } from './comparison-values'
import { filtersOf, metricsOf, nowOf, rangesOf } from './stats-flags'
import { ComparisonPeriod, ResolvedRange } from './stats-output'
import type { BreakdownFlags } from './breakdown'

const Row = lazySchema(() =>
  z.object({
    dimensions: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    metrics: z.record(z.string(), MetricValue),
    /** --compare: the same row in the comparison period (null when it had none) and each change. */
    comparison: z.record(z.string(), MetricValue).nullable().optional(),
    change: z.record(z.string(), z.number().nullable()).optional(),
  }),
)

export const BreakdownOutput = lazySchema(() =>
  z.object({
    site: z.string(),
    dateRange: ResolvedRange,
    dimensions: z.array(z.string()),
    metrics: z.array(z.string()),
    page: z.number().int().positive(),
    limit: z.number().int().positive(),
    /** Rows before paging (`meta.total_rows`, §4.6); null when the server did not say. */
    totalRows: z.number().int().nonnegative().nullable(),
    comparison: ComparisonPeriod.optional(),
    rows: z.array(Row),
  }),
)

function rowsOf(response: V2Response, dimensions: readonly string[], metrics: readonly Metric[]) {
  return response.results.map((result) => ({
    dimensions: Object.fromEntries(
      dimensions.map((dimension, index) => [dimension, result.dimensions[index] ?? null]),
    ),
    metrics: Object.fromEntries(metrics.map((metric, index) => [metric, result.metrics[index] ?? null])),
  }))
}

function keyOf(row: { dimensions: Record<string, unknown> }, dimensions: readonly string[]): string {
  return JSON.stringify(dimensions.map((dimension) => row.dimensions[dimension] ?? null))
}

export async function runStatsBreakdown(ctx: CliContext, flags: BreakdownFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const limit = flags.limit ?? 100
    const page = flags.page ?? 1
    const warn = (message: string): void => void ctx.stderr.write(`warning: ${message}\n`)
    const note = (message: string): void => void ctx.stderr.write(`note: ${message}\n`)
    const ranges = await rangesOf(flags, api, account, nowOf(ctx.env), warn)
    const dimensions = [...new Set(flags.dimension)]
    const metrics: Metric[] = metricsOf(flags, ['visitors'], dimensions, note)
    const ask = (dateRange: typeof ranges.dateRange, paging: { limit: number; page: number }) =>
      api['stats.query']({
        ...(account ? { account } : {}),
        query: breakdownQuery(flags.site, {
          metrics,
          dateRange,
          dimensions,
          filters: filtersOf(flags),
          ...paging,
        }),
      })
    const response = await ask(ranges.dateRange, { limit, page })
    const rows = rowsOf(response, dimensions, metrics)
    let previousRows: Map<string, Record<string, unknown>> | null = null
    let previous: V2Response | null = null
    if (ranges.comparison) {
      // The comparison is asked only for the values this page shows, so its own order cannot hide one.
      const shown = rows.map((row) => dimensions.map((dimension) => row.dimensions[dimension]))
      previous =
        shown.length === 0
          ? null
          : await api['stats.query']({
              ...(account ? { account } : {}),
              query: breakdownQuery(flags.site, {
                metrics,
                dateRange: ranges.comparison.totalsDateRange,
                dimensions,
                filters: [
                  ...filtersOf(flags),
                  ...dimensions.map((dimension, index) =>
                    is(
                      dimension as FilterDimension,
                      [...new Set(shown.map((values) => values[index]))].filter(
                        (value): value is string | number => value !== null && value !== undefined,
                      ),
                    ),
                  ),
                ],
                limit: Math.min(10_000, Math.max(1, shown.length)),
                totalRows: false,
              }),
            })
      previousRows = new Map(
        (previous ? rowsOf(previous, dimensions, metrics) : []).map((row) => [
          keyOf(row, dimensions),
          row.metrics,
        ]),
      )
    }
    const compared = rows.map((row) => {
      if (!previousRows) return row
      const other = previousRows.get(keyOf(row, dimensions)) ?? null
      return {
        ...row,
        comparison: other,
        change: Object.fromEntries(
          metrics.map((metric) => [metric, changeOf(metric, other?.[metric], row.metrics[metric])]),
        ),
      }
    })
    await emit(ctx, flags, {
      value: {
        site: flags.site,
        dateRange: response.query.date_range ?? ranges.dateRange,
        dimensions,
        metrics,
        page,
        limit,
        // Not the 0 a page past the last row says (§4.7): unknown there.
        totalRows: totalRowsOf(response),
        ...(ranges.comparison && flags.compare
          ? {
              comparison: {
                mode: flags.compare,
                label: ranges.comparison.label,
                dateRange: previous?.query.date_range ?? ranges.comparison.totalsDateRange,
              },
            }
          : {}),
        rows: compared,
      },
      rows: compared.map((row) => ({
        ...row.dimensions,
        ...row.metrics,
        ...('change' in row
          ? {
              ...Object.fromEntries(
                metrics.map((metric) => [`comparison_${metric}`, row.comparison?.[metric] ?? null]),
              ),
              ...Object.fromEntries(
                metrics.map((metric) => [`change_${metric}`, row.change?.[metric] ?? null]),
              ),
            }
          : {}),
      })),
    })
  })
}
