// The tray's polling loop: for each key with pinned sites, reads the budget (free), plans the cadence
// (cadence.ts), asks each site's realtime count at tray priority without waiting (a refused request
// fails at once instead of queueing for the hour), records every sample in the history rings, decides
// alerts, and says what to paint. Timers and the clock are injected, so a test lives a day in seconds.
import type { AccountSummary, BudgetSnapshot, ContractHandlers, PollingStatus } from '../../shared/contract'
import type { WireError } from '../../shared/errors'
import { toPlausibleError } from '../dispatch'
import type { Clock } from '../ports'
import { decideAlert, emptyAlertState, minuteOfDayIn, type AlertDecision } from './alerts'
import { planPolling, type PollPlan } from './cadence'
import type { Glance } from './glance'
import type { PinnedCount } from './tray-model'
import { trendOf } from './trend'

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface PollerView {
  pins: PinnedCount[]
  /** Budgets by account alias, as last read. */
  budgets: Record<string, BudgetSnapshot>
  polling: PollingStatus[]
  accounts: Array<Pick<AccountSummary, 'alias' | 'isDefault'>>
  error: WireError | null
}

export interface PollerOptions {
  /** The contract at tray priority: core.handlersFor('tray'). */
  handlers: ContractHandlers
  glance: Glance
  clock: Clock
  timers?: Timers
  /** After every poll round or settings change. */
  onUpdate(view: PollerView): void
  /** A spike or drop to show (already past quiet hours and the hourly cap). */
  onAlert?(decision: Extract<AlertDecision, { kind: 'notify' }>): void
  /** For quiet hours; default: this machine's. */
  timeZone?: string
}

export interface Poller {
  /** Polls every key that its plan allows now (the menu's "Refresh now"). */
  refresh(): Promise<void>
  view(): PollerView
  /** Resolves when no poll round is running (tests advance a fake clock between rounds). */
  idle(): Promise<void>
  stop(): void
}

interface Group {
  account: string
  sites: string[]
  plan: PollPlan | null
  nextPollAt: number
}

/** A failed site lookup (nothing pinned) is retried this rarely, so a server without a sites list does not drain the hour. */
const siteLookupRetryMs = 10 * 60_000

