// The window's landing page: every site of every account as a card, within each account's budget (the
// core refreshes at background priority and says what a refresh costs and when the next one is). Search,
// sort, the tray's pins on top, grid or list, arrows between cards, Enter or a click opens the dashboard.
import { useMemo, useRef, useState } from 'react'
import { useOverview } from '../api/overview-queries'
import { ErrorPanel } from '../components/error-panel'
import { OverviewToolbar } from '../components/overview/overview-toolbar'
import { ReportButton } from '../components/report/report-button'
import { SiteCard } from '../components/overview/site-card'
import { ScreenFrame } from '../components/screen-frame'
import { useLocalState } from '../hooks/use-local-state'
import { openDashboard } from '../hooks/use-route'
import { useShortcuts } from '../hooks/use-shortcuts'
import {
  neighbourCard,
  orderOverview,
  overviewLayouts,
  overviewSorts,
  pinsOf,
  refreshLine,
  type OverviewLayout,
} from '../../../shared/stats/overview-view'
import type { OverviewAccount, OverviewCard, OverviewReport } from '../../../shared/contract/overview'
import { useClock } from '../hooks/use-clock'

const arrowKeys = new Set(['arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end'])

export function Overview(): React.JSX.Element {
  const now = useClock(15_000)
  const overview = useOverview()
  const report = overview.data
  const cards = report?.cards ?? noCards
  const pins = useMemo(() => pinsOf(cards), [cards])
  const [savedSort, setSort] = useLocalState<string>('plausible-desktop:overview-sort', 'visitors')
  const [savedLayout, setLayout] = useLocalState<string>('plausible-desktop:overview-layout', 'grid')
  const sort = oneOf(overviewSorts, savedSort, 'visitors')
  const layout = oneOf(overviewLayouts, savedLayout, 'grid')
  const [search, setSearch] = useState('')
  const ordered = useMemo(() => orderOverview(cards, { sort, search, pins }), [cards, sort, search, pins])

  // ── Keyboard: `/` searches, arrows move between cards, Enter opens the card the arrows are on ──
  const [active, setActive] = useState(0)
  const current = Math.min(active, Math.max(ordered.length - 1, 0))
  const searchRef = useRef<HTMLInputElement>(null)
  const gridRef = useRef<HTMLDivElement>(null)
  const focusCard = (index: number): void => {
    if (index < 0) return
    setActive(index)
    gridRef.current?.querySelectorAll<HTMLElement>('[data-testid="site-card"]')[index]?.focus()
  }
  useShortcuts((key, event) => {
    if (key === '/') {
      searchRef.current?.focus()
      searchRef.current?.select()
      return true
    }
    if (arrowKeys.has(key)) {
      const onCard = (event.target as HTMLElement | null)?.closest('[data-testid="site-card"]') !== null
      // From outside the cards an arrow lands on the card the arrows were last on.
      focusCard(
        onCard ? neighbourCard(current, key, ordered.length, columnsOf(gridRef.current, layout)) : current,
      )
      return true
    }
    if (key === 'enter' && event.target === document.body && ordered[current]) {
      open(ordered[current])
      return true
    }
    return false
  })

  const state = overview.error && !report ? 'error' : report ? 'ready' : 'loading'
  const accounts = new Map((report?.accounts ?? []).map((account) => [account.account, account]))
  return (
    <ScreenFrame
      screen="overview"
      title="Overview"
      intro="Every site of every account: visitors in the last 24 hours against the 24 hours before. Refreshed in the background within each account’s hourly budget."
      state={state}
    >
      {report ? <RefreshLine report={report} now={now} onRefresh={() => void overview.refreshAll()} /> : null}
      {report ? <AccountNotices accounts={report.accounts} /> : null}
      <KeptNotices notices={report?.notices} />
      {state === 'error' && overview.error ? (
        <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />
      ) : report && cards.length === 0 ? (
        isBusy(report) ? (
          <p className="overview-none" role="status" data-testid="overview-first-read">
            Reading each account’s sites…
          </p>
        ) : (
          <NoSites />
        )
      ) : (
        <>
          <OverviewToolbar
            search={search}
            onSearch={(text) => {
              setSearch(text)
              setActive(0)
            }}
            searchRef={searchRef}
            sort={sort}
            onSort={setSort}
            layout={layout}
            onLayout={setLayout}
            onLeave={() => focusCard(current)}
          />
          <div
            ref={gridRef}
            className={`overview-cards overview-cards--${layout}`}
            data-testid="overview-cards"
            data-layout={layout}
            data-sort={sort}
            data-count={ordered.length}
            role="list"
            aria-label="Sites"
          >
            {ordered.map((card, index) => (
              <div role="listitem" key={`${card.account}/${card.site}`} className="overview-cards__item">
                <SiteCard
                  card={card}
                  nextReadAt={nextReadOf(accounts.get(card.account))}
                  now={now}
                  tabbable={index === current}
                  onOpen={open}
                  onFocus={() => setActive(index)}
                />
              </div>
            ))}
          </div>
          {ordered.length === 0 && search.trim() ? (
            <p className="overview-none" data-testid="overview-no-match">
              No site or account matches “{search.trim()}”.
            </p>
          ) : null}
        </>
      )}
    </ScreenFrame>
  )
}

