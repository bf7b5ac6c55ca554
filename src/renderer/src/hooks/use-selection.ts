// What the dashboard shows (site, period, filters, comparison, interval, graphed metric): kept in the
// address bar so a reload or a link keeps it, and remembered per site so coming back to a site restores it.
import { useCallback, useEffect, useState } from 'react'
import {
  comparisonModes,
  defaultComparison,
  type ComparisonMode,
  type ComparisonSettings,
} from '../../../shared/stats/comparison'
import { isIsoDate } from '../../../shared/stats/calendar'
import { parseFilters, serializeFilters, type DashboardFilter } from '../../../shared/stats/filters'
import {
  defaultPeriod,
  periodFromParams,
  periodToParams,
  seriesIntervals,
  type Period,
  type SeriesInterval,
} from '../../../shared/stats/periods'
import type { TopStatMetric } from '../../../shared/stats/top-stats'

export interface Selection {
  /** Unset: the last site used, else the default account's first site. */
  site?: string
  account?: string
  period: Period
  filters: DashboardFilter[]
  comparison: ComparisonSettings
  /** Unset: the period's default interval. */
  interval?: SeriesInterval
  metric: TopStatMetric
  /** Merge the site's imported data (Google Analytics, CSV) where the server can: `with_imported=true`. */
  imports?: boolean
}

/** What is remembered per site (everything but the site itself). */
export type SiteView = Omit<Selection, 'site' | 'account'>

const graphable = new Set<string>([
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'events',
  'conversion_rate',
  'scroll_depth',
  'time_on_page',
])

export const defaultView: SiteView = {
  period: defaultPeriod,
  filters: [],
  comparison: defaultComparison,
  metric: 'visitors',
}

/**
 * `?site=…&account=…&period=…&date=…&from=…&to=…&f=…&comparison=…&match_day_of_week=…&interval=…&metric=…&with_imported=…`:
 * Plausible's own parameter names where it has them.
 */
export function readSelection(search: string): Selection & { hasView: boolean } {
  const params = new URLSearchParams(search)
  const site = params.get('site')
  const account = params.get('account')
  const period = periodFromParams(params)
  const mode = params.get('comparison')
  // Plausible writes `interval=day`; `time:day` is accepted too.
  const rawInterval = params.get('interval')
  const interval = rawInterval && !rawInterval.startsWith('time:') ? `time:${rawInterval}` : rawInterval
  const metric = params.get('metric')
  const comparison: ComparisonSettings = {
    mode: (comparisonModes as readonly string[]).includes(mode ?? '') ? (mode as ComparisonMode) : 'off',
    matchDayOfWeek: params.get('match_day_of_week') !== 'false',
  }
  const from = params.get('compare_from')
  const to = params.get('compare_to')
  if (isIsoDate(from) && isIsoDate(to)) Object.assign(comparison, { from, to })
  return {
    ...(site ? { site } : {}),
    ...(account ? { account } : {}),
    period: period ?? defaultPeriod,
    filters: parseFilters(params.get('f')),
    comparison,
    ...((seriesIntervals as readonly string[]).includes(interval ?? '')
      ? { interval: interval as SeriesInterval }
      : {}),
    metric: graphable.has(metric ?? '') ? (metric as TopStatMetric) : 'visitors',
    ...(params.get('with_imported') === 'true' ? { imports: true } : {}),
    hasView: period !== null,
  }
}

export function writeSelection(search: string, selection: Selection): string {
  const params = new URLSearchParams(search)
  const periodParams = periodToParams(selection.period)
  const isDefault = selection.period.key === defaultPeriod.key && !selection.period.date
  const { comparison } = selection
  const entries: Array<[string, string | undefined]> = [
    ['site', selection.site],
    ['account', selection.account],
    ['period', isDefault ? undefined : periodParams.period],
    ['date', periodParams.date],
    ['from', periodParams.from],
    ['to', periodParams.to],
    ['f', serializeFilters(selection.filters)],
    ['comparison', comparison.mode === 'off' ? undefined : comparison.mode],
    ['match_day_of_week', comparison.mode !== 'off' && !comparison.matchDayOfWeek ? 'false' : undefined],
    ['compare_from', comparison.mode === 'custom' ? comparison.from : undefined],
    ['compare_to', comparison.mode === 'custom' ? comparison.to : undefined],
    ['interval', selection.interval?.slice('time:'.length)],
    ['metric', selection.metric === 'visitors' ? undefined : selection.metric],
    ['with_imported', selection.imports ? 'true' : undefined],
  ]
  for (const [key, value] of entries) {
    if (value) params.set(key, value)
    else params.delete(key)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

// ── Per-site memory and recently used sites (localStorage) ─────────────────────────────────────

const viewKey = (account: string, domain: string): string => `plausible-desktop:view:${account}/${domain}`
const lastSiteKey = 'plausible-desktop:last-site'
const recentKey = 'plausible-desktop:recent-sites'

function readJson<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key)
    return text ? (JSON.parse(text) as T) : undefined
  } catch {
    return undefined
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Storage full or off: the window still works, it just forgets.
  }
}

export function rememberedView(account: string, domain: string): SiteView | undefined {
  const saved = readJson<Partial<SiteView>>(viewKey(account, domain))
  if (!saved?.period) return undefined
  // Through the URL reader, so anything malformed falls back to defaults.
  const probe = writeSelection('', { ...defaultView, ...saved } as Selection)
  const { hasView: _hasView, site: _site, account: _account, ...view } = readSelection(probe)
  return view
}

export interface SiteKey {
  account: string
  domain: string
}

export function lastSite(): SiteKey | undefined {
  return readJson<SiteKey>(lastSiteKey)
}

export function recentSites(): SiteKey[] {
  return readJson<SiteKey[]>(recentKey) ?? []
}

function remember(selection: Selection): void {
  if (!selection.site || !selection.account) return
  const { site, account, ...view } = selection
  writeJson(viewKey(account, site), view)
  writeJson(lastSiteKey, { account, domain: site })
  const recent = recentSites().filter((entry) => !(entry.account === account && entry.domain === site))
  writeJson(recentKey, [{ account, domain: site }, ...recent].slice(0, 5))
}

export function useSelection(): [Selection, (change: Partial<Selection>) => void] {
  const [selection, setSelection] = useState<Selection>(() => {
    const { hasView, ...fromUrl } = readSelection(window.location.search)
    const site = fromUrl.site ? undefined : lastSite()
    const account = fromUrl.account ?? site?.account
    const domain = fromUrl.site ?? site?.domain
    const remembered = !hasView && account && domain ? rememberedView(account, domain) : undefined
    return {
      ...fromUrl,
      ...(remembered ?? {}),
      ...(domain ? { site: domain } : {}),
      ...(account ? { account } : {}),
    }
  })
  useEffect(() => {
    const search = writeSelection(window.location.search, selection)
    remember(selection)
    if (search === window.location.search) return
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search}${window.location.hash}`,
    )
  }, [selection])
  const update = useCallback((change: Partial<Selection>) => {
    setSelection((current) => {
      const switching =
        change.site !== undefined && (change.site !== current.site || change.account !== current.account)
      if (switching && change.account) {
        // Another site: its own remembered view, else this period without this site's filters.
        const view = rememberedView(change.account, change.site!) ?? { ...current, filters: [] }
        return { ...view, site: change.site, account: change.account, ...change }
      }
      return { ...current, ...change }
    })
  }, [])
  return [selection, update]
}
