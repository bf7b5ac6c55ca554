// How often the tray may poll one key's pinned sites: pure arithmetic on the budget snapshot.
// Plausible counts every request in a fixed UTC-hour bucket and answers 429 once it is spent
// (plausible-api.md §3). The tray is the lowest priority and may only spend what the hour has left
// above the interactive reserve, and only a share of that, so it slows as the hour drains and always
// leaves room for the window, the CLI and background refreshes.
import type { BudgetSnapshot } from '../../shared/contract'

/** The share of what is left (above the reserve) that the tray plans to spend over the rest of the hour. */
export const traySpendShare = 0.5

/** Realtime counts visitors of the last 5 minutes (§5) and the read cache keeps one for 15 s: faster is waste. */
export const minIntervalMs = 60_000

/**
 * The first poll of a new hour waits this long past the top of the hour, so a clock a little ahead of the
 * server's never spends into the old bucket.
 */
export const hourStartSlackMs = 15_000

export type PollPlan =
  | { kind: 'poll'; intervalMs: number; rounds: number }
  | { kind: 'paused'; until: number; reason: 'rate-limited' | 'hour-spent' }

/**
 * The cadence for one key: `rounds = floor(share · (limit − reserve − used) / sites)` polls of all its
 * pinned sites fit in the rest of the hour; they are spread evenly over the time left, no closer than
 * a minute apart. No affordable round (or a 429 pause) waits for the next UTC hour.
 */
export function planPolling(budget: BudgetSnapshot, siteCount: number, now: number): PollPlan {
  const resetsAt = Date.parse(budget.resetsAt)
  const pausedUntil = budget.pausedUntil ? Date.parse(budget.pausedUntil) : null
  if (pausedUntil !== null && pausedUntil > now)
    return {
      kind: 'paused',
      until: Math.max(pausedUntil, resetsAt) + hourStartSlackMs,
      reason: 'rate-limited',
    }
  const sites = Math.max(1, siteCount)
  const available = trayAllowance(budget)
  const rounds = Math.floor((available * traySpendShare) / sites)
  // A round that fits only without the share may still run once, if it keeps the reserve whole.
  if (rounds < 1 && available < sites)
    return { kind: 'paused', until: resetsAt + hourStartSlackMs, reason: 'hour-spent' }
  const timeLeft = Math.max(0, resetsAt - now)
  const intervalMs = Math.max(minIntervalMs, Math.ceil(timeLeft / Math.max(1, rounds)))
  return { kind: 'poll', intervalMs, rounds: Math.max(1, rounds) }
}

/** What the tray may still spend this hour: the hour's limit less its reserve, less what anyone used. */
export function trayAllowance(budget: BudgetSnapshot): number {
  const reserve = budget.reservedForInteractive ?? Math.ceil(budget.hourlyLimit * 0.1)
  return Math.max(0, budget.hourlyLimit - reserve - budget.usedThisHour)
}