const noCards: OverviewCard[] = []

const open = (card: OverviewCard): void => openDashboard({ account: card.account, domain: card.site })

function nextReadOf(account: OverviewAccount | undefined): number | null {
  return account?.nextRefreshAt ? Date.parse(account.nextRefreshAt) : null
}

/** "23 sites · 23 requests per refresh · next in 12 min", and a Refresh that asks for every site now. */
function RefreshLine({
  report,
  now,
  onRefresh,
}: {
  report: OverviewReport
  now: number
  onRefresh: () => void
}): React.JSX.Element {
  const { siteCount, requestsPerRefresh, nextRefreshAt } = report.refresh
  const busy = isBusy(report)
  const next = nextRefreshAt === null ? null : Date.parse(nextRefreshAt)
  return (
    <div className="overview-refresh">
      <p className="overview-refresh__text" data-testid="overview-refresh-line" data-busy={busy}>
        {refreshLine({
          sites: siteCount,
          requestsPerRefresh,
          nextInMs: busy || next === null ? null : Math.max(0, next - now),
          ...(busy ? { waiting: 'refreshing now' } : {}),
        })}
      </p>
      <button
        type="button"
        className="link-button"
        data-testid="overview-refresh"
        title="Read every site again now, as far as each account’s budget allows"
        disabled={busy}
        onClick={onRefresh}
      >
        Refresh
      </button>
      {/* The overview's report: every site of every account over the last 7 days, against the 7 before. */}
      <ReportButton
        target={{ scope: { kind: 'all-accounts' }, period: { key: '7d' }, compare: 'previous_period' }}
      />
    </div>
  )
}

const isBusy = (report: OverviewReport): boolean => report.accounts.some((account) => account.isRefreshing)

/**
 * What the core says once (its kept numbers could not be read and start afresh): kept on the page until
 * dismissed, since the next answer no longer carries it.
 */
function KeptNotices({ notices }: { notices: string[] | undefined }): React.JSX.Element | null {
  const [shown, setShown] = useState<string[]>([])
  const [seen, setSeen] = useState<string[] | undefined>(undefined)
  if (notices !== seen) {
    // Adjusting state while rendering, React's way to follow a prop without an effect.
    setSeen(notices)
    if (notices?.length) setShown([...shown, ...notices.filter((notice) => !shown.includes(notice))])
  }
  if (shown.length === 0) return null
  return (
    <div className="notice notice--warn overview-notices" role="status" data-testid="overview-notices">
      {shown.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => setShown([])}
        data-testid="overview-notices-dismiss"
      >
        Dismiss
      </button>
    </div>
  )
}

/** An account that could not be read at all says so once, above the cards it still shows. */
function AccountNotices({ accounts }: { accounts: OverviewAccount[] }): React.JSX.Element | null {
  const failed = accounts.filter((account) => account.error !== null)
  if (failed.length === 0) return null
  return (
    <div
      className="notice notice--warn overview-notices"
      role="status"
      data-testid="overview-account-notices"
    >
      {failed.map((account) => (
        <p
          key={account.account}
          data-testid="overview-account-error"
          data-account={account.account}
          data-code={account.error?.code}
        >
          <strong>{account.account}:</strong> {account.error?.message} {account.error?.hint}
        </p>
      ))}
    </div>
  )
}

function oneOf<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback
}

/** How many cards a row of the grid holds as laid out now (the list: one). */
function columnsOf(grid: HTMLElement | null, layout: OverviewLayout): number {
  if (!grid || layout === 'list') return 1
  const items = [...grid.children] as HTMLElement[]
  const top = items[0]?.offsetTop
  const first = items.findIndex((item) => item.offsetTop !== top)
  return first === -1 ? items.length : first
}

function NoSites(): React.JSX.Element {
  return (
    <div className="card empty-state" data-testid="overview-empty">
      <h2 className="empty-state__title">No sites to show yet</h2>
      <p className="empty-state__text">
        Add an account on the Accounts screen or with <code>plausible accounts add</code>; its sites appear
        here.
      </p>
    </div>
  )
}
