// The dashboard's report panels (Sources, Pages, Locations, Devices, Goals, Properties): their tabs, the
// v2 breakdown each tab runs, its rows shaped for a list, and the CSV a tab exports.
import { breakdownQuery } from '../plausible/builders'
import type { DateRange, Filter, V2Query, V2Response } from '../plausible/query'
import { totalRowsOf } from '../plausible/response-meta'
import type { Dimension, Metric } from '../plausible/vocabulary'
import { hasGoalFilter, singleIsValue, toV2Filters, type DashboardFilter } from './filters'
import { formatMetric } from './format'
import { supportedMetrics } from './metric-support'

export type PanelId = 'sources' | 'pages' | 'locations' | 'devices' | 'goals' | 'properties'

export interface BreakdownTab {
  id: string
  label: string
  /** The dimension a row's value belongs to, and the one a click filters by. */
  dimension: string
  /** A second dimension read as the row's display name (country code → country name). */
  nameDimension?: string
  /** What the list's first column is called. */
  columnLabel: string
}

export interface PanelSpec {
  id: PanelId
  title: string
  tabs: BreakdownTab[]
}

const tab = (
  id: string,
  label: string,
  dimension: string,
  columnLabel: string,
  nameDimension?: string,
): BreakdownTab =>
  nameDimension ? { id, label, dimension, columnLabel, nameDimension } : { id, label, dimension, columnLabel }

export const panels: readonly PanelSpec[] = [
  {
    id: 'sources',
    title: 'Top Sources',
    tabs: [
      tab('channels', 'Channels', 'visit:channel', 'Channel'),
      tab('sources', 'Sources', 'visit:source', 'Source'),
      tab('utm_medium', 'Medium', 'visit:utm_medium', 'UTM Medium'),
      tab('utm_source', 'Source', 'visit:utm_source', 'UTM Source'),
      tab('utm_campaign', 'Campaign', 'visit:utm_campaign', 'UTM Campaign'),
      tab('utm_content', 'Content', 'visit:utm_content', 'UTM Content'),
      tab('utm_term', 'Term', 'visit:utm_term', 'UTM Term'),
    ],
  },
  {
    id: 'pages',
    title: 'Top Pages',
    tabs: [
      tab('pages', 'Top Pages', 'event:page', 'Page'),
      tab('entry', 'Entry Pages', 'visit:entry_page', 'Entry page'),
      tab('exit', 'Exit Pages', 'visit:exit_page', 'Exit page'),
    ],
  },
  {
    id: 'locations',
    title: 'Locations',
    tabs: [
      // The map draws the countries' breakdown: the same query as the Countries tab, so one cached answer.
      tab('map', 'Map', 'visit:country', 'Country', 'visit:country_name'),
      tab('countries', 'Countries', 'visit:country', 'Country', 'visit:country_name'),
      tab('regions', 'Regions', 'visit:region', 'Region', 'visit:region_name'),
      tab('cities', 'Cities', 'visit:city', 'City', 'visit:city_name'),
    ],
  },
  {
    id: 'devices',
    title: 'Devices',
    tabs: [
      tab('size', 'Size', 'visit:screen', 'Screen size'),
      tab('browser', 'Browser', 'visit:browser', 'Browser'),
      tab('os', 'OS', 'visit:os', 'Operating system'),
    ],
  },
  { id: 'goals', title: 'Goal Conversions', tabs: [tab('goals', 'Goals', 'event:goal', 'Goal')] },
  { id: 'properties', title: 'Properties', tabs: [] },
]

export const defaultTabs: Record<PanelId, string> = {
  sources: 'sources',
  pages: 'pages',
  locations: 'countries',
  devices: 'browser',
  goals: 'goals',
  properties: '',
}

/** The tab for a custom property (`event:props:<name>`). */
export function propertyTab(name: string): BreakdownTab {
  return tab(name, name, `event:props:${name}`, name)
}

/**
 * The tab as it applies under these filters: with one browser (or OS) picked, that tab drills down
 * into its versions, and with one source picked into its referrers, as Plausible's does.
 */
