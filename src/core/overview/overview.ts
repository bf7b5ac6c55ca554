// The sites overview, one per core: every site of every account with its last numbers (overview.json), the
// tray's current visitors (its samples: never a request of their own), and a refresh per account when the
// schedule says it is due and the budget can pay it (plan.ts). A refresh is one v2 request per site
// (numbers.ts), through the read cache and the scheduler at the caller's priority — background for the
// window, cli for `plausible sites overview` — and never waits for the budget: a refusal leaves the last
// numbers with their time and a reason. A site whose request failed keeps its error; the others show.
import { join } from 'node:path'
import type { AccountSummary, RequestPriority } from '../../shared/contract'
import type {
  OverviewAccount,
  OverviewCard,
  OverviewError,
  OverviewInput,
  OverviewReport,
  OverviewStaleReason,
} from '../../shared/contract/overview'
import type { PlausibleError } from '../../shared/errors'
import type { AccountDirectory, ResolvedAccount } from '../accounts/account-directory'
import type { Ledger } from '../budget/ledger'
import type { Connection, Connector } from '../connection'
import { toPlausibleError } from '../dispatch'
import type { Glance } from '../glance/glance'
import type { Clock } from '../ports'
import { overviewQuery, overviewWindow, readOverviewNumbers } from './numbers'
import { planRefresh, siteListMaxAgeMs, type RefreshMode, type RefreshPlan } from './plan'
import { openOverviewStore, overviewFileName, type StoredAccount } from './store'

export interface OverviewDeps {
  accounts: AccountDirectory
  connector: Connector
  ledger: Ledger
  glance: Glance
  clock: Clock
  configDir: string
  /** --dry-run: the first request is described (DRY_RUN) and nothing is kept. */
  isDryRun: boolean
}

export interface Overview {
  /** `priority`: whom the requests are for (background for the window, cli for the CLI). */
  get(input: OverviewInput, priority: RequestPriority): Promise<OverviewReport>
}

interface SiteRef {
  domain: string
  timezone: string | null
}

/** One account as a get sees it: enough to plan its refresh and to draw its cards. */
interface AccountState {
  summary: AccountSummary
  /** The store's key for the account's server; null when the account cannot be resolved. */
  baseUrl: string | null
  sites: SiteRef[]
  isListDue: boolean
  plan: RefreshPlan | null
  error: OverviewError | null
}

type Refusal = { reason: 'budget' | 'rate-limited'; until: number }

