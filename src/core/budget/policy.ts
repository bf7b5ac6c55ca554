// The budget's decisions as pure functions: who may spend how much of the hour, and how long to back off.
// Plausible counts every request with a valid key in fixed UTC-hour buckets and answers 429 without
// Retry-After once the bucket is spent (plausible-api.md §3), so the client has to do the counting.

import type { RequestPriority } from '../../shared/contract/calls'

// Declared with the contract (the budget snapshot counts requests by them); the budget's own vocabulary.
export { requestPriorities, type RequestPriority } from '../../shared/contract/calls'

/** Bottleneck's priority for each (0 runs first, 9 last; its default is 5). */
export function limiterPriorityOf(priority: RequestPriority): number {
  switch (priority) {
    case 'interactive':
      return 1
    case 'cli':
      return 3
    case 'background':
      return 6
    case 'tray':
      return 8
  }
}

/** The share of each hour that background refresh and tray polling may not touch. */
export const defaultInteractiveReserve = 0.1

/** How many requests of this hour must stay untouched by background work: the reserve, rounded up. */
export function reservedRequests(hourlyLimit: number, reserveFraction: number): number {
  return Math.min(hourlyLimit, Math.ceil(hourlyLimit * reserveFraction))
}

/** The most requests the hour may have counted when this priority asks for one more. */
export function hourCeilingFor(
  priority: RequestPriority,
  hourlyLimit: number,
  reserveFraction: number,
): number {
  if (priority === 'interactive' || priority === 'cli') return hourlyLimit
  return hourlyLimit - reservedRequests(hourlyLimit, reserveFraction)
}

/** What to do with an answer: keep it, retry it later, pause the account, or fail at once. */
export type StatusClass = 'ok' | 'retry' | 'rate-limited' | 'final'

export function classifyStatus(status: number): StatusClass {
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'retry'
  if (status >= 400) return 'final'
  return 'ok'
}

export interface BackoffPolicy {
  /** First delay in ms; each further attempt doubles it (base 2). */
  baseMs: number
  capMs: number
  /** Tries in all, the first one included. */
  maxAttempts: number
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 5 }

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: base·2^(attempt−1), capped, with "equal
 * jitter" (half fixed, half random) so processes that failed together do not come back together.
 */
export function backoffDelayMs(attempt: number, random: () => number, policy = defaultBackoff): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
