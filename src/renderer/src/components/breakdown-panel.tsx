// One report panel: tabs, the top rows with a bar each (a click filters by the row), "Details" for the
// paged full list and CSV export. Property panels also pick which custom property to break down.
import { useState } from 'react'
import type { SiteRef } from '../api/queries'
import { useStatsQuery } from '../api/queries'
import {
  breakdownMetrics,
  listedMetrics,
  columnLabel,
  effectiveTab,
  formatCell,
  pageSize,
  panelQuery,
  propertyTab,
  toBreakdownPage,
  type BreakdownRow,
  type BreakdownTab,
  type PanelSpec,
  type PanelView,
} from '../../../shared/stats/breakdowns'
import type { Metric } from '../../../shared/plausible/vocabulary'
import { metricChange } from '../../../shared/stats/comparison'
import { supportedMetrics } from '../../../shared/stats/metric-support'
import type { DashboardFilter } from '../../../shared/stats/filters'
import type { DateRange } from '../../../shared/plausible/query'
import { ChangeBadge } from './change-badge'
import { ErrorPanel } from './error-panel'
import { SourceIcon } from './site-icon'
import { Flag } from './location-flag'
import { panelState } from './panel-state'
import { useMetricRefusal, useUnsupportedMetrics } from '../hooks/use-metric-support'
import { LazyWorldMap } from './world-map/lazy-world-map'

export interface BreakdownPanelProps {
  site: SiteRef
  spec: PanelSpec
  tabId: string
  onTab: (tabId: string) => void
  dateRange: DateRange
  filters: DashboardFilter[]
  onFilter: (dimension: string, value: string, label: string) => void
  /** Absent in realtime: its window moves every refresh, so there is no fixed list to page or export. */
  onDetails?: (tab: BreakdownTab) => void
  onExport?: (tab: BreakdownTab) => void
  /** Property names offered as tabs (custom props have no public listing call, so they are remembered). */
  propertyNames?: string[]
  onAddProperty?: (name: string) => void
  /** Merge the site's imported data where the server can. */
  imports?: boolean
  /** The chosen comparison's range: each listed row then shows its visitors' change against it. */
  comparisonRange?: DateRange
  /** Realtime: the range moves each refresh; the rows stay on screen while the next answer loads. */
  live?: boolean
}

/** Rows the panel lists before "Details", as Plausible shows them. */
const listedRows = 9

export function BreakdownPanel(props: BreakdownPanelProps): React.JSX.Element {
  const { site, spec, tabId, onTab, dateRange, filters, onFilter, onDetails, onExport } = props
  const tabs = spec.id === 'properties' ? (props.propertyNames ?? []).map(propertyTab) : spec.tabs
  const base = tabs.find((t) => t.id === tabId) ?? tabs[0]
  const tab = base ? effectiveTab(base, filters) : undefined
  const unsupported = useUnsupportedMetrics(site.account)
  const metrics = tab ? supportedMetrics(breakdownMetrics(spec.id, tab, filters), unsupported) : []
  const view: PanelView = { ...(props.imports ? { imports: true } : {}), unsupported }
  const query = tab ? panelQuery(site.domain, dateRange, filters, spec.id, tab, 0, pageSize, view) : null
  const result = useStatsQuery(site, query, props.live ? { persist: false, keepPrevious: true } : {})
  // An older server refuses scroll_depth: remembered for the account, and the query re-runs without it.
  useMetricRefusal(site.account, result.error)
  const page = result.data && tab ? toBreakdownPage(result.data, metrics) : undefined
  // The map lists no rows, so it asks for no row changes.
  const listed = tab?.id === 'map' ? [] : (page?.rows.slice(0, listedRows) ?? [])
  const changes = useRowChanges(props, tab, metrics, listed, view)
  const state = tab ? panelState(result) : 'empty'
  // The list shows the count columns (and a page's time and scroll); percentages and rates stay in the details.
  const shown = tab ? listedMetrics(tab, metrics) : []
  const max = Math.max(1, ...(page?.rows ?? []).map((row) => row.metrics.visitors ?? 0))

  return (
    <section
      className="card panel"
      data-testid={`panel-${spec.id}`}
      data-panel={spec.id}
      data-tab={tab?.id ?? ''}
      data-dimension={tab?.dimension ?? ''}
      data-state={state}
      aria-label={spec.title}
    >
      <header className="panel__head">
        <h2 className="panel__title">{spec.id === 'properties' ? 'Properties' : spec.title}</h2>
        <div className="tabs">
          {/* A tablist holds tabs only: the properties panel has none until one is added, and its form is no tab. */}
          {tabs.length > 0 ? (
            <div className="tabs" role="tablist" aria-label={`${spec.title}: what to break down by`}>
              {tabs.map((t) => (
                <button
                  type="button"
                  role="tab"
                  key={t.id}
                  aria-selected={t.id === base?.id}
                  className={t.id === base?.id ? 'tab tab--active' : 'tab'}
                  data-testid={`tab-${spec.id}-${t.id}`}
                  onClick={() => onTab(t.id)}
                >
                  {t.label}
                </button>
              ))}
            </div>
          ) : null}
          {spec.id === 'properties' ? <AddProperty onAdd={props.onAddProperty} /> : null}
        </div>
      </header>
      {!tab ? (
        <p className="panel__empty">
          Type a custom property’s name (for example <code>plan</code>) to break it down. The site’s allowlist
          (Sites API) shows here by itself where the server has one; the window remembers the names you add.
        </p>
      ) : result.error && !page ? (
        <ErrorPanel error={result.error} compact onRetry={() => void result.refetch()} />
      ) : !page ? (
        <ul className="rows rows--loading" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i} className="skeleton skeleton--row" />
          ))}
        </ul>
      ) : page.rows.length === 0 ? (
        <p className="panel__empty" data-testid="panel-empty">
          No data yet for this period.
        </p>
      ) : tab.id === 'map' ? (
        <>
          {/* The Countries tab's rows, drawn: the same cached answer, no request of the map's own. */}
          <LazyWorldMap
            rows={page.rows}
            onFilter={onFilter}
            truncated={page.totalRows !== null && page.totalRows > page.rows.length}
          />
          {onDetails && onExport ? (
            <PanelFoot panel={spec.id} onDetails={() => onDetails(tab)} onExport={() => onExport(tab)} />
          ) : null}
        </>
      ) : (
        <>
          <div className="rows__head">
            <span>{tab.columnLabel}</span>
            <span className="rows__metrics">
              {shown.map((m) => (
                <span key={m}>{columnLabel(spec.id, m, tab)}</span>
              ))}
            </span>
          </div>
          <ul className="rows">
            {page.rows.slice(0, listedRows).map((row) => (
              <Row
                key={row.value}
                row={row}
                tab={tab}
                shown={shown}
                max={max}
                onFilter={onFilter}
                {...(changes ? { change: changes.get(row.value) ?? null } : {})}
                {...(tab.dimension === 'visit:source' ? { iconAccount: site.account } : {})}
              />
            ))}
          </ul>
          {onDetails && onExport ? (
            <PanelFoot panel={spec.id} onDetails={() => onDetails(tab)} onExport={() => onExport(tab)} />
          ) : null}
        </>
      )}
    </section>
  )
}