export function createOverview(deps: OverviewDeps): Overview {
  const { accounts, connector, ledger, glance, clock } = deps
  const notices: string[] = []
  const store = openOverviewStore({
    path: join(deps.configDir, overviewFileName),
    now: clock,
    onCorrupt: ({ path, movedTo, reason }) =>
      notices.push(
        `${path} could not be read (${reason}); it was moved to ${movedTo} and numbers start afresh.`,
      ),
  })
  /** Refreshes running now, by account and server: a second ask joins the first. */
  const running = new Map<string, Promise<void>>()
  /** The last failure of each site's request and of each account's listing; kept in this process only. */
  const siteErrors = new Map<string, OverviewError>()
  const accountErrors = new Map<string, OverviewError>()
  /** A refusal met while sending (someone else spent the hour between plan and send). */
  const refusals = new Map<string, Refusal>()

  const accountKey = (alias: string, baseUrl: string): string => `${alias}\n${baseUrl}`
  const siteKey = (alias: string, baseUrl: string, site: string): string => `${alias}\n${baseUrl}\n${site}`

  function pinnedSites(alias: string): string[] {
    return glance.settings
      .read()
      .pins.filter((pin) => pin.account === alias)
      .map((pin) => pin.site)
  }

  /** The listed sites in list order, then pinned sites the list does not name (a server without a sites list). */
  function sitesOf(alias: string, listed: readonly SiteRef[]): SiteRef[] {
    const known = new Set(listed.map((site) => site.domain))
    const pinned = pinnedSites(alias)
      .filter((site) => !known.has(site))
      .map((domain) => ({ domain, timezone: null }))
    return [...listed, ...pinned]
  }

  async function stateOf(
    summary: AccountSummary,
    now: number,
    priority: RequestPriority,
    mode: RefreshMode,
  ): Promise<AccountState> {
    let resolved: ResolvedAccount
    try {
      resolved = await accounts.resolve(summary.alias)
    } catch (error) {
      const failure = toPlausibleError(error).toWire()
      return { summary, baseUrl: null, sites: [], isListDue: false, plan: null, error: failure }
    }
    const baseUrl = resolved.baseUrl
    const stored = store.account(summary.alias, baseUrl)
    const sites = sitesOf(summary.alias, stored?.sites ?? [])
    const error = accountErrors.get(accountKey(summary.alias, baseUrl)) ?? null
    if (!resolved.isDemo && !resolved.apiKey) {
      const missing: OverviewError = {
        code: 'AUTH_MISSING',
        message: `Account "${summary.alias}" has no API key on this machine.`,
        hint: `Set PLAUSIBLE_API_KEY for this run, or add the key again with \`plausible accounts add ${summary.alias}\`.`,
      }
      return { summary, baseUrl, sites, isListDue: false, plan: null, error: missing }
    }
    const isListDue =
      stored === undefined || stored.listedAt === null || now - stored.listedAt >= siteListMaxAgeMs
    const budget = await ledger.snapshot(connector.budgetOf(resolved))
    const plan = planRefresh({
      budget,
      siteCount: sites.length,
      extraRequests: isListDue ? 1 : 0,
      lastRefreshAt: hasNewSites(stored, sites) ? null : (stored?.lastRefreshAt ?? null),
      now,
      priority,
      mode,
    })
    return { summary, baseUrl, sites, isListDue, plan, error }
  }

  /** The refusal a failure means for the whole account, or null for a failure of its own. */
  function refusalOf(failure: PlausibleError): Refusal | null {
    if (failure.code !== 'BUDGET_EXHAUSTED' && failure.code !== 'RATE_LIMITED') return null
    const resetsAt = Date.parse(failure.details?.resetsAt ?? '')
    return {
      reason: failure.code === 'RATE_LIMITED' ? 'rate-limited' : 'budget',
      until: Number.isFinite(resetsAt) ? resetsAt : clock() + siteListMaxAgeMs,
    }
  }

  async function refresh(state: AccountState, priority: RequestPriority, mode: RefreshMode): Promise<void> {
    const alias = state.summary.alias
    const baseUrl = state.baseUrl ?? ''
    const key = accountKey(alias, baseUrl)
    const connection = await connector.connect(alias, { priority, wait: false })
    const stored: StoredAccount = store.account(alias, baseUrl) ?? {
      account: alias,
      baseUrl,
      sites: [],
      listedAt: null,
      lastRefreshAt: null,
      refreshedSites: [],
    }
    let sites = state.sites
    if (state.isListDue) {
      const listedAt = clock()
      try {
        const listed = await connector.read(connection, 'sites.list', {}, (client) => client.listSites())
        const refs = listed.map((site) => ({ domain: site.domain, timezone: site.timezone }))
        sites = sitesOf(alias, refs)
        Object.assign(stored, { sites: refs, listedAt })
        accountErrors.delete(key)
      } catch (error) {
        const failure = toPlausibleError(error)
        if (failure.code === 'DRY_RUN') throw failure
        const refusal = refusalOf(failure)
        if (refusal) return void refusals.set(key, refusal)
        // A server without a sites list (CE answers 404): the pinned sites still show; asked again in an hour.
        accountErrors.set(key, failure.toWire())
        stored.listedAt = listedAt
      }
      store.setAccount(stored)
    }
    // The site list may have changed the count: the budget decides again for this refresh.
    const plan = planRefresh({
      budget: await ledger.snapshot(connector.budgetOf(connection.account)),
      siteCount: sites.length,
      extraRequests: 0,
      lastRefreshAt: hasNewSites(stored, sites) ? null : stored.lastRefreshAt,
      now: clock(),
      priority,
      mode,
    })
    if (plan.decision.kind === 'blocked') refusals.set(key, plan.decision)
    if (plan.decision.kind !== 'refresh') return
    const readAt = clock()
    const outcomes = await Promise.all(sites.map((site) => refreshSite(connection, baseUrl, site, readAt)))
    const refusal = outcomes.find((outcome): outcome is Refusal => outcome !== 'read' && outcome !== 'failed')
    if (refusal) refusals.set(key, refusal)
    else refusals.delete(key)
    if (outcomes.includes('read') || outcomes.every((outcome) => outcome === 'failed')) {
      // Asked, read or failed: a failing site waits for the next refresh like the others, not for every ask.
      stored.lastRefreshAt = readAt
      stored.refreshedSites = sites.map((site) => site.domain)
      store.setAccount(stored)
    }
  }

  async function refreshSite(
    connection: Connection,
    baseUrl: string,
    site: SiteRef,
    readAt: number,
  ): Promise<'read' | 'failed' | Refusal> {
    const alias = connection.account.alias
    const window = overviewWindow(site.timezone, readAt)
    const query = overviewQuery(site.domain, window)
    try {
      const response = await connector.read(connection, 'stats.query', query, (client) => client.query(query))
      const numbers = readOverviewNumbers(response, window.currentFromLabel)
      store.setCard({
        account: alias,
        baseUrl,
        site: site.domain,
        ...numbers,
        window: { from: window.fromIso, to: window.toIso },
        asOf: readAt,
      })
      siteErrors.delete(siteKey(alias, baseUrl, site.domain))
      return 'read'
    } catch (error) {
      const failure = toPlausibleError(error)
      if (failure.code === 'DRY_RUN') throw failure
      const refusal = refusalOf(failure)
      if (refusal) return refusal
      siteErrors.set(siteKey(alias, baseUrl, site.domain), failure.toWire())
      return 'failed'
    }
  }

  /** Starts (or joins) the account's refresh; settles when it ends, whatever happened. */
  function startRefresh(state: AccountState, priority: RequestPriority, mode: RefreshMode): Promise<void> {
    const key = accountKey(state.summary.alias, state.baseUrl ?? '')
    const current = running.get(key)
    if (current) return current
    const run = refresh(state, priority, mode)
      .catch((error: unknown) => {
        const failure = toPlausibleError(error)
        if (failure.code === 'DRY_RUN') throw failure
        const refusal = refusalOf(failure)
        if (refusal) refusals.set(key, refusal)
        else accountErrors.set(key, failure.toWire())
      })
      .then(async () => {
        if (!deps.isDryRun) await store.save()
      })
      .finally(() => running.delete(key))
    running.set(key, run)
    return run
  }

  function staleOf(state: AccountState, now: number): OverviewStaleReason | null {
    const key = accountKey(state.summary.alias, state.baseUrl ?? '')
    const plan = state.plan
    if (plan?.blocked && plan.dueAt !== null && plan.dueAt <= now) return plan.blocked.reason
    const refusal = refusals.get(key)
    if (refusal && refusal.until > now) return refusal.reason
    return state.error ? 'error' : null
  }

  function cardsOf(state: AccountState, now: number, stale: OverviewStaleReason | null): OverviewCard[] {
    const alias = state.summary.alias
    const baseUrl = state.baseUrl ?? ''
    const pins = glance.settings.read().pins
    const lastRefreshAt =
      (state.baseUrl === null ? undefined : store.account(alias, state.baseUrl)?.lastRefreshAt) ?? 0
    return state.sites.map((site) => {
      const stored = state.baseUrl === null ? undefined : store.card(alias, baseUrl, site.domain)
      const error = siteErrors.get(siteKey(alias, baseUrl, site.domain)) ?? null
      const sample = glance.history.view(alias, site.domain, now).recent.at(-1)
      const pinIndex = pins.findIndex((pin) => pin.account === alias && pin.site === site.domain)
      // The account's reason is the card's only when the card is due (the account is) or missed the last
      // refresh (refused midway): a site read just now is not stale.
      const isOverdue =
        !stored ||
        state.plan === null ||
        (state.plan.dueAt !== null && state.plan.dueAt <= now) ||
        stored.asOf < lastRefreshAt
      return {
        account: alias,
        site: site.domain,
        timezone: site.timezone,
        visitors: stored?.visitors ?? null,
        previousVisitors: stored?.previousVisitors ?? null,
        change: stored ? stored.change : null,
        sparkline: stored?.sparkline ?? [],
        window: stored?.window ?? null,
        asOf: stored ? iso(stored.asOf) : null,
        currentVisitors: sample ? { visitors: sample.visitors, at: sample.at } : null,
        pinIndex: pinIndex === -1 ? null : pinIndex,
        stale: error ? 'error' : isOverdue ? stale : null,
        error,
      }
    })
  }

  function accountOf(state: AccountState, now: number, stale: OverviewStaleReason | null): OverviewAccount {
    const key = accountKey(state.summary.alias, state.baseUrl ?? '')
    const stored = state.baseUrl === null ? undefined : store.account(state.summary.alias, state.baseUrl)
    const lastRefreshAt = stored?.lastRefreshAt ?? null
    const nextRefreshAt = state.plan?.nextRefreshAt ?? null
    return {
      account: state.summary.alias,
      isDemo: state.summary.isDemo,
      siteCount: state.sites.length,
      requestsPerRefresh: state.plan?.requestsPerRefresh ?? state.sites.length,
      intervalMs: state.plan?.intervalMs ?? null,
      lastRefreshAt: lastRefreshAt === null ? null : iso(lastRefreshAt),
      nextRefreshAt: nextRefreshAt === null ? null : iso(Math.max(nextRefreshAt, now)),
      isRefreshing: running.has(key),
      stale,
      error: state.error,
    }
  }

  return {
    async get(input, priority) {
      const mode = input.refresh ?? 'due'
      await store.reload()
      // An unknown alias fails the call as every other call does (ACCOUNT_NOT_FOUND, with the known ones).
      if (input.account !== undefined) await accounts.resolve(input.account)
      const summaries = (await accounts.list()).filter(
        (summary) => input.account === undefined || summary.alias === input.account,
      )
      const stateAll = (at: number, asked: RefreshMode) =>
        Promise.all(summaries.map((summary) => stateOf(summary, at, priority, asked)))
      let states = await stateAll(clock(), mode)
      const refreshes = states
        .filter((state) => state.plan?.decision.kind === 'refresh')
        .map((state) => startRefresh(state, priority, mode))
      if (input.awaitRefresh) {
        await Promise.all(refreshes)
        // Refreshes another caller started for these accounts end before the answer too.
        await Promise.all([...running.values()])
        // Planned again as asked (nothing more is started): a refused refresh shows as due and stale.
        states = await stateAll(clock(), mode)
      } else {
        // Nobody waits for these: whatever they meet is kept on the cards, never thrown away unhandled.
        for (const run of refreshes) run.catch(() => undefined)
      }
      const now = clock()
      const cards: OverviewCard[] = []
      const accountViews: OverviewAccount[] = []
      for (const state of states) {
        const stale = staleOf(state, now)
        cards.push(...cardsOf(state, now, stale))
        accountViews.push(accountOf(state, now, stale))
      }
      const next = accountViews
        .map((account) => account.nextRefreshAt)
        .filter((at): at is string => at !== null)
        .sort()[0]
      return {
        generatedAt: iso(now),
        cards,
        accounts: accountViews,
        refresh: {
          siteCount: accountViews.reduce((total, account) => total + account.siteCount, 0),
          requestsPerRefresh: accountViews.reduce((total, account) => total + account.requestsPerRefresh, 0),
          nextRefreshAt: next ?? null,
        },
        ...(notices.length > 0 ? { notices: notices.splice(0) } : {}),
      }
    },
  }
}

/** Sites the last refresh did not ask (new in the list, or pinned since): due at once. */
function hasNewSites(stored: StoredAccount | undefined, sites: readonly SiteRef[]): boolean {
  const asked = new Set(stored?.refreshedSites ?? [])
  return sites.some((site) => !asked.has(site.domain))
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
