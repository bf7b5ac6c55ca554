// The LedgerStore port: where request counts live (memory, a locked file, Redis) and the one atomic
// step every adapter implements — check the budget and count a request (and who sent it) in one breath.
import { requestPriorities, type RequestPriority } from './policy'
import { hourMs } from './utc-hour'

/** Requests per source in one hour; sources are the request priorities (window, CLI, background, tray). */
export type SourceCounts = Record<RequestPriority, number>

/** One UTC hour of the history: who spent how many requests. */
export interface HourCounts {
  /** Start of the UTC hour (ms). */
  hourStart: number
  bySource: SourceCounts
}

/** How many UTC hours the history keeps, the current one included. */
export const historyHours = 24

/** One budget's counters as an adapter keeps them. */
export interface LedgerCounters {
  /** Start of the UTC hour the hour counter belongs to (ms). */
  hourStart: number
  usedThisHour: number
  /** Local day (`YYYY-MM-DD`) the day counter belongs to. */
  day: string
  usedToday: number
  /** After a 429: nothing is sent before this instant (ms). */
  pausedUntil: number | null
  /** When the server last refused with a 429 (ms), kept after the pause ends. */
  lastPausedAt: number | null
}

export interface LedgerEntry extends LedgerCounters {
  /**
   * The last `historyHours` UTC hours that counted anything, oldest first, the current one included. For
   * the current hour the sources add up to usedThisHour, except in an hour an older ledger began counting.
   */
  hours: HourCounts[]
}

/** Where "now" falls, computed once by the ledger so every adapter agrees on the buckets. */
export interface LedgerWhen {
  now: number
  hourStart: number
  hourEndsAt: number
  day: string
  dayEndsAt: number
}

export interface ReserveRequest extends LedgerWhen {
  /** Identifies the server-side bucket (a hash of base URL and key), never the key itself. */
  budgetId: string
  /** Counted only while the hour has fewer than this many requests. */
  hourCeiling: number
  /** Counted only while the day has fewer than this; null = no daily cap. */
  dailyLimit: number | null
  /** Who asks: counted against this source in the hour's history when granted. */
  source: RequestPriority
}

export interface ReserveResult {
  granted: boolean
  /** The counters after the attempt (incremented when granted); the history is read separately. */
  entry: LedgerCounters
}

export interface LedgerStore {
  readonly kind: 'memory' | 'file' | 'redis'
  /** Atomically: unless paused or at a ceiling, count one request for this hour and day. */
  tryReserve(request: ReserveRequest): Promise<ReserveResult>
  /** Gives back a request that never reached the server, to the source that reserved it. */
  refund(budgetId: string, source: RequestPriority, when: LedgerWhen): Promise<void>
  /** After a 429: refuse every reservation until `until`. */
  pause(budgetId: string, until: number, when: LedgerWhen): Promise<void>
  read(budgetId: string, when: LedgerWhen): Promise<LedgerEntry>
  /** Drops the counts of a removed account (`accounts remove --purge-usage`). */
  forget(budgetId: string, when: LedgerWhen): Promise<void>
  close(): Promise<void>
}

export function noSourceCounts(): SourceCounts {
  return { interactive: 0, cli: 0, background: 0, tray: 0 }
}

/** The oldest hour start still in the history at `when`. */
export function oldestHourKept(when: Pick<LedgerWhen, 'hourStart'>): number {
  return when.hourStart - (historyHours - 1) * hourMs
}

/** The history's hour starts at `when`, oldest first, the current hour last. */
export function historyHourStarts(when: Pick<LedgerWhen, 'hourStart'>): number[] {
  const oldest = oldestHourKept(when)
  return Array.from({ length: historyHours }, (_, index) => oldest + index * hourMs)
}

/** An hour's counts from the history; an hour that is not there counted nothing. */
export function countsOfHour(hours: readonly HourCounts[], hourStart: number): SourceCounts {
  return { ...noSourceCounts(), ...hours.find((hour) => hour.hourStart === hourStart)?.bySource }
}

