// "Details": the full breakdown of one tab, a hundred rows a page, every metric, rows still filter; sorted by
// any column and searched by name, both by the server, so every page of a long list takes part.
import { useEffect, useState } from 'react'
import { useStatsQuery, type SiteRef } from '../api/queries'
import {
  breakdownMetrics,
  columnLabel,
  formatCell,
  pageSize,
  panelQuery,
  toBreakdownPage,
  type BreakdownTab,
  type PanelView,
  type PanelId,
  type BreakdownPage,
} from '../../../shared/stats/breakdowns'
import type { Metric } from '../../../shared/plausible/vocabulary'
import type { DashboardFilter } from '../../../shared/stats/filters'
import type { DateRange } from '../../../shared/plausible/query'
import { Flag } from './location-flag'
import { useMetricRefusal, useUnsupportedMetrics } from '../hooks/use-metric-support'
import { supportedMetrics } from '../../../shared/stats/metric-support'
import { exitPagesPageviewsQuery, exitRates } from '../../../shared/stats/exit-rate'
import { formatPercentage } from '../../../shared/stats/format'
import { ErrorPanel } from './error-panel'
import { panelState } from './panel-state'
import { useSettled } from '../hooks/use-settled'

export interface DetailsModalProps {
  site: SiteRef
  panel: PanelId
  tab: BreakdownTab
  dateRange: DateRange
  filters: DashboardFilter[]
  onFilter: (dimension: string, value: string, label: string) => void
  onExport: () => void
  onClose: () => void
  /** Merge the site's imported data where the server can, as the panel does. */
  imports?: boolean
}

