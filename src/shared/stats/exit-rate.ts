// Exit rate for the Exit Pages details, worked out from public queries: Plausible's own dashboard asks an
// internal `exit_rate` metric the public API refuses (plausible-api.md §4.3), defined as a page's exits over
// its pageviews under the same filters. The exits are the exit-page breakdown's visits (already on screen);
// the pageviews are one more request, for exactly the pages of the shown page of rows.
import { breakdownQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import type { BreakdownRow } from './breakdowns'
import { toV2Filters, type DashboardFilter } from './filters'

/** The pageviews of these pages (the shown exit pages), with the details' filters: one request. */
export function exitPagesPageviewsQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
  pages: readonly string[],
  imports = false,
): V2Query {
  return breakdownQuery(siteId, {
    metrics: ['pageviews'],
    dateRange,
    dimensions: ['event:page'],
    filters: [...toV2Filters(filters), ['is', 'event:page', [...pages]]],
    limit: pages.length,
    totalRows: false,
    ...(imports ? { imports: true } : {}),
  })
}

/**
 * Each exit page's exit rate in percent, one decimal: its exits (visits that ended there) over the page's
 * pageviews; null where the page had no pageview in the answer (nothing to divide by).
 */
export function exitRates(rows: readonly BreakdownRow[], pageviews: V2Response): Map<string, number | null> {
  const viewsByPage = new Map(
    pageviews.results.map((row) => [String(row.dimensions[0]), Number(row.metrics[0] ?? 0)]),
  )
  return new Map(
    rows.map((row) => {
      const views = viewsByPage.get(row.value) ?? 0
      const exits = row.metrics.visits ?? 0
      return [row.value, views > 0 ? Math.round((exits / views) * 1000) / 10 : null]
    }),
  )
}