export function createPoller(options: PollerOptions): Poller {
  const { handlers, glance, clock } = options
  const timers = options.timers ?? {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  }
  const minuteOfDay = minuteOfDayIn(options.timeZone)
  const alertState = emptyAlertState()
  const counts = new Map<string, PinnedCount>()
  const budgets: Record<string, BudgetSnapshot> = {}
  const groups = new Map<string, Group>()
  let accounts: PollerView['accounts'] = []
  let defaultAccount: string | null = null
  let autoPin: { account: string; site: string } | null = null
  let autoPinLookedUpAt = -Infinity
  let error: WireError | null = null
  let timer: unknown
  let running: Promise<void> | null = null
  let isStopped = false

  const keyOf = (account: string, site: string): string => `${account}\n${site}`

  function pins(): Array<{ account: string; site: string }> {
    const pinned = glance.settings.read().pins
    return pinned.length > 0 ? pinned : autoPin ? [autoPin] : []
  }

  /** Groups follow the pins; a group keeps its plan and next poll while its pins stay. */
  function syncGroups(): void {
    const wanted = new Map<string, string[]>()
    for (const pin of pins()) wanted.set(pin.account, [...(wanted.get(pin.account) ?? []), pin.site])
    for (const account of groups.keys()) if (!wanted.has(account)) groups.delete(account)
    for (const [account, sites] of wanted) {
      const group = groups.get(account)
      if (group) group.sites = sites
      else groups.set(account, { account, sites, plan: null, nextPollAt: clock() })
    }
  }

  async function readAccounts(): Promise<void> {
    const listed = await handlers['accounts.list']({})
    accounts = listed.accounts.map(({ alias, isDefault }) => ({ alias, isDefault }))
    defaultAccount = accounts.find((account) => account.isDefault)?.alias ?? accounts[0]?.alias ?? null
  }

  /** Nothing pinned: the default account's first site, looked up rarely (sites.list costs a request). */
  async function lookUpAutoPin(force: boolean): Promise<void> {
    if (glance.settings.read().pins.length > 0 || !defaultAccount) return
    if (autoPin?.account === defaultAccount) return
    if (!force && clock() - autoPinLookedUpAt < siteLookupRetryMs) return
    autoPinLookedUpAt = clock()
    const budget = await handlers['budget.status']({ account: defaultAccount })
    budgets[defaultAccount] = budget
    if (planPolling(budget, 1, clock()).kind === 'paused') return
    const { account, sites } = await handlers['sites.list']({ account: defaultAccount, wait: false })
    autoPin = sites[0] ? { account, site: sites[0].domain } : null
  }

  async function pollGroup(group: Group): Promise<void> {
    const { account } = group
    let budget = await handlers['budget.status']({ account })
    budgets[account] = budget
    const plan = planPolling(budget, group.sites.length, clock())
    if (plan.kind === 'paused' || plan.rounds === 0) {
      group.plan = plan
      group.nextPollAt = plan.kind === 'paused' ? plan.until : clock() + plan.intervalMs
      return
    }
    for (const site of group.sites) {
      try {
        const { visitors } = await handlers['stats.realtime']({ account, site, wait: false })
        recordSample(account, site, visitors)
      } catch (caught) {
        const failure = toPlausibleError(caught)
        const count = countOf(account, site)
        count.error = failure.toWire()
        // The hour (or the server) said no: the rest of the round waits with it.
        if (failure.code === 'BUDGET_EXHAUSTED' || failure.code === 'RATE_LIMITED') break
      }
    }
    budget = await handlers['budget.status']({ account })
    budgets[account] = budget
    group.plan = planPolling(budget, group.sites.length, clock())
    group.nextPollAt = group.plan.kind === 'paused' ? group.plan.until : clock() + group.plan.intervalMs
  }

  function countOf(account: string, site: string): PinnedCount {
    const key = keyOf(account, site)
    let count = counts.get(key)
    if (!count) {
      count = { account, site, visitors: null, at: null, trend: 'unknown', error: null }
      counts.set(key, count)
    }
    return count
  }

  function recordSample(account: string, site: string, visitors: number): void {
    const at = clock()
    glance.history.record(account, site, visitors, at)
    const recent = glance.history
      .view(account, site, at)
      .recent.map((point) => ({ at: Date.parse(point.at), visitors: point.visitors }))
    Object.assign(countOf(account, site), { visitors, at, trend: trendOf(recent), error: null })
    const settings = glance.settings.read()
    const decision = decideAlert(alertState, { account, site, visitors, at }, settings.alerts, {
      calm: settings.tray.calm,
      minuteOfDay,
    })
    if (decision.kind === 'notify') options.onAlert?.(decision)
  }

  async function tick(force: boolean): Promise<void> {
    try {
      await readAccounts()
      if (!glance.settings.read().tray.isPollingPaused) {
        await lookUpAutoPin(force)
        syncGroups()
        for (const group of groups.values()) {
          const isPaused = group.plan?.kind === 'paused' && group.nextPollAt > clock()
          if (group.nextPollAt <= clock() || (force && !isPaused)) await pollGroup(group)
        }
        await glance.history.flush()
      } else {
        syncGroups()
      }
      error = null
    } catch (caught) {
      error = toPlausibleError(caught).toWire()
    }
    publish()
  }

  function view(): PollerView {
    const now = clock()
    return {
      pins: pins().map((pin) => structuredClone(countOf(pin.account, pin.site))),
      budgets: structuredClone(budgets),
      polling: [...groups.values()].map((group) => ({
        account: group.account,
        sites: [...group.sites],
        intervalMs: group.plan?.kind === 'poll' ? group.plan.intervalMs : null,
        pausedUntil: group.plan?.kind === 'paused' && group.plan.until > now ? iso(group.plan.until) : null,
        nextPollAt: glance.settings.read().tray.isPollingPaused ? null : iso(group.nextPollAt),
      })),
      accounts: structuredClone(accounts),
      error,
    }
  }

  function publish(): void {
    const current = view()
    glance.polling.write(current.polling)
    options.onUpdate(current)
  }

  function schedule(): void {
    if (isStopped) return
    timers.clearTimeout(timer)
    if (glance.settings.read().tray.isPollingPaused) return
    const next = Math.min(...[...groups.values()].map((group) => group.nextPollAt))
    // Nothing pinned yet: look again when a site lookup may retry.
    const at = Number.isFinite(next) ? next : clock() + siteLookupRetryMs
    timer = timers.setTimeout(() => void run(false), Math.max(1_000, at - clock()))
  }

  function run(force: boolean): Promise<void> {
    running ??= tick(force).finally(() => {
      running = null
      schedule()
    })
    return running
  }

  const unsubscribe = glance.settings.onChange(() => {
    if (isStopped) return
    syncGroups()
    publish()
    schedule()
  })
  void run(false)

  return {
    refresh: async () => {
      await running
      await run(true)
    },
    view,
    idle: async () => {
      while (running) await running
    },
    stop() {
      isStopped = true
      unsubscribe()
      timers.clearTimeout(timer)
    },
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