export function effectiveTab(base: BreakdownTab, filters: readonly DashboardFilter[]): BreakdownTab {
  const drill: Record<string, [string, (parent: string) => string]> = {
    'visit:browser': ['visit:browser_version', (parent) => `${parent} version`],
    'visit:os': ['visit:os_version', (parent) => `${parent} version`],
    // One source picked: its referrer URLs, as the web dashboard drills into a source.
    'visit:source': ['visit:referrer', (parent) => `${parent} referrers`],
  }
  const down = drill[base.dimension]
  const parent = singleIsValue(filters, base.dimension)
  if (parent !== undefined && base.dimension === 'event:goal') {
    // Plausible's special goals carry what was clicked or missed as a property: the Goals panel lists it.
    const property = specialGoalProperty(parent)
    return property
      ? { ...base, dimension: property, columnLabel: specialGoalColumn(parent, property) }
      : base
  }
  if (!down || parent === undefined) return base
  return { ...base, dimension: down[0], columnLabel: down[1](parent) }
}

/** The special goals' property (Plausible's dashboard breaks them down by it): a URL, or a missed path. */
export function specialGoalProperty(goal: string): 'event:props:url' | 'event:props:path' | null {
  if (goal === 'Outbound Link: Click' || goal === 'Cloaked Link: Click' || goal === 'File Download')
    return 'event:props:url'
  if (goal === '404') return 'event:props:path'
  return null
}

function specialGoalColumn(goal: string, property: string): string {
  if (goal === '404') return 'Page not found'
  return goal === 'File Download' ? 'File' : property === 'event:props:url' ? 'URL' : 'Path'
}

/**
 * Every metric of a tab, as Plausible's details show them per report (its dashboard's breakdown modals):
 * conversions for goals and, under a goal filter, for every panel; pages add time on page and scroll depth
 * where the server has them. All ride on the one request the panel makes: no column costs a request.
 */
export function breakdownMetrics(
  panel: PanelId,
  tab: BreakdownTab,
  filters: readonly DashboardFilter[],
): Metric[] {
  if (panel === 'goals') return ['visitors', 'events', 'conversion_rate']
  if (hasGoalFilter(filters)) return ['visitors', 'conversion_rate']
  switch (panel) {
    case 'sources':
      return ['visitors', 'bounce_rate', 'visit_duration']
    case 'pages':
      return tab.dimension === 'event:page'
        ? ['visitors', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth']
        : tab.dimension === 'visit:entry_page'
          ? ['visitors', 'visits', 'bounce_rate', 'visit_duration']
          : ['visitors', 'visits']
    case 'properties':
      return ['visitors', 'events', 'percentage']
    default:
      return ['visitors', 'percentage']
  }
}

export const metricColumnLabels: Partial<Record<Metric, string>> = {
  visitors: 'Visitors',
  visits: 'Visits',
  pageviews: 'Pageviews',
  events: 'Events',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
  percentage: '%',
  conversion_rate: 'CR',
  time_on_page: 'Time on page',
  scroll_depth: 'Scroll depth',
}

/** Goals count conversions, not visitors; entry and exit pages count entrances and exits, as Plausible names them. */
export function columnLabel(panel: PanelId, metric: Metric, tab?: BreakdownTab): string {
  if (panel === 'goals' && metric === 'visitors') return 'Uniques'
  if (panel === 'goals' && metric === 'events') return 'Total'
  const entryOrExit =
    tab?.dimension === 'visit:entry_page'
      ? 'Entrances'
      : tab?.dimension === 'visit:exit_page'
        ? 'Exits'
        : null
  if (entryOrExit && metric === 'visitors') return `Unique ${entryOrExit.toLowerCase()}`
  if (entryOrExit && metric === 'visits') return `Total ${entryOrExit.toLowerCase()}`
  return metricColumnLabels[metric] ?? metric
}

/**
 * The columns a panel lists (the details show them all): the counts, and on Top Pages the time on page and
 * scroll depth, as the web dashboard's Pages report; at most three, so a row stays readable.
 */
export function listedMetrics(tab: BreakdownTab, metrics: readonly Metric[]): Metric[] {
  const wanted: readonly Metric[] =
    tab.dimension === 'event:page' && metrics.includes('time_on_page')
      ? ['visitors', 'time_on_page', 'scroll_depth']
      : ['visitors', 'events', 'conversion_rate', 'pageviews']
  return metrics.filter((metric) => wanted.includes(metric)).slice(0, 3)
}

/** A page of the breakdown, a hundred rows as Plausible's details view pages them. */
export const pageSize = 100

/** How a list is asked: ordered by a column (metric), narrowed by a search text, with imported data. */
export interface PanelView {
  sort?: { metric: Metric; direction: 'asc' | 'desc' }
  /** Rows whose shown name contains it, any case (the server filters: every page is searched). */
  search?: string
  /** Merge the site's imported data where the server can (it says in meta when it cannot). */
  imports?: boolean
  /** Optional metrics the account's server refused (metric-support.ts): left out of the query. */
  unsupported?: readonly string[]
}

/**
 * One request serves the panel's list and the first page of its details: a page of `pageSize` rows
 * with every metric the details show, and the total row count for paging.
 */
export function panelQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
  panel: PanelId,
  tab: BreakdownTab,
  page = 0,
  limit = pageSize,
  view: PanelView = {},
): V2Query {
  const dimensions = (tab.nameDimension ? [tab.dimension, tab.nameDimension] : [tab.dimension]) as Dimension[]
  const search = view.search?.trim() ?? ''
  const searched: Filter[] =
    search === ''
      ? []
      : [['contains', tab.nameDimension ?? tab.dimension, [search], { case_sensitive: false }]]
  return breakdownQuery(siteId, {
    metrics: supportedMetrics(breakdownMetrics(panel, tab, filters), view.unsupported),
    dateRange,
    dimensions,
    filters: [...toV2Filters(filters), ...searched],
    limit,
    offset: page * limit,
    ...(view.imports ? { imports: true } : {}),
    // A tie keeps the server's own order of rows stable from page to page: by the name.
    ...(view.sort
      ? {
          orderBy: [
            [view.sort.metric, view.sort.direction],
            [dimensions[0]!, 'asc'],
          ],
        }
      : {}),
  })
}