/** The history with `delta` added to one source of one hour (never below zero), oldest first. */
export function addToHour(
  hours: readonly HourCounts[],
  hourStart: number,
  source: RequestPriority,
  delta: number,
): HourCounts[] {
  const counts = countsOfHour(hours, hourStart)
  counts[source] = Math.max(0, counts[source] + delta)
  const others = hours.filter((hour) => hour.hourStart !== hourStart)
  const isEmpty = requestPriorities.every((name) => counts[name] === 0)
  return (isEmpty ? others : [...others, { hourStart, bySource: counts }]).sort(
    (a, b) => a.hourStart - b.hourStart,
  )
}

/**
 * The counters as they stand at `when`: a new hour or day starts at zero, an ended pause is lifted, and
 * hours older than the history drop out.
 */
export function entryAt(stored: LedgerEntry | undefined, when: LedgerWhen): LedgerEntry {
  const oldest = oldestHourKept(when)
  return {
    hourStart: when.hourStart,
    usedThisHour: stored && stored.hourStart === when.hourStart ? stored.usedThisHour : 0,
    day: when.day,
    usedToday: stored && stored.day === when.day ? stored.usedToday : 0,
    pausedUntil: stored?.pausedUntil != null && stored.pausedUntil > when.now ? stored.pausedUntil : null,
    lastPausedAt: stored?.lastPausedAt ?? null,
    hours: (stored?.hours ?? []).filter((hour) => hour.hourStart >= oldest),
  }
}

/** The check-and-count step shared by the memory and file adapters (Redis runs the same in Lua). */
export function reserveIn(
  stored: LedgerEntry | undefined,
  request: ReserveRequest,
): ReserveResult & { entry: LedgerEntry } {
  const entry = entryAt(stored, request)
  const isRefused =
    entry.pausedUntil !== null ||
    entry.usedThisHour >= request.hourCeiling ||
    (request.dailyLimit !== null && entry.usedToday >= request.dailyLimit)
  if (isRefused) return { granted: false, entry }
  return {
    granted: true,
    entry: {
      ...entry,
      usedThisHour: entry.usedThisHour + 1,
      usedToday: entry.usedToday + 1,
      hours: addToHour(entry.hours, request.hourStart, request.source, 1),
    },
  }
}

export function refundIn(
  stored: LedgerEntry | undefined,
  source: RequestPriority,
  when: LedgerWhen,
): LedgerEntry {
  const entry = entryAt(stored, when)
  return {
    ...entry,
    usedThisHour: Math.max(0, entry.usedThisHour - 1),
    usedToday: Math.max(0, entry.usedToday - 1),
    hours: addToHour(entry.hours, when.hourStart, source, -1),
  }
}

export function pauseIn(stored: LedgerEntry | undefined, until: number, when: LedgerWhen): LedgerEntry {
  const entry = entryAt(stored, when)
  return { ...entry, pausedUntil: Math.max(until, entry.pausedUntil ?? 0), lastPausedAt: when.now }
}

/** For unit tests and the Demo account, whose sandbox lives and dies with this process. */
export function createMemoryLedgerStore(): LedgerStore {
  const entries = new Map<string, LedgerEntry>()
  return {
    kind: 'memory',
    async tryReserve(request) {
      const result = reserveIn(entries.get(request.budgetId), request)
      entries.set(request.budgetId, result.entry)
      return result
    },
    async refund(budgetId, source, when) {
      entries.set(budgetId, refundIn(entries.get(budgetId), source, when))
    },
    async pause(budgetId, until, when) {
      entries.set(budgetId, pauseIn(entries.get(budgetId), until, when))
    },
    async read(budgetId, when) {
      return entryAt(entries.get(budgetId), when)
    },
    async forget(budgetId) {
      entries.delete(budgetId)
    },
    async close() {},
  }
}
