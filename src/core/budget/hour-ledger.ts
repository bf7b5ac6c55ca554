// Counts requests per account in the current UTC hour and refuses the one the hour cannot afford,
// so the product never causes a 429 by itself. In-process only; the shared, persisted ledger
// (file lock across processes, Redis across machines) replaces the store in the budget issue.
import type { BudgetSnapshot } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import type { Clock } from '../ports'
import { nextUtcHour, utcHourStart } from './utc-hour'

interface AccountHour {
  hour: number
  used: number
  pausedUntil: number | null
}

export interface HourLedger {
  /** Takes one request from this hour's budget, or throws BUDGET_EXHAUSTED saying when it resets. */
  reserve(account: string, hourlyLimit: number): void
  /** Gives back a reservation whose request never reached the server (a network failure). */
  release(account: string): void
  /** After a 429: nothing more is sent to this account until `until` (default: the next UTC hour). */
  pause(account: string, until?: number): void
  snapshot(account: string, hourlyLimit: number): BudgetSnapshot
}

export function createHourLedger(clock: Clock): HourLedger {
  const hours = new Map<string, AccountHour>()

  function current(account: string): AccountHour {
    const hour = utcHourStart(clock())
    const entry = hours.get(account)
    if (entry && entry.hour === hour) return entry
    // A new hour: the server's counter reset, and a pause that ended with the old hour is over.
    const pausedUntil = entry?.pausedUntil && entry.pausedUntil > clock() ? entry.pausedUntil : null
    const fresh = { hour, used: 0, pausedUntil }
    hours.set(account, fresh)
    return fresh
  }

  return {
    reserve(account, hourlyLimit) {
      const entry = current(account)
      const now = clock()
      if (entry.pausedUntil !== null && entry.pausedUntil > now) {
        const resetsAt = new Date(entry.pausedUntil).toISOString()
        throw new PlausibleError('RATE_LIMITED', {
          message: `The server refused this key's requests for the rest of the hour; nothing is sent until ${resetsAt}.`,
          details: { resetsAt },
        })
      }
      if (entry.used >= hourlyLimit) {
        const resetsAt = new Date(nextUtcHour(now)).toISOString()
        throw new PlausibleError('BUDGET_EXHAUSTED', {
          message: `Account "${account}" used all ${hourlyLimit} requests of this UTC hour; the budget resets at ${resetsAt}.`,
          details: { resetsAt },
        })
      }
      entry.used += 1
    },
    release(account) {
      const entry = current(account)
      entry.used = Math.max(0, entry.used - 1)
    },
    pause(account, until) {
      current(account).pausedUntil = until ?? nextUtcHour(clock())
    },
    snapshot(account, hourlyLimit) {
      const entry = current(account)
      const now = clock()
      return {
        account,
        hourlyLimit,
        usedThisHour: entry.used,
        remainingThisHour: Math.max(0, hourlyLimit - entry.used),
        hourStartedAt: new Date(entry.hour).toISOString(),
        resetsAt: new Date(nextUtcHour(now)).toISOString(),
        pausedUntil:
          entry.pausedUntil !== null && entry.pausedUntil > now
            ? new Date(entry.pausedUntil).toISOString()
            : null,
      }
    },
  }
}