export function DetailsModal({
  site,
  panel,
  tab,
  dateRange,
  filters,
  onFilter,
  onExport,
  onClose,
  imports = false,
}: DetailsModalProps): React.JSX.Element {
  const [page, setPage] = useState(0)
  const [sort, setSort] = useState<PanelView['sort']>()
  const [typed, setTyped] = useState('')
  const search = useSettled(typed, searchSettleMs)
  const unsupported = useUnsupportedMetrics(site.account)
  const metrics = supportedMetrics(breakdownMetrics(panel, tab, filters), unsupported)
  const view: PanelView = {
    ...(sort ? { sort } : {}),
    ...(search.trim() ? { search } : {}),
    ...(imports ? { imports } : {}),
    unsupported,
  }
  // Page 0 unsorted and unsearched is the very query the panel ran: opening the details costs no request.
  const result = useStatsQuery(
    site,
    panelQuery(site.domain, dateRange, filters, panel, tab, page, pageSize, view),
    {
      keepPrevious: true,
    },
  )
  useMetricRefusal(site.account, result.error)
  const sortBy = (metric: Metric): void => {
    // A first click sorts the most first, a second the fewest first, a third back to the server's order.
    setSort(
      sort?.metric !== metric
        ? { metric, direction: 'desc' }
        : sort.direction === 'desc'
          ? { metric, direction: 'asc' }
          : undefined,
    )
    setPage(0)
  }
  const data = result.data ? toBreakdownPage(result.data, metrics) : undefined
  const exitRate = useExitRates(site, dateRange, filters, tab, data, imports)
  const total = data?.totalRows ?? null
  const pages = total === null ? null : Math.max(1, Math.ceil(total / pageSize))
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        event.preventDefault()
        onClose()
      }
    }
    document.addEventListener('keydown', onKey, true)
    return () => document.removeEventListener('keydown', onKey, true)
  }, [onClose])
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={`${tab.columnLabel} details`}
        data-testid="details-modal"
        data-state={panelState(result)}
        data-page={page}
        data-total-rows={total ?? ''}
      >
        <header className="modal__head">
          <h2 className="modal__title">{tab.columnLabel}</h2>
          <input
            className="details-search"
            type="search"
            placeholder={`Search ${tab.columnLabel.toLowerCase()}`}
            aria-label={`Search ${tab.columnLabel.toLowerCase()}`}
            data-testid="details-search"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value)
              setPage(0)
            }}
          />
          <div className="modal__actions">
            <button type="button" className="link-button" data-testid="details-export" onClick={onExport}>
              Export CSV
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Close"
              data-testid="details-close"
              onClick={onClose}
            >
              ×
            </button>
          </div>
        </header>
        {result.error && !data ? (
          <ErrorPanel error={result.error} compact onRetry={() => void result.refetch()} />
        ) : (
          <div className="modal__body">
            <table className="details-table">
              <thead>
                <tr>
                  <th scope="col">{tab.columnLabel}</th>
                  {metrics.map((m) => (
                    <th
                      scope="col"
                      key={m}
                      className="num"
                      aria-sort={
                        sort?.metric === m ? (sort.direction === 'desc' ? 'descending' : 'ascending') : 'none'
                      }
                    >
                      <button
                        type="button"
                        className="link-button link-button--plain"
                        data-testid={`details-sort-${m}`}
                        onClick={() => sortBy(m)}
                      >
                        {columnLabel(panel, m, tab)}
                        {sort?.metric === m ? (sort.direction === 'desc' ? ' ↓' : ' ↑') : ''}
                      </button>
                    </th>
                  ))}
                  {exitRate ? (
                    <th
                      scope="col"
                      className="num"
                      title="Exits over the page’s pageviews, worked out here: not sortable"
                    >
                      Exit rate
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {(data?.rows ?? []).map((row) => (
                  <tr key={row.value} data-testid="details-row" data-value={row.value}>
                    <td>
                      <button
                        type="button"
                        className="link-button link-button--plain"
                        onClick={() => {
                          onFilter(tab.dimension, row.value, row.name)
                          onClose()
                        }}
                      >
                        <Flag dimension={tab.dimension} value={row.value} />
                        {row.name}
                      </button>
                    </td>
                    {metrics.map((m) => (
                      <td key={m} className="num" data-metric={m}>
                        {formatCell(m, row.metrics[m])}
                      </td>
                    ))}
                    {exitRate ? (
                      <td className="num" data-metric="exit_rate">
                        {exitRateText(exitRate.get(row.value))}
                      </td>
                    ) : null}
                  </tr>
                ))}
                {!data
                  ? Array.from({ length: 8 }, (_, i) => (
                      <tr key={i}>
                        <td colSpan={metrics.length + (exitRate ? 2 : 1)}>
                          <span className="skeleton skeleton--row" />
                        </td>
                      </tr>
                    ))
                  : null}
              </tbody>
            </table>
          </div>
        )}
        <footer className="modal__foot">
          <span data-testid="details-range">
            {data && total !== null
              ? `${total === 0 ? 0 : page * pageSize + 1}–${page * pageSize + data.rows.length} of ${total}`
              : ''}
          </span>
          <span className="pager">
            <button
              type="button"
              className="button button--ghost"
              data-testid="details-prev"
              disabled={page === 0}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>
            <button
              type="button"
              className="button button--ghost"
              data-testid="details-next"
              disabled={pages === null || page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              Next
            </button>
          </span>
        </footer>
      </div>
    </div>
  )
}

/**
 * The Exit Pages' exit rates for the rows shown (exit-rate.ts): one request for those pages' pageviews.
 * Null (no column) on other tabs, and under a goal filter, where the list counts conversions, not exits.
 */
function useExitRates(
  site: SiteRef,
  dateRange: DateRange,
  filters: DashboardFilter[],
  tab: BreakdownTab,
  data: BreakdownPage | undefined,
  imports: boolean,
): Map<string, number | null> | null {
  const applies = tab.dimension === 'visit:exit_page' && data?.metrics.includes('visits') === true
  const pages = applies && data ? data.rows.map((row) => row.value) : []
  const pageviews = useStatsQuery(
    site,
    pages.length > 0 ? exitPagesPageviewsQuery(site.domain, dateRange, filters, pages, imports) : null,
  )
  if (!applies) return null
  return pageviews.data && data ? exitRates(data.rows, pageviews.data) : new Map()
}

/** A rate still on its way reads as an ellipsis; a page without pageviews as a dash. */
function exitRateText(rate: number | null | undefined): string {
  return rate === undefined ? '…' : rate === null ? '-' : formatPercentage(rate)
}

/** The search is sent once typing pauses, not on every key. */
const searchSettleMs = 300
