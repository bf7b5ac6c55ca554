// The LedgerStore port: where request counts live (memory, a locked file, Redis) and the one atomic
// step every adapter implements — check the budget and count a request in the same breath.

/** One budget's counters as an adapter keeps them. */
export interface LedgerEntry {
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
}

export interface ReserveResult {
  granted: boolean
  /** The counters after the attempt (incremented when granted). */
  entry: LedgerEntry
}

export interface LedgerStore {
  readonly kind: 'memory' | 'file' | 'redis'
  /** Atomically: unless paused or at a ceiling, count one request for this hour and day. */
  tryReserve(request: ReserveRequest): Promise<ReserveResult>
  /** Gives back a request that never reached the server. */
  refund(budgetId: string, when: LedgerWhen): Promise<void>
  /** After a 429: refuse every reservation until `until`. */
  pause(budgetId: string, until: number, when: LedgerWhen): Promise<void>
  read(budgetId: string, when: LedgerWhen): Promise<LedgerEntry>
  /** Drops the counts of a removed account (`accounts remove --purge-usage`). */
  forget(budgetId: string, when: LedgerWhen): Promise<void>
  close(): Promise<void>
}

/** The counters as they stand at `when`: a new hour or day starts at zero, an ended pause is lifted. */
export function entryAt(stored: LedgerEntry | undefined, when: LedgerWhen): LedgerEntry {
  return {
    hourStart: when.hourStart,
    usedThisHour: stored && stored.hourStart === when.hourStart ? stored.usedThisHour : 0,
    day: when.day,
    usedToday: stored && stored.day === when.day ? stored.usedToday : 0,
    pausedUntil: stored?.pausedUntil != null && stored.pausedUntil > when.now ? stored.pausedUntil : null,
    lastPausedAt: stored?.lastPausedAt ?? null,
  }
}

/** The check-and-count step shared by the memory and file adapters (Redis runs the same in Lua). */
export function reserveIn(stored: LedgerEntry | undefined, request: ReserveRequest): ReserveResult {
  const entry = entryAt(stored, request)
  const isRefused =
    entry.pausedUntil !== null ||
    entry.usedThisHour >= request.hourCeiling ||
    (request.dailyLimit !== null && entry.usedToday >= request.dailyLimit)
  if (isRefused) return { granted: false, entry }
  return {
    granted: true,
    entry: { ...entry, usedThisHour: entry.usedThisHour + 1, usedToday: entry.usedToday + 1 },
  }
}

export function refundIn(stored: LedgerEntry | undefined, when: LedgerWhen): LedgerEntry {
  const entry = entryAt(stored, when)
  return {
    ...entry,
    usedThisHour: Math.max(0, entry.usedThisHour - 1),
    usedToday: Math.max(0, entry.usedToday - 1),
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
    async refund(budgetId, when) {
      entries.set(budgetId, refundIn(entries.get(budgetId), when))
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
