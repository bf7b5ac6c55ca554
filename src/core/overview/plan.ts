// When the overview may refresh an account's sites: pure arithmetic on the budget snapshot (costs no request).
// Plausible counts every request in a fixed UTC-hour bucket and answers 429 once it is spent
// (plausible-api.md §3). A refresh is one request per site; at background priority it may only spend what
// the hour has above the interactive reserve, and it plans to spend at most half of that at an even pace —
// the tray's polling (glance/cadence.ts) has the other half — so the window and the CLI always keep theirs.
import type { BudgetSnapshot, RequestPriority } from '../../shared/contract'
import { hourStartSlackMs } from '../glance/cadence'

const hourMs = 3_600_000
const dayMs = 24 * hourMs

/** The share of each hour (above the reserve), and of each day's cap, the overview plans to spend. */
export const overviewSpendShare = 0.5

/** The numbers are hourly and the current hour moves slowly: more often than this is waste. */
export const minRefreshIntervalMs = 5 * 60_000

/** `refresh: 'all'` (a Refresh button) leaves numbers younger than this alone. */
export const manualRefreshMinAgeMs = 60_000

/** The site list is read again at most this often (one more request, not counted per refresh). */
export const siteListMaxAgeMs = hourMs

export type RefreshMode = 'due' | 'all' | 'none'

export type RefreshDecision =
  /** Send the refresh now. */
  | { kind: 'refresh' }
  /** The numbers are as fresh as the schedule asks (or `none` was asked). */
  | { kind: 'wait' }
  /** Due, but the budget cannot pay it: the last numbers stay until `until`. */
  | { kind: 'blocked'; reason: 'budget' | 'rate-limited'; until: number }
  /** Nothing to refresh: no sites, and the site list is fresh. */
  | { kind: 'idle' }

export interface RefreshPlan {
  /** One request per site. */
  requestsPerRefresh: number
  /** Between two refreshes at background priority; null when there is nothing to refresh, or never. */
  intervalMs: number | null
  /** When the numbers are due for a refresh; null when there is nothing to refresh. */
  dueAt: number | null
  /** What the budget says now about a refresh: a 429 pause, the daily cap or the hour; null: it can pay. */
  blocked: { reason: 'budget' | 'rate-limited'; until: number } | null
  /** When the next refresh may run; null when there is nothing to refresh, or never. */
  nextRefreshAt: number | null
  decision: RefreshDecision
}

export interface RefreshPlanInput {
  budget: BudgetSnapshot
  siteCount: number
  /** Requests this refresh needs besides the sites' (the site list when it is due). */
  extraRequests: number
  /** The last refresh that brought numbers; null: never. */
  lastRefreshAt: number | null
  now: number
  /** Whose allowance decides whether it runs now: background (the window's overview) or cli. */
  priority: RequestPriority
  mode: RefreshMode
}

/**
 * The even pace for `siteCount` requests a refresh:
 *
 *   perHour  = limit − reserve                          what background may spend in any hour
 *   interval = max(5 min, hour · sites / (share · perHour), day · sites / (share · dailyCap))
 *
 * null when there are no sites, or when the reserve is the whole hour (background may never spend).
 */
export function refreshIntervalMs(
  budget: Pick<BudgetSnapshot, 'hourlyLimit' | 'reservedForInteractive' | 'dailyLimit'>,
  siteCount: number,
): number | null {
  if (siteCount <= 0) return null
  const perHour = budget.hourlyLimit - reserveOf(budget)
  if (perHour <= 0) return null
  const byHour = Math.ceil((hourMs * siteCount) / (overviewSpendShare * perHour))
  const dailyLimit = budget.dailyLimit ?? null
  const byDay = dailyLimit === null ? 0 : Math.ceil((dayMs * siteCount) / (overviewSpendShare * dailyLimit))
  return Math.max(minRefreshIntervalMs, byHour, byDay)
}

/** What this priority may still spend this hour: all of it for the CLI, the part above the reserve for background. */
export function refreshAllowance(budget: BudgetSnapshot, priority: RequestPriority): number {
  const ceiling = spendsReserve(priority) ? budget.hourlyLimit : budget.hourlyLimit - reserveOf(budget)
  return Math.max(0, ceiling - budget.usedThisHour)
}

export function planRefresh(input: RefreshPlanInput): RefreshPlan {
  const { budget, siteCount, extraRequests, lastRefreshAt, now, priority, mode } = input
  const requestsPerRefresh = Math.max(0, siteCount)
  const intervalMs = refreshIntervalMs(budget, requestsPerRefresh)
  const needed = requestsPerRefresh + extraRequests
  if (needed === 0)
    return {
      requestsPerRefresh,
      intervalMs,
      dueAt: null,
      blocked: null,
      nextRefreshAt: null,
      decision: { kind: 'idle' },
    }
  const blocked = blockedBy(budget, needed, now, priority)
  // Sites never read, or a site list that is due, are due now whatever the pace.
  const dueAt =
    lastRefreshAt === null || extraRequests > 0
      ? now
      : lastRefreshAt + (mode === 'all' ? manualRefreshMinAgeMs : (intervalMs ?? hourMs))
  // The reserve is the whole hour: background may never spend, so there is no next refresh to promise.
  const canNeverRun = intervalMs === null && requestsPerRefresh > 0 && !spendsReserve(priority)
  const nextRefreshAt = canNeverRun ? null : Math.max(dueAt, blocked?.until ?? dueAt, now)
  const plan = { requestsPerRefresh, intervalMs, dueAt, blocked, nextRefreshAt }
  if (mode === 'none' || dueAt > now) return { ...plan, decision: { kind: 'wait' } }
  if (blocked) return { ...plan, decision: { kind: 'blocked', ...blocked } }
  return { ...plan, nextRefreshAt: now, decision: { kind: 'refresh' } }
}

/** The window and the CLI may spend the reserve; background refresh and the tray may not. */
function spendsReserve(priority: RequestPriority): boolean {
  return priority === 'cli' || priority === 'interactive'
}

/** Why `needed` requests cannot be sent now, and when they can: a 429 pause, the daily cap, the hour. */
function blockedBy(
  budget: BudgetSnapshot,
  needed: number,
  now: number,
  priority: RequestPriority,
): { reason: 'budget' | 'rate-limited'; until: number } | null {
  const pausedUntil = budget.pausedUntil ? Date.parse(budget.pausedUntil) : null
  if (pausedUntil !== null && pausedUntil > now)
    return {
      reason: 'rate-limited',
      until: Math.max(pausedUntil, Date.parse(budget.resetsAt)) + hourStartSlackMs,
    }
  const remainingToday = budget.remainingToday ?? null
  if (remainingToday !== null && remainingToday < needed && budget.dayResetsAt)
    return { reason: 'budget', until: Date.parse(budget.dayResetsAt) + hourStartSlackMs }
  if (refreshAllowance(budget, priority) < needed) return { reason: 'budget', until: nextHour(budget) }
  return null
}

/** Just after the top of the next hour, so a clock a little ahead never spends into the old bucket. */
function nextHour(budget: BudgetSnapshot): number {
  return Date.parse(budget.resetsAt) + hourStartSlackMs
}

function reserveOf(budget: Pick<BudgetSnapshot, 'hourlyLimit' | 'reservedForInteractive'>): number {
  return budget.reservedForInteractive ?? Math.ceil(budget.hourlyLimit * 0.1)
}
