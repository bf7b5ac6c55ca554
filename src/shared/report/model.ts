// The report as data (zod): what `report.build` answers, what `plausible report --format json` prints,
// and what the Markdown and HTML renderers read. Raw numbers travel; the renderers format them.
import { z } from 'zod'
import { DateRange } from '../plausible/query'
import { periodKeys } from '../stats/periods'
import { lazySchema } from '../lazy-schema'
import { Annotation } from '../annotations/annotation'

const isoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'))

/** The dashboard's periods a report can cover (realtime has no report: it is a single number). */
export const reportPeriodKeys = periodKeys.filter((key) => key !== 'realtime')
export type ReportPeriodKey = Exclude<(typeof periodKeys)[number], 'realtime'>

/** A period as the dashboard names it: key, an anchor day for day/month/year, a custom range. */
export const ReportPeriod = lazySchema(() =>
  z
    .object({
      key: z.enum(reportPeriodKeys as [ReportPeriodKey, ...ReportPeriodKey[]]),
      date: isoDate.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .strict()
    .refine((period) => period.key !== 'custom' || (period.from !== undefined && period.to !== undefined), {
      message: 'a custom period needs from and to',
    })
    .refine((period) => period.from === undefined || period.to === undefined || period.from <= period.to, {
      message: 'the custom period ends before it starts',
    }),
)
export type ReportPeriod = z.infer<typeof ReportPeriod>

export const reportCompareModes = ['previous_period', 'year_over_year'] as const
export const ReportCompareMode = lazySchema(() => z.enum(reportCompareModes))
export type ReportCompareMode = z.infer<typeof ReportCompareMode>

/** Which sites: one, every site of one account, or every site of every account. */
export const ReportScope = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('site'), site: z.string().min(1) }).strict(),
    z.object({ kind: z.literal('account') }).strict(),
    z.object({ kind: z.literal('all-accounts') }).strict(),
  ]),
)
export type ReportScope = z.infer<typeof ReportScope>

export const ReportStat = lazySchema(() =>
  z.object({
    metric: z.string(),
    label: z.string(),
    /** The server's number; null when it sent none. */
    value: z.number().nullable(),
    /** With a comparison: the comparison period's value and the change (%, points for bounce rate). */
    comparisonValue: z.number().nullable(),
    change: z.number().nullable(),
  }),
)
export type ReportStat = z.infer<typeof ReportStat>

export const reportTableIds = ['sources', 'pages', 'countries', 'devices', 'goals'] as const
export type ReportTableId = (typeof reportTableIds)[number]

export const ReportTable = lazySchema(() =>
  z.object({
    id: z.enum(reportTableIds),
    title: z.string(),
    /** The first column's caption (Source, Page, Country…). */
    columnLabel: z.string(),
    /** The metrics of each row, in order, with their captions. */
    metrics: z.array(z.string()),
    metricLabels: z.array(z.string()),
    rows: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  }),
)
export type ReportTable = z.infer<typeof ReportTable>

export const ReportSeriesPoint = lazySchema(() =>
  z.object({
    /** The bucket as the server labels it (`2026-11-03`, `2026-11-03 14:00:00`). */
    label: z.string(),
    /** Visitors in the bucket; null for a bucket that has not started yet. */
    value: z.number().nullable(),
  }),
)
export type ReportSeriesPoint = z.infer<typeof ReportSeriesPoint>

export const ReportSeries = lazySchema(() =>
  z.object({
    metric: z.literal('visitors'),
    interval: z.enum(['time:hour', 'time:day', 'time:week', 'time:month']),
    points: z.array(ReportSeriesPoint),
  }),
)
export type ReportSeries = z.infer<typeof ReportSeries>

export const SiteReport = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string(),
    timezone: z.string(),
    period: z.object({
      label: z.string(),
      /** Inclusive days in the site's timezone; null for the rolling 24 hours and all time. */
      first: isoDate.nullable(),
      last: isoDate.nullable(),
      dateRange: DateRange,
    }),
    comparison: z
      .object({
        mode: ReportCompareMode,
        label: z.string(),
        first: isoDate.nullable(),
        last: isoDate.nullable(),
        dateRange: DateRange,
      })
      .nullable(),
    topStats: z.array(ReportStat),
    series: ReportSeries,
    tables: z.array(ReportTable),
    /** Things the reader should know (the timezone was not known, so UTC was used). */
    notes: z.array(z.string()),
    /** This machine's annotations of the site dated within the period (issue 19 item 12), oldest first. */
    annotations: z.array(Annotation).optional(),
  }),
)
export type SiteReport = z.infer<typeof SiteReport>

/** A site of an --all-sites report that could not be reported, with the error's own words. */
export const ReportFailure = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    hint: z.string().nullable(),
  }),
)
export type ReportFailure = z.infer<typeof ReportFailure>

export const Report = lazySchema(() =>
  z.object({
    title: z.string(),
    /** When the report was made (ISO 8601, UTC). */
    generatedAt: z.string(),
    periodLabel: z.string(),
    compare: ReportCompareMode.nullable(),
    sites: z.array(SiteReport),
    failures: z.array(ReportFailure),
    /**
     * What the report cost: `queries` reads it asked for (stats queries and site lists), `sent` the
     * requests that went out — the rest were answered from the read cache or joined a read in flight.
     */
    requests: z.object({ queries: z.number().int().nonnegative(), sent: z.number().int().nonnegative() }),
  }),
)
export type Report = z.infer<typeof Report>
