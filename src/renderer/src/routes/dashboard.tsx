// The dashboard for one site: pickers, realtime, the top stats and the visitors graph, the hour's budget.
import { useCallback } from 'react'
import { useSites, useTopStats, useVisitorsSeries, type SiteRef } from '../api/queries'
import { VisitorsChart } from '../charts/visitors-chart'
import { BudgetMeter } from '../components/budget-meter'
import { ErrorPanel } from '../components/error-panel'
import { RangePicker } from '../components/range-picker'
import { RealtimeBadge } from '../components/realtime-badge'
import { SiteSelect } from '../components/site-select'
import { TopStats } from '../components/top-stats'
import { useSelection } from '../hooks/use-selection'
import { ranges, type RangeKey } from '../../../shared/stats/ranges'

/** What tests (and people with devtools) can wait for on the app root. */
export type AppState = 'loading' | 'ready' | 'empty' | 'error'

export function Dashboard(): React.JSX.Element {
  const [selection, select] = useSelection()
  const chooseRange = useCallback((range: RangeKey) => select({ range }), [select])
  const sites = useSites()
  const site = pickSite(sites.sites, selection.site, selection.account)
  const topStats = useTopStats(site, selection.range)
  const series = useVisitorsSeries(site, selection.range)
  const statsError = topStats.error ?? series.error

  let state: AppState = 'loading'
  if (sites.error) state = 'error'
  else if (!sites.isPending && !site) state = 'empty'
  else if (statsError) state = 'error'
  else if (topStats.data && series.data) state = 'ready'

  return (
    <div className="app" data-app-state={state} data-site={site?.domain ?? ''} data-range={selection.range}>
      <header className="topbar">
        <div className="topbar__inner">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Plausible Desktop
          </span>
          {site ? <BudgetMeter account={site.account} /> : null}
        </div>
      </header>
      <main className="page">
        {sites.error ? (
          <ErrorPanel error={sites.error} onRetry={sites.refetch} />
        ) : state === 'empty' ? (
          <EmptyState />
        ) : (
          <>
            <div className="controls">
              <div className="controls__left">
                {site ? (
                  <SiteSelect
                    sites={sites.sites}
                    value={site}
                    onChange={(next) => select({ site: next.domain, account: next.account })}
                  />
                ) : (
                  <span className="skeleton skeleton--picker" />
                )}
                {site ? <RealtimeBadge site={site} /> : null}
              </div>
              <RangePicker value={selection.range} onChange={chooseRange} />
            </div>
            <section className="card" aria-label="Visitors">
              {statsError ? (
                <ErrorPanel
                  error={statsError}
                  compact
                  onRetry={() => {
                    void topStats.refetch()
                    void series.refetch()
                  }}
                />
              ) : (
                <>
                  <TopStats stats={topStats.data} />
                  <VisitorsChart points={series.data} interval={ranges[selection.range].interval} />
                </>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  )
}

/** The site asked for by URL (listed or not: an unknown one must fail visibly), else the default. */
function pickSite(
  sites: SiteRef[],
  domain: string | undefined,
  account: string | undefined,
): SiteRef | undefined {
  if (!domain) return sites[0]
  const listed = sites.find(
    (site) => site.domain === domain && (account === undefined || site.account === account),
  )
  if (listed) return listed
  // Wait for the list before guessing the account of a site it may hold.
  if (sites.length === 0) return undefined
  return { account: account ?? sites[0]?.account ?? '', domain, timezone: 'UTC' }
}

function EmptyState(): React.JSX.Element {
  return (
    <div className="card empty-state" data-testid="empty-state">
      <h1 className="empty-state__title">No sites to show yet</h1>
      <p className="empty-state__text">
        Add an account with <code>plausible accounts add</code>, or set <code>PLAUSIBLE_API_KEY</code> (and{' '}
        <code>PLAUSIBLE_BASE_URL</code> for a self-hosted server), then reload.
      </p>
    </div>
  )
}
