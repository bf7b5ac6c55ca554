// The budget of each account: counts requests per UTC hour and local day in a LedgerStore shared by
// every process (file) or machine (Redis), and who spent them over the last 24 hours; applies the
// interactive reserve and the daily cap, and says when a refused request may try again. Time always
// comes from the injected clock.
import type { BudgetSnapshot } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import type { Clock } from '../ports'
import { localDayOf, nextLocalMidnight } from './local-day'
import { sha256Hex } from './sha256'
import {
  countsOfHour,
  createMemoryLedgerStore,
  historyHourStarts,
  type LedgerEntry,
  type LedgerStore,
  type LedgerWhen,
} from './ledger-store'
import { defaultInteractiveReserve, hourCeilingFor, reservedRequests, type RequestPriority } from './policy'
import { nextUtcHour, utcHourStart } from './utc-hour'

/** What the ledger needs to know about an account. */
export interface BudgetAccount {
  /** The server-side bucket: a hash of base URL and key (budgetIdOf), so aliases of one key share it. */
  id: string
  alias: string
  hourlyLimit: number
  /** Requests per local day; null = no daily cap. */
  dailyLimit: number | null
  /** Counted in this process only: the Demo account's sandbox lives and dies with it. */
  isLocal?: boolean
}

export type Grant =
  | { granted: true }
  | {
      granted: false
      /** paused: a 429; hour: the hour is spent; reserve: only the reserve is left; day: the daily cap. */
      reason: 'paused' | 'hour' | 'reserve' | 'day'
      /** When trying again can succeed (ms). */
      retryAt: number
    }

export interface Ledger {
  readonly storeKind: LedgerStore['kind']
  /** Counts one request, against its priority as the source, if the budget allows this priority one more. */
  reserve(account: BudgetAccount, priority: RequestPriority): Promise<Grant>
  /** Gives back a reservation whose request never reached the server, to the priority that took it. */
  refund(account: BudgetAccount, priority: RequestPriority): Promise<void>
  /** After a 429: refuse everything until `until` (default: the next UTC hour, §3). */
  pause(account: BudgetAccount, until?: number): Promise<void>
  snapshot(account: BudgetAccount): Promise<BudgetSnapshot>
  /** Drops the account's counts and pause, for an account being removed. */
  forget(account: BudgetAccount): Promise<void>
  close(): Promise<void>
}

export interface LedgerOptions {
  store: LedgerStore
  clock: Clock
  /** Share of the hour background refresh and tray polling may not touch; default 10 %. */
  reserveFraction?: number
}

/** Stable and key-free: the hash names the bucket without revealing the key. */
export function budgetIdOf(baseUrl: string, apiKey: string): string {
  return sha256Hex(`${baseUrl}\n${apiKey}`).slice(0, 24)
}

export function createLedger(options: LedgerOptions): Ledger {
  const { store, clock } = options
  const local = createMemoryLedgerStore()
  const reserveFraction = options.reserveFraction ?? defaultInteractiveReserve
  const storeOf = (account: BudgetAccount): LedgerStore => (account.isLocal ? local : store)

  function whenAt(now: number): LedgerWhen {
    return {
      now,
      hourStart: utcHourStart(now),
      hourEndsAt: nextUtcHour(now),
      day: localDayOf(now),
      dayEndsAt: nextLocalMidnight(now),
    }
  }

  return {
    storeKind: store.kind,
    async reserve(account, priority) {
      const when = whenAt(clock())
      const hourCeiling = hourCeilingFor(priority, account.hourlyLimit, reserveFraction)
      const { granted, entry } = await storeOf(account).tryReserve({
        ...when,
        budgetId: account.id,
        hourCeiling,
        dailyLimit: account.dailyLimit,
        source: priority,
      })
      if (granted) return { granted: true }
      if (entry.pausedUntil !== null) return { granted: false, reason: 'paused', retryAt: entry.pausedUntil }
      if (account.dailyLimit !== null && entry.usedToday >= account.dailyLimit)
        return { granted: false, reason: 'day', retryAt: when.dayEndsAt }
      const reason = entry.usedThisHour >= account.hourlyLimit ? 'hour' : 'reserve'
      return { granted: false, reason, retryAt: when.hourEndsAt }
    },
    refund(account, priority) {
      return storeOf(account).refund(account.id, priority, whenAt(clock()))
    },
    pause(account, until) {
      const now = clock()
      return storeOf(account).pause(account.id, until ?? nextUtcHour(now), whenAt(now))
    },
    async snapshot(account) {
      const when = whenAt(clock())
      return snapshotOf(account, await storeOf(account).read(account.id, when), when, {
        reserveFraction,
        storeKind: storeOf(account).kind,
      })
    },
    forget(account) {
      return storeOf(account).forget(account.id, whenAt(clock()))
    },
    async close() {
      await store.close()
    },
  }
}

function snapshotOf(
  account: BudgetAccount,
  entry: LedgerEntry,
  when: LedgerWhen,
  extra: { reserveFraction: number; storeKind: LedgerStore['kind'] },
): BudgetSnapshot {
  const iso = (ms: number): string => new Date(ms).toISOString()
  return {
    account: account.alias,
    hourlyLimit: account.hourlyLimit,
    usedThisHour: entry.usedThisHour,
    remainingThisHour: Math.max(0, account.hourlyLimit - entry.usedThisHour),
    hourStartedAt: iso(entry.hourStart),
    resetsAt: iso(when.hourEndsAt),
    pausedUntil: entry.pausedUntil === null ? null : iso(entry.pausedUntil),
    reservedForInteractive: reservedRequests(account.hourlyLimit, extra.reserveFraction),
    dailyLimit: account.dailyLimit,
    usedToday: entry.usedToday,
    remainingToday: account.dailyLimit === null ? null : Math.max(0, account.dailyLimit - entry.usedToday),
    dayResetsAt: iso(when.dayEndsAt),
    lastPausedAt: entry.lastPausedAt === null ? null : iso(entry.lastPausedAt),
    sharedThrough: extra.storeKind === 'memory' ? 'process' : extra.storeKind,
    thisHourBySource: countsOfHour(entry.hours, when.hourStart),
    hours: historyHourStarts(when).map((hourStart) => ({
      hourStartedAt: iso(hourStart),
      bySource: countsOfHour(entry.hours, hourStart),
    })),
  }
}

/** The typed failure for a refused reservation: when the budget (or the server's pause) ends. */
export function refusalError(
  account: BudgetAccount,
  grant: Extract<Grant, { granted: false }>,
): PlausibleError {
  const resetsAt = new Date(grant.retryAt).toISOString()
  switch (grant.reason) {
    case 'paused':
      return new PlausibleError('RATE_LIMITED', {
        message: `The server refused this key's requests for the rest of the hour; nothing is sent until ${resetsAt}.`,
        details: { resetsAt },
      })
    case 'day':
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `Account "${account.alias}" used all ${account.dailyLimit} requests of its daily cap; it resets at ${resetsAt}.`,
        details: { resetsAt },
      })
    case 'reserve':
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `Account "${account.alias}" has only its interactive reserve left this UTC hour; background work resumes at ${resetsAt}.`,
        details: { resetsAt },
      })
    case 'hour':
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `Account "${account.alias}" used all ${account.hourlyLimit} requests of this UTC hour; the budget resets at ${resetsAt}.`,
        details: { resetsAt },
      })
  }
}