export interface BreakdownRow {
  /** What a click filters by (a country's code, a city's id). */
  value: string
  /** What the list shows (the country's name). */
  name: string
  metrics: Partial<Record<Metric, number | null>>
}

export interface BreakdownPage {
  rows: BreakdownRow[]
  metrics: Metric[]
  /** Rows in the whole breakdown (before paging), when the server said (not on a page past the last row). */
  totalRows: number | null
}

/**
 * The page of rows, each metric read at its place in the query the server echoes (§4.7), so a metric left
 * out for this server shifts nothing; `metrics` is the fallback where there is no echo.
 */
export function toBreakdownPage(response: V2Response, asked: readonly Metric[]): BreakdownPage {
  const echoed = (response.query as { metrics?: unknown } | undefined)?.metrics
  const metrics = Array.isArray(echoed) ? (echoed as Metric[]) : asked
  const rows = response.results.map((row) => {
    const value = String(row.dimensions[0] ?? '')
    const name =
      row.dimensions[1] !== undefined && row.dimensions[1] !== '' ? String(row.dimensions[1]) : value
    const values: Partial<Record<Metric, number | null>> = {}
    metrics.forEach((metric, index) => {
      const raw = row.metrics[index]
      values[metric] = typeof raw === 'number' ? raw : null
    })
    return { value, name, metrics: values }
  })
  return { rows, metrics: [...metrics], totalRows: totalRowsOf(response) }
}

function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180 CSV of a breakdown: the row's name, its value where it differs (codes, ids), raw metric numbers. */
export function breakdownCsv(panel: PanelId, tab: BreakdownTab, page: BreakdownPage): string {
  const withValue = tab.nameDimension !== undefined
  const header = [
    tab.columnLabel,
    ...(withValue ? [`${tab.columnLabel} code`] : []),
    ...page.metrics.map((metric) => columnLabel(panel, metric, tab)),
  ]
  const lines = [header.map(csvField).join(',')]
  for (const row of page.rows) {
    lines.push(
      [row.name, ...(withValue ? [row.value] : []), ...page.metrics.map((metric) => row.metrics[metric])]
        .map(csvField)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

/** A cell as the list shows it. */
export function formatCell(metric: Metric, value: number | null | undefined): string {
  return formatMetric(metric, value ?? null)
}

/** A safe file name for an export: `shop.example.com-sources-2026-10-24-2026-11-22.csv`. */
export function csvFileName(site: string, tabId: string, rangeLabel: string): string {
  return `${site}-${tabId}-${rangeLabel}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-') + '.csv'
}
