// `plausible stats breakdown`: rows grouped by one or more dimensions (sources, pages, countries…), one
// page at a time, with the row count before paging; --compare adds each row's value in the comparison
// period (matched by its dimension values) and the change.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { z } from 'zod'
import { breakdownQuery, is } from '../../../shared/plausible/builders'
import { MetricValue, type V2Response } from '../../../shared/plausible/query'
import {
  isDimension,
  type Dimension,
  type FilterDimension,
  type Metric,
} from '../../../shared/plausible/vocabulary'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, positiveInteger, withApi } from '../../shared-options'
import { changeOf } from './comparison-values'
import { addStatsOptions, filtersOf, metricsOf, nowOf, rangesOf, type StatsFlags } from './stats-options'

const Row = z.object({
  dimensions: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  metrics: z.record(z.string(), MetricValue),
  /** --compare: the same row in the comparison period (null when it had none) and each change. */
  comparison: z.record(z.string(), MetricValue).nullable().optional(),
  change: z.record(z.string(), z.number().nullable()).optional(),
})

export const BreakdownOutput = z.object({
  site: z.string(),
  dateRange: z.union([z.tuple([z.string(), z.string()]), z.string()]),
  dimensions: z.array(z.string()),
  metrics: z.array(z.string()),
  page: z.number().int().positive(),
  limit: z.number().int().positive(),
  /** Rows before paging (`meta.total_rows`, §4.6); null when the server did not say. */
  totalRows: z.number().int().nonnegative().nullable(),
  comparison: z
    .object({
      mode: z.enum(['previous_period', 'year_over_year']),
      label: z.string(),
      dateRange: z.union([z.tuple([z.string(), z.string()]), z.string()]),
    })
    .optional(),
  rows: z.array(Row),
})

interface BreakdownFlags extends StatsFlags {
  dimension: Dimension[]
  limit?: number
  page?: number
}

function collectDimension(value: string, previous: Dimension[] = []): Dimension[] {
  if (!isDimension(value) || value.startsWith('time'))
    throw new InvalidArgumentError(
      'Use a dimension such as visit:source, visit:country, event:page, event:goal or event:props:<name>.',
    )
  return [...previous, value as Dimension]
}

export function registerStatsBreakdown(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addStatsOptions(
      stats
        .command('breakdown')
        .description(
          'Top sources, pages, countries…: metrics grouped by one or more dimensions, a page at a time.',
        ),
    )
      .addOption(
        new Option(
          '--dimension <name>',
          'dimension to group by, e.g. visit:source, event:page, visit:country; repeat to group by several',
        )
          .argParser(collectDimension)
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--limit <n>', 'rows per page, 1–10000 (default 100)').argParser(
          positiveInteger('--limit'),
        ),
      )
      .addOption(
        new Option('--page <n>', 'page number, from 1 (default 1)').argParser(positiveInteger('--page')),
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: BreakdownOutput,
    examples: [
      {
        command: 'plausible stats breakdown --site example.com --dimension visit:source',
        description: 'top sources of the last 30 days',
      },
      {
        command:
          'plausible stats breakdown --site example.com --dimension event:page --metric visitors --metric pageviews --limit 10 --page 2',
        description: 'pages 11–20 by visitors, with pageviews',
      },
      {
        command:
          'plausible stats breakdown --site example.com --dimension visit:country --period 7d --compare previous_period --json',
        description: 'countries this week against last week, as JSON',
      },
    ],
  })
  command.action((flags: BreakdownFlags) =>
    withApi(ctx, flags, async (api, account) => {
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
          totalRows: response.meta.total_rows ?? null,
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
    }),
  )
}

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
