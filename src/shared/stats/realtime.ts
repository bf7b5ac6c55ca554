// Realtime within the budget: the last-minutes window as a v2 datetime range (the public API has no
// `realtime` range, §4.2), and how often to poll given what is left of the account's hour.
import type { DateRange } from '../plausible/query'
import { isoWithOffset } from './calendar'

/** Plausible's "current visitors" window. */
export const realtimeWindowMinutes = 5

/**
 * `[now − 5 min, now]` with the site's offset, the end rounded down to `stepMs` so that every panel
 * polled in the same tick asks the same range (one cache key, comparable numbers).
 */
export function lastMinutesRange(
  timeZone: string,
  nowMs: number,
  minutes = realtimeWindowMinutes,
  stepMs = 10_000,
): DateRange {
  const end = Math.floor(nowMs / stepMs) * stepMs
  return [isoWithOffset(timeZone, end - minutes * 60_000), isoWithOffset(timeZone, end)]
}

export interface BudgetView {
  hourlyLimit: number
  remainingThisHour: number
  /** ISO time the hour's counter resets. */
  resetsAt: string
  pausedUntil: string | null
}

export interface PollPlan {
  /** Milliseconds to the next poll, or null: do not poll until the hour resets. */
  intervalMs: number | null
  /** Why, for the budget notice. */
  reason: 'normal' | 'stretched' | 'paused'
}

export interface PollOptions {
  /** Requests one poll spends (realtime view: current visitors, sources, pages = 3). */
  requestsPerPoll: number
  /** The fastest useful rate: the window moves by the minute. */
  minIntervalMs?: number
  /**
   * Requests kept back for what the user does next (opening a panel, another site): realtime stops
   * when only these are left.
   */
  reserve?: number
  /** At most this share of what is left may go to polling before the reset. */
  share?: number
}

/**
 * Spreads at most `share` of the remaining requests (after the reserve) over the time to the reset,
 * never faster than `minIntervalMs`; stops when only the reserve is left or the account is paused.
 */
export function realtimePollPlan(
  budget: BudgetView | undefined,
  nowMs: number,
  options: PollOptions,
): PollPlan {
  const min = options.minIntervalMs ?? 30_000
  if (!budget) return { intervalMs: min * 2, reason: 'normal' }
  if (budget.pausedUntil && Date.parse(budget.pausedUntil) > nowMs)
    return { intervalMs: null, reason: 'paused' }
  const reserve = options.reserve ?? Math.max(5, Math.ceil(budget.hourlyLimit * 0.05))
  const spendable = Math.floor((budget.remainingThisHour - reserve) * (options.share ?? 0.5))
  const polls = Math.floor(spendable / Math.max(1, options.requestsPerPoll))
  if (polls < 1) return { intervalMs: null, reason: 'paused' }
  const untilReset = Math.max(0, Date.parse(budget.resetsAt) - nowMs)
  const even = Math.ceil(untilReset / polls)
  return even > min ? { intervalMs: even, reason: 'stretched' } : { intervalMs: min, reason: 'normal' }
}

/** When the budget counts as low: a tenth of the hour left, or paused. */
export function isBudgetLow(budget: BudgetView | undefined, nowMs: number): boolean {
  if (!budget) return false
  if (budget.pausedUntil && Date.parse(budget.pausedUntil) > nowMs) return true
  return budget.remainingThisHour <= Math.max(5, Math.floor(budget.hourlyLimit * 0.1))
}