function Row({
  row,
  tab,
  shown,
  max,
  onFilter,
  iconAccount,
  change,
}: {
  row: BreakdownRow
  tab: BreakdownTab
  shown: ReturnType<typeof breakdownMetrics>
  max: number
  onFilter: BreakdownPanelProps['onFilter']
  /** The account whose server is asked for a source's icon; none for other dimensions. */
  iconAccount?: string
  /** The visitors' change against the comparison (null: nothing to compare); absent when not comparing. */
  change?: number | null
}): React.JSX.Element {
  const share = Math.round(((row.metrics.visitors ?? 0) / max) * 1000) / 10
  return (
    <li>
      <button
        type="button"
        className="row"
        data-testid="panel-row"
        data-value={row.value}
        data-name={row.name}
        data-visitors={row.metrics.visitors ?? ''}
        title={`Filter by ${row.name}`}
        onClick={() => onFilter(tab.dimension, row.value, row.name)}
      >
        <span className="row__bar" style={{ width: `${share}%` }} aria-hidden="true" />
        <span className="row__name">
          {iconAccount !== undefined ? <SourceIcon name={row.value} account={iconAccount} /> : null}
          <Flag dimension={tab.dimension} value={row.value} />
          {row.name}
        </span>
        <span className="rows__metrics">
          {shown.map((m) => (
            <span key={m} className="row__metric" data-metric={m}>
              {formatCell(m, row.metrics[m])}
            </span>
          ))}
          {change !== undefined ? (
            <ChangeBadge metric="visitors" change={change} testId="row-change" />
          ) : null}
        </span>
      </button>
    </li>
  )
}

function PanelFoot({
  panel,
  onDetails,
  onExport,
}: {
  panel: string
  onDetails: () => void
  onExport: () => void
}): React.JSX.Element {
  return (
    <footer className="panel__foot">
      <button type="button" className="link-button" data-testid={`details-${panel}`} onClick={onDetails}>
        Details
      </button>
      <button type="button" className="link-button" data-testid={`export-${panel}`} onClick={onExport}>
        Export CSV
      </button>
    </footer>
  )
}

function AddProperty({ onAdd }: { onAdd: ((name: string) => void) | undefined }): React.JSX.Element {
  const [name, setName] = useState('')
  return (
    <form
      className="add-property"
      onSubmit={(event) => {
        event.preventDefault()
        const trimmed = name.trim()
        if (trimmed && onAdd) onAdd(trimmed)
        setName('')
      }}
    >
      <input
        type="text"
        className="add-property__input"
        placeholder="+ property"
        aria-label="Add a custom property"
        data-testid="add-property"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
    </form>
  )
}

/**
 * The listed rows' visitors in the comparison period, asked for exactly those rows (one more request per
 * panel while comparing, after the panel's own), as the change beside each; a row the comparison period
 * did not have counts from zero, as Plausible counts it.
 */
function useRowChanges(
  props: BreakdownPanelProps,
  tab: BreakdownTab | undefined,
  metrics: Metric[],
  rows: readonly BreakdownRow[],
  view: PanelView,
): Map<string, number | null> | null {
  const { site, spec, filters, comparisonRange } = props
  const query =
    comparisonRange && tab && rows.length > 0
      ? panelQuery(
          site.domain,
          comparisonRange,
          [...filters, { dimension: tab.dimension, operator: 'is', values: rows.map((row) => row.value) }],
          spec.id,
          tab,
          0,
          rows.length,
          view,
        )
      : null
  const previous = useStatsQuery(site, query)
  if (!query) return null
  if (!previous.data) return new Map()
  const before = new Map(
    toBreakdownPage(previous.data, metrics).rows.map((row) => [row.value, row.metrics.visitors ?? 0]),
  )
  return new Map(
    rows.map((row) => [
      row.value,
      metricChange('visitors', before.get(row.value) ?? 0, row.metrics.visitors ?? null),
    ]),
  )
}
