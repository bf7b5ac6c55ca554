// How often the tray may poll one key's pinned sites: pure arithmetic on the budget snapshot.
// Plausible counts every request in a fixed UTC-hour bucket and answers 429 once it is spent
// (plausible-api.md §3). The tray is the lowest priority: it plans to spend at most half of the hour
// above the interactive reserve, at an even pace, and never more than the hour has left above the
// reserve, so it slows as others drain the hour and always leaves room for the window and the CLI.
import type { BudgetSnapshot } from '../../shared/contract'

/** The share of each hour (above the reserve) the tray plans to spend when nobody else does. */
export const traySpendShare = 0.5

/** Realtime counts visitors of the last 5 minutes (§5) and the read cache keeps one for 15 s: faster is waste. */
export const minIntervalMs = 60_000

/**
 * The first poll of a new hour waits this long past the top of the hour, so a clock a little ahead of the
 * server's never spends into the old bucket.
 */
export const hourStartSlackMs = 15_000

const hourMs = 3_600_000

export type PollPlan =
  | { kind: 'poll'; intervalMs: number; rounds: number }
  | { kind: 'paused'; until: number; reason: 'rate-limited' | 'hour-spent' }

/**
 * The cadence for one key with `sites` pinned sites:
 *
 *   allowance = limit − reserve − used                        what the hour has left above the reserve
 *   pace      = share · (limit − reserve) · timeLeft / hour   the tray's even share of the rest of the hour
 *   rounds    = floor(min(allowance, pace) / sites)
 *   interval  = max(60 s, timeLeft / rounds)
 *
 * No round fits the pace near the end of an hour: the next poll is just after the top of the hour
 * (rounds = 0). The allowance cannot pay one round, or a 429 paused the key: paused until the next hour.
 */
export function planPolling(budget: BudgetSnapshot, siteCount: number, now: number): PollPlan {
  const resetsAt = Date.parse(budget.resetsAt)
  const nextHour = resetsAt + hourStartSlackMs
  const pausedUntil = budget.pausedUntil ? Date.parse(budget.pausedUntil) : null
  if (pausedUntil !== null && pausedUntil > now)
    return {
      kind: 'paused',
      until: Math.max(pausedUntil, resetsAt) + hourStartSlackMs,
      reason: 'rate-limited',
    }
  const sites = Math.max(1, siteCount)
  const allowance = trayAllowance(budget)
  if (allowance < sites) return { kind: 'paused', until: nextHour, reason: 'hour-spent' }
  const timeLeft = Math.max(0, resetsAt - now)
  const pace = (traySpendShare * (budget.hourlyLimit - reserveOf(budget)) * timeLeft) / hourMs
  const rounds = Math.floor(Math.min(allowance, pace) / sites)
  if (rounds < 1) return { kind: 'poll', intervalMs: Math.max(1_000, nextHour - now), rounds: 0 }
  return { kind: 'poll', intervalMs: Math.max(minIntervalMs, Math.ceil(timeLeft / rounds)), rounds }
}

/** What the tray may still spend this hour: the hour's limit less its reserve, less what anyone used. */
export function trayAllowance(budget: BudgetSnapshot): number {
  return Math.max(0, budget.hourlyLimit - reserveOf(budget) - budget.usedThisHour)
}

function reserveOf(budget: BudgetSnapshot): number {
  return budget.reservedForInteractive ?? Math.ceil(budget.hourlyLimit * 0.1)
}
