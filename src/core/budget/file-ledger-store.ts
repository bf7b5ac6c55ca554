// The ledger every process on this machine shares: `<configDir>/usage.json`, read and rewritten whole
// under a lockfile for each step (ledger-file.ts: a new file, or the writer's own file overwritten in
// place), so the app, the tray and any number of CLI processes count against the same hour. A file that
// cannot be read is moved aside and reported, never silently reset.
// One step is one lock and one write, and what happens under the lock is synchronous: a few calls of
// microseconds each (a promise per call cost ~2 ms a request in trips through libuv's thread pool), and
// the lock is held for no longer than they take.
import { renameSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import * as fastPaths from '../../shared/schema-fast-path/generated'
import { withFastPath } from '../../shared/schema-fast-path/runtime'
import { asConfigDirError } from '../config-dir'
import { isErrno, namingFile, readReplacedFileSync } from './atomic-file'
import { withFileLock, type FileLockOptions } from './file-lock'
import { createLedgerFile } from './ledger-file'
import {
  entryAt,
  pauseIn,
  refundIn,
  reserveIn,
  type LedgerEntry,
  type LedgerStore,
  type LedgerWhen,
} from './ledger-store'

const Count = lazySchema(() => z.number().int().nonnegative())
// Ledgers written before sources were counted have no `hours`, and a source added later is missing from
// older hours: both read as zero rather than as a corrupt file.
const SourceCount = lazySchema(() => Count.default(0))

const Entry = lazySchema(() =>
  z.object({
    hourStart: z.number(),
    usedThisHour: Count,
    day: z.string(),
    usedToday: Count,
    pausedUntil: z.number().nullable(),
    lastPausedAt: z.number().nullable(),
    hours: z
      .array(
        z.object({
          hourStart: z.number(),
          bySource: z.object({
            interactive: SourceCount,
            cli: SourceCount,
            background: SourceCount,
            tray: SourceCount,
          }),
        }),
      )
      .default([]),
  }),
)

/** Exported for the fast path's generator (scripts/schema-fast-paths.ts). */
export const UsageFile = withFastPath(
  lazySchema(() => z.object({ version: z.literal(1), budgets: z.record(z.string(), Entry) })),
  fastPaths.UsageFile,
)
type UsageFile = z.infer<typeof UsageFile>

export interface FileLedgerStoreOptions {
  /** `<configDir>/usage.json`. */
  path: string
  lock?: FileLockOptions
  /** Told when a corrupt ledger was moved aside (with where it went). */
  onCorrupt?: (report: { path: string; movedTo: string; reason: string }) => void
  /** The instant used to name a moved-aside file. */
  now?: () => number
}

export function createFileLedgerStore(options: FileLedgerStoreOptions): LedgerStore {
  const { path } = options
  const lockPath = `${path}.lock`
  let hasDir = false
  const file = createLedgerFile(path, 0o600)
  /**
   * What this process wrote last. While usage.json is still its file (one stat), nobody else wrote
   * since: it need not be read and checked again, the step's most expensive part after the write.
   */
  let written: UsageFile | null = null

  /** Under the lock: the ledger as it stands, and whether usage.json is still this process's file. */
  function current(): { usage: UsageFile; isOurs: boolean } {
    if (written && file.isOurs())
      // Entries are never changed in place (ledger-store.ts makes new ones): a new map of them will do.
      return { usage: { version: 1, budgets: { ...written.budgets } }, isOurs: true }
    written = null
    return { usage: load(), isOurs: false }
  }

  function load(): UsageFile {
    let text: string
    let from: string
    try {
      ;({ text, from } = readReplacedFileSync(path))
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { version: 1, budgets: {} }
      // EISDIR and friends come without a path: named, so CONFIG_DIR says which file.
      throw namingFile(error, path)
    }
    let reason: string
    try {
      const parsed = UsageFile.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data
      reason = 'it does not have the ledger shape'
    } catch {
      reason = 'it is not valid JSON'
    }
    const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')
    const movedTo = `${path}.corrupt-${stamp}`
    renameSync(from, movedTo)
    options.onCorrupt?.({ path, movedTo, reason })
    return { version: 1, budgets: {} }
  }

  /**
   * The ledger is read inside a scheduled request: a raw errno from here would reach the HTTP client and
   * be taken for a network failure, so a file system failure leaves typed (CONFIG_DIR, path and errno).
   */
  async function typed<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step()
    } catch (error) {
      throw asConfigDirError(dirname(path), error)
    }
  }

  /** One read-modify-write under the lock; an entry of `undefined` removes the budget. */
  function update<T>(
    budgetId: string,
    change: (stored: LedgerEntry | undefined) => { entry: LedgerEntry | undefined; result: T },
  ): Promise<T> {
    return typed(() => updateUnderLock(budgetId, change))
  }

  async function updateUnderLock<T>(
    budgetId: string,
    change: (stored: LedgerEntry | undefined) => { entry: LedgerEntry | undefined; result: T },
  ): Promise<T> {
    if (!hasDir) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      hasDir = true
    }
    return withFileLock(
      lockPath,
      async () => {
        const { usage, isOurs } = current()
        const { entry, result } = change(usage.budgets[budgetId])
        if (entry) usage.budgets[budgetId] = entry
        else delete usage.budgets[budgetId]
        // Every reader under the lock sees a whole file; only a power cut could lose the last counts,
        // and the server's own 429 then pauses the account (§3). Syncing here cost ~9 ms on every
        // request, and renaming over the old file 0.2–3 ms (replaceFileKeepingOpen says why).
        written = null
        file.write(`${JSON.stringify(usage, null, 2)}\n`, isOurs)
        written = usage
        return result
      },
      options.lock,
    )
  }

  return {
    kind: 'file',
    tryReserve(request) {
      return update(request.budgetId, (stored) => {
        const result = reserveIn(stored, request)
        return { entry: result.entry, result }
      })
    },
    refund(budgetId, source, when) {
      return update(budgetId, (stored) => ({ entry: refundIn(stored, source, when), result: undefined }))
    },
    pause(budgetId, until, when) {
      return update(budgetId, (stored) => ({ entry: pauseIn(stored, until, when), result: undefined }))
    },
    read(budgetId: string, when: LedgerWhen) {
      return typed(async () => {
        // Reads take the lock too: load() may have to move a corrupt file aside.
        if (!hasDir) await mkdir(dirname(path), { recursive: true, mode: 0o700 })
        hasDir = true
        return withFileLock(lockPath, async () => entryAt(load().budgets[budgetId], when), options.lock)
      })
    },
    forget(budgetId) {
      return update(budgetId, () => ({ entry: undefined, result: undefined }))
    },
    async close() {
      file.close()
    },
  }
}
