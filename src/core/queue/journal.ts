// The durable journal of write jobs: `<configDir>/queue/pending/<id>.json`, one file per job, each
// written atomically. Before its request goes out a job is renamed into `sending/`; it is acknowledged
// by renaming it into `done/` (one atomic step each) and kept there for a day, so enqueueing the same id
// again — an import started twice — sends nothing twice. A job that failed for good moves to `failed/`,
// where `queue inspect` shows it.
//
// At-least-once, made visible: a crash between a request and its acknowledgement leaves the job in
// `sending/`. The next worker puts it back in `pending/` flagged `possiblyDelivered` (the server may have
// it already; the Events API has no idempotency key, plausible-api.md §7) and leaves a marker in
// `possibly-delivered/` for a day, so `queue inspect` and the import can say how many may repeat.
//
// A job file that cannot be read is moved to `corrupt/` (never deleted) and stays counted there until the
// user deletes it or retries it (after mending it by hand).
//
// Group commit (an import journals thousands of jobs): `addMany` writes the new jobs once more as one
// batch file in `batches/`, made durable with one fsync of the file and one of its folder, and then each
// job's own file in `pending/` without an fsync. Within a boot the page cache holds those files for every
// process whatever kills the writer (kill -9 included); only a power cut can lose their bytes, so the
// first worker of a later boot checks each job of an earlier boot's batch against its file and writes
// back from the batch what is missing or unreadable (as it does for a batch whose writer died before all
// its files were written). A directory fsync alone would not do: it makes a name durable, never the bytes
// of a file nobody synced. The moves that follow (being sent, acknowledged) are renames, which a folder
// fsync does make durable: callers that move at the same time share one (group-sync.ts).
import {
  existsSync,
  mkdirSync,
  opendirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { isErrno, isTempFileName, namingFile, syncDir, writeFileAtomic } from '../budget/atomic-file'
import { randomHex } from '../random-hex'
import { bootTag } from './boot-tag'
import { createFolderSync } from './group-sync'

/** Safe as a file name on every platform. */
export const JobId = lazySchema(() =>
  z.string().regex(/^[A-Za-z0-9_-]{1,120}$/, 'A job id is 1–120 letters, digits, - or _'),
)

export const JournalJob = lazySchema(() =>
  z.object({
    id: JobId,
    kind: z.string().min(1),
    account: z.string(),
    payload: z.unknown(),
    createdAt: z.number(),
    attempts: z.number().int().nonnegative(),
    /** Not before this instant (ms): a backoff or a budget reset. */
    nextAttemptAt: z.number(),
    lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).nullable(),
    /** What the sender reported beyond success (an event the server dropped), kept with the done job. */
    outcome: z.unknown().optional(),
    /** A crash cut a send of this job short: the server may have it, so sending it again may repeat it. */
    possiblyDelivered: z.boolean().optional(),
  }),
)
export type JournalJob = z.infer<typeof JournalJob>

/** Where a job is, for every reader; a job being sent is still `pending` (not acknowledged). */
export type JobState = 'pending' | 'done' | 'failed'

/** A job file moved to `corrupt/` because it could not be read. */
export interface CorruptJobFile {
  /** The file's name in `corrupt/`: `<job id>.json.<ms when moved>`. */
  name: string
  path: string
  /** The job id its name carries; null when the name does not say. */
  jobId: string | null
  movedAt: number
  bytes: number
}

export type CorruptRetry =
  | { name: string; result: 'queued'; jobId: string }
  | { name: string; result: 'unreadable' | 'exists' | 'unknown'; reason: string }

export interface Journal {
  readonly dir: string
  /** Where unreadable job files are kept. */
  readonly corruptDir: string
  /** Creates the folders (0700); every other method does it too. */
  prepare(): Promise<void>
  /** Writes the job unless a job with its id is pending, done or failed; says which. */
  add(job: JournalJob): Promise<'added' | JobState>
  /**
   * `add` for many jobs with one durable write (group commit): each job's state in the order given. A
   * job whose id came earlier in the same call is `pending`, as a second add of it would say.
   * `isOnlyMover`: the caller's process holds the worker lock, so no other process moves jobs.
   */
  addMany(
    jobs: readonly JournalJob[],
    options?: { isOnlyMover?: boolean },
  ): Promise<Array<'added' | JobState>>
  /** Rewrites a job that waits for another try (attempts, next time, last error); it is pending again. */
  update(job: JournalJob): Promise<void>
  /**
   * Marks a pending job as being sent, durably, before its request goes out. False when the job is no
   * longer pending (acknowledged or failed meanwhile): then it must not be sent. `isNew`: the caller's
   * process journaled the job and alone moved it since, so no settled copy needs looking for.
   */
  markSending(id: string, options?: { isNew?: boolean }): Promise<boolean>
  /** The server accepted the job: it moves to done/, with its outcome when the sender reported one. */
  acknowledge(job: JournalJob): Promise<void>
  fail(job: JournalJob): Promise<void>
  /** Every job not yet acknowledged, the ones being sent included. */
  pending(): Promise<JournalJob[]>
  /** The ids of the jobs marked as being sent (in flight, or cut short by a crash). */
  sending(): Promise<Set<string>>
  /**
   * Run by the worker when it takes the journal: a job still marked as being sent was cut short by a
   * crash. It goes back to pending, flagged possibly delivered; returned so the caller can say so. Jobs
   * of a batch a power cut or a dead writer left unwritten are written back from the batch first.
   */
  recoverInterrupted(): Promise<JournalJob[]>
  /** Jobs flagged possibly delivered in the last day (delivered again since, or still pending). */
  possiblyDelivered(): Promise<string[]>
  failed(limit?: number): Promise<JournalJob[]>
  /** One job and where it is, from any process's point of view; null when unknown (or pruned). */
  find(id: string): Promise<{ state: JobState; job: JournalJob } | null>
  /** The job files set aside as unreadable, oldest first. */
  corrupt(): Promise<CorruptJobFile[]>
  /** Deletes the named files of `corrupt/` (all of them without names); returns the names deleted. */
  deleteCorrupt(names?: string[]): Promise<string[]>
  /**
   * Puts the named files of `corrupt/` (all without names) back in `pending/` when they now read as a
   * job (mended by hand) whose id the journal does not know; the others stay, each with its reason.
   */
  retryCorrupt(names?: string[]): Promise<CorruptRetry[]>
  /** Forgets done jobs and markers older than `olderThanMs` and temp files of writes that never finished. */
  prune(now: number, olderThanMs?: number): Promise<void>
  /**
   * prune(), unless any process started one less than `everyMs` before `now`: what it forgets is a day
   * old, and it looks at every done file (an import leaves one per event), which a command that starts
   * the journal should not pay each time. With `upToDoneFiles`, only while done/ holds at most that
   * many files: a short command leaves a large journal to a process that runs longer. Says whether it
   * pruned.
   */
  pruneIfDue(now: number, options?: { everyMs?: number; upToDoneFiles?: number }): Promise<boolean>
  /** Lets go of the folders it keeps open to sync them; any later step opens them again. */
  close(): void
}

/** When the last prune started, from its record; NaN where there is none or it cannot be read. */
function prunedAt(marker: string): number {
  try {
    return Number(readFileSync(marker, 'utf8'))
  } catch {
    return Number.NaN
  }
}

/** Whether `folder` holds at most `limit` entries; reads no more than one past it. A missing folder holds none. */
function holdsAtMost(folder: string, limit: number): boolean {
  let entries: ReturnType<typeof opendirSync>
  try {
    entries = opendirSync(folder)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return true
    throw error
  }
  try {
    for (let count = 0; entries.readSync() !== null;) if (++count > limit) return false
    return true
  } finally {
    entries.closeSync()
  }
}

/** Files a prune looks at, at once. */
const pruneConcurrency = 32

/** How often a journal is pruned at most, by any of the processes that start it. */
export const pruneEveryMs = 3_600_000

/** The journal's file that holds when the last prune started (ms since the epoch, as text). */
export const prunedAtFileName = 'pruned-at'

/** `<id>.json.<ms>`: the name readJobs gives a file it moves aside. */
const corruptName = /^([A-Za-z0-9_-]{1,120})\.json\.(\d{1,16})$/

/**
 * `batches/<ms>-<pid>-<hex>.<boot>.open.ndjson` while its jobs' own files are being written, then the
 * same without `.open`: when, who, and in which boot (boot-tag.ts).
 */
const batchName = /^(\d{1,16})-(\d{1,10})-([0-9a-f]{8})\.([a-z0-9]{1,64})(\.open)?\.ndjson$/

/** How long acknowledgements gather before their folder is synced. */
const acknowledgementGatherMs = 25

/** A minute of slack: a job's file is written just after its batch, so its batch is never the younger. */
const batchAgeSlackMs = 60_000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isErrno(error, 'EPERM')
  }
}

/** Temp file names of this process: its pid, a random word, a count (no random bytes per file). */
const tempPrefix = `${process.pid}.${randomHex(8)}.`
let tempCount = 0

/**
 * A job file, all or nothing for every reader (temp file, then rename) and without an fsync: the batch
 * it came with is what survives a power cut. Synchronous, so a burst of them costs no round trips.
 */
function writeJobFileSync(path: string, text: string): void {
  tempCount += 1
  const temp = join(dirname(path), `.${basename(path)}.${tempPrefix}${tempCount}.tmp`)
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' })
    renameSync(temp, path)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // Never written, or gone already.
    }
    throw namingFile(error, path)
  }
}

/** Renames `from` to `to`; false when `from` is not there. Another error names the file being moved. */
function moveSync(from: string, to: string): boolean {
  try {
    renameSync(from, to)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw namingFile(error, to)
  }
}

export function createJournal(options: {
  dir: string
  onCorrupt?: (report: { path: string; movedTo: string }) => void
}): Journal {
  const { dir } = options
  const folders = {
    pending: join(dir, 'pending'),
    sending: join(dir, 'sending'),
    done: join(dir, 'done'),
    failed: join(dir, 'failed'),
  }
  const corruptDir = join(dir, 'corrupt')
  const markersDir = join(dir, 'possibly-delivered')
  // Made by the first batch: a journal that never takes one (events send, site writes) has no such folder.
  const batchesDir = join(dir, 'batches')
  let batchesReady: Promise<unknown> | null = null
  /** The batch files' names; none while the folder was never made. */
  const batchNames = (): Promise<string[]> =>
    readdir(batchesDir).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return []
      throw error
    })
  type Folder = keyof typeof folders
  // Ids are file-name safe (JobId): no join() needed to put one in a folder, a million times over.
  const fileOf = (folder: Folder, id: string): string => `${folders[folder]}${sep}${id}.json`
  let ready: Promise<void> | null = null
  // Jobs marked as being sent, and acknowledged, at the same moment share one fsync of the folder. A
  // request waits for its mark; nothing waits for an acknowledgement but the end of a run, so those
  // gather for a few ms first.
  const sendingSync = createFolderSync(folders.sending)
  const doneSync = createFolderSync(folders.done, { gatherMs: acknowledgementGatherMs })
  const syncSending = sendingSync.sync
  const syncDone = doneSync.sync

  function ensureDirs(): Promise<void> {
    // Once per process, and each folder is there already but the first time: nine synchronous calls cost
    // less than the nine trips through the thread pool the asynchronous ones took.
    ready ??= Promise.resolve().then(() => {
      for (const folder of [dir, ...Object.values(folders), corruptDir, markersDir])
        mkdirSync(folder, { recursive: true, mode: 0o700 })
    })
    return ready
  }

  const exists = async (path: string): Promise<boolean> => {
    try {
      await stat(path)
      return true
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false
      throw error
    }
  }

  /** Written whole and fsynced; the caller makes its name durable (a folder sync it may share). */
  const writeFileDurably = (path: string, text: string): Promise<void> =>
    writeFileAtomic(path, text, 0o600, { syncFolder: false })

  const unlinkIfThere = (path: string): Promise<void> =>
    unlink(path).catch((error: unknown) => {
      if (!isErrno(error, 'ENOENT')) throw error
    })

  function parseJob(text: string): { job: JournalJob } | { reason: string } {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return { reason: 'it is not valid JSON' }
    }
    const parsed = JournalJob.safeParse(value)
    if (parsed.success) return { job: parsed.data }
    const issue = parsed.error.issues[0]
    return {
      reason: `it is not a job (${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'wrong shape'})`,
    }
  }

  /**
   * Settled states first: a copy a power cut left behind in an earlier folder never brings back a job
   * that went further. A job moving between folders while we look is looked for once more.
   */
  const lookOrder: Folder[] = ['done', 'failed', 'sending', 'pending']

  async function stateOf(id: string): Promise<JobState | null> {
    for (let look = 0; look < 2; look += 1)
      for (const folder of lookOrder)
        if (await exists(fileOf(folder, id))) return folder === 'sending' ? 'pending' : folder
    return null
  }

  /**
   * Moves that write the new file and then remove the old one asynchronously, towards done/ or failed/:
   * while one runs, a look (done, failed, sending, pending) may pass a job on its way.
   */
  let forwardMovesUnderWay = 0
  const movingForward = async <T>(move: () => Promise<T>): Promise<T> => {
    forwardMovesUnderWay += 1
    try {
      return await move()
    } finally {
      forwardMovesUnderWay -= 1
    }
  }

  /**
   * stateOf without a round trip per look: a batch of a thousand jobs costs no thousand awaits. One
   * look is enough when nothing can move under it: no other process moves jobs (`isOnlyMover`), this
   * one's synchronous moves cannot run between its synchronous checks, a job moved back (to pending)
   * is written there before it leaves sending/, and no forward move is under way.
   */
  function stateOfSync(id: string, looks: number): JobState | null {
    for (let look = 0; look < looks; look += 1)
      for (const folder of lookOrder)
        if (existsSync(fileOf(folder, id))) return folder === 'sending' ? 'pending' : folder
    return null
  }

  const isSettled = (id: string): boolean =>
    existsSync(fileOf('done', id)) || existsSync(fileOf('failed', id))

  /** The jobs of a batch file; a line that does not read as a job is skipped (the file was written whole). */
  async function batchJobs(path: string): Promise<Array<{ job: JournalJob; text: string }>> {
    const jobs: Array<{ job: JournalJob; text: string }> = []
    for (const text of (await readFile(path, 'utf8')).split('\n')) {
      if (text === '') continue
      const parsed = parseJob(text)
      if ('job' in parsed) jobs.push({ job: parsed.job, text })
    }
    return jobs
  }

  /**
   * Writes back, from a batch, each job whose own file is missing (its writer died first) or unreadable
   * (a power cut kept its name, not its bytes), in the folder where its name is; durably this time.
   */
  async function restoreBatch(path: string): Promise<void> {
    for (const { job, text } of await batchJobs(path)) {
      let where: Folder | null = null
      let isReadable = false
      for (const folder of lookOrder) {
        let content: string
        try {
          content = await readFile(fileOf(folder, job.id), 'utf8')
        } catch (error) {
          if (isErrno(error, 'ENOENT')) continue
          throw error
        }
        where = folder
        isReadable = 'job' in parseJob(content)
        break
      }
      if (!isReadable) await writeFileAtomic(fileOf(where ?? 'pending', job.id), text)
    }
  }

  /** Batches a crash or a restart may have left short of their job files, checked and renamed as whole. */
  async function restoreBatches(): Promise<void> {
    const boot = bootTag()
    const names = await batchNames()
    for (const name of names) {
      const match = batchName.exec(name)
      if (!match) continue
      const [, ms, pid, hex, writtenIn, isOpen] = match
      if (writtenIn === boot && (!isOpen || isAlive(Number(pid)))) continue
      await restoreBatch(join(batchesDir, name))
      await rename(join(batchesDir, name), join(batchesDir, `${ms}-${pid}-${hex}.${boot}.ndjson`))
    }
    if (names.length > 0) await syncDir(batchesDir)
  }

  async function readJobs(folder: string, limit = Number.POSITIVE_INFINITY): Promise<JournalJob[]> {
    const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    const jobs: JournalJob[] = []
    for (const name of names.slice(0, limit)) {
      const path = join(folder, name)
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (error) {
        if (isErrno(error, 'ENOENT')) continue // acknowledged meanwhile
        throw error
      }
      const parsed = parseJob(text)
      if ('job' in parsed) jobs.push(parsed.job)
      else {
        // Atomic writes make this rare (a disk error, a hand edit): keep the bytes, report, go on.
        const movedTo = join(corruptDir, `${name}.${Date.now()}`)
        await rename(path, movedTo).catch(() => undefined)
        options.onCorrupt?.({ path, movedTo })
      }
    }
    return jobs.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }

  async function corruptFiles(): Promise<CorruptJobFile[]> {
    const files: CorruptJobFile[] = []
    for (const name of await readdir(corruptDir)) {
      if (isTempFileName(name)) continue
      const path = join(corruptDir, name)
      const info = await stat(path).catch(() => null)
      if (!info?.isFile()) continue
      const match = corruptName.exec(name)
      files.push({
        name,
        path,
        jobId: match?.[1] ?? null,
        movedAt: match?.[2] ? Number(match[2]) : info.mtimeMs,
        bytes: info.size,
      })
    }
    return files.sort((a, b) => a.movedAt - b.movedAt || (a.name < b.name ? -1 : 1))
  }

  /** The named files among those in corrupt/ (all without names); a name not there is reported, never joined to a path. */
  async function pickCorrupt(
    names: string[] | undefined,
  ): Promise<{ found: CorruptJobFile[]; missing: string[] }> {
    const files = await corruptFiles()
    if (!names) return { found: files, missing: [] }
    const byName = new Map(files.map((file) => [file.name, file]))
    return {
      found: names.flatMap((name) => byName.get(name) ?? []),
      missing: names.filter((name) => !byName.has(name)),
    }
  }

  const journal: Journal = {
    dir,
    corruptDir,
    prepare: ensureDirs,
    async add(job) {
      await ensureDirs()
      const existing = await stateOf(job.id)
      if (existing) return existing
      await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(job))
      return 'added'
    },
    async addMany(jobs, options = {}) {
      await ensureDirs()
      const states: Array<'added' | JobState> = []
      const fresh: JournalJob[] = []
      const seen = new Set<string>()
      const looks = options.isOnlyMover && forwardMovesUnderWay === 0 ? 1 : 2
      for (const job of jobs) {
        const state = seen.has(job.id) ? 'pending' : stateOfSync(job.id, looks)
        seen.add(job.id)
        states.push(state ?? 'added')
        if (!state) fresh.push(job)
      }
      const [only] = fresh
      if (fresh.length === 1 && only) await writeFileAtomic(fileOf('pending', only.id), JSON.stringify(only))
      if (fresh.length < 2) return states
      const texts = fresh.map((job) => JSON.stringify(job))
      const stem = `${Date.now()}-${process.pid}-${randomHex(8)}.${bootTag()}`
      batchesReady ??= mkdir(batchesDir, { recursive: true, mode: 0o700 })
      await batchesReady
      const openBatch = join(batchesDir, `${stem}.open.ndjson`)
      // The one durable write: from here every job of the call survives a power cut.
      await writeFileAtomic(openBatch, `${texts.join('\n')}\n`)
      fresh.forEach((job, index) => writeJobFileSync(fileOf('pending', job.id), texts[index]!))
      // Every job file is written: within this boot no worker needs to look at the batch again.
      moveSync(openBatch, join(batchesDir, `${stem}.ndjson`))
      return states
    },
    async update(job) {
      await ensureDirs()
      await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(job))
      // Pending again once the new copy is durable; a copy left in sending/ by a crash here only flags it.
      await unlinkIfThere(fileOf('sending', job.id))
    },
    async markSending(id, options = {}) {
      await ensureDirs()
      // A pending copy a power cut left beside a settled job is not sent again: it goes. (A job this
      // process journaled and has moved alone since cannot have one: a power cut would have ended it.)
      if (!options.isNew && isSettled(id)) {
        await unlinkIfThere(fileOf('pending', id))
        return false
      }
      if (!moveSync(fileOf('pending', id), fileOf('sending', id))) return false
      // The mark must be on disk before the request leaves, as durable as every other step of the journal.
      // The old name's removal needs no sync: a pending copy a power cut leaves beside it loses to sending/.
      await syncSending()
      return true
    },
    async acknowledge(job) {
      await ensureDirs()
      const { id } = job
      if (job.outcome === undefined) {
        if (!moveSync(fileOf('sending', id), fileOf('done', id))) {
          if (!moveSync(fileOf('pending', id), fileOf('done', id)))
            throw namingFile(
              Object.assign(new Error('the job file is gone'), { code: 'ENOENT' }),
              fileOf('pending', id),
            )
        }
        // Only the new name needs to be durable: a sent copy a power cut leaves beside it loses to done/.
        await syncDone()
        return
      }
      // Written whole into done/ with what the sender reported, then the copy that was being sent goes.
      await movingForward(async () => {
        await writeFileDurably(fileOf('done', id), JSON.stringify(job))
        await syncDone()
        await unlinkIfThere(fileOf('sending', id))
        await unlinkIfThere(fileOf('pending', id))
      })
    },
    async fail(job) {
      await ensureDirs()
      await movingForward(async () => {
        await writeFileAtomic(fileOf('failed', job.id), JSON.stringify(job))
        await unlinkIfThere(fileOf('sending', job.id))
        await unlinkIfThere(fileOf('pending', job.id))
      })
      await syncDir(folders.pending)
    },
    async pending() {
      await ensureDirs()
      const [waiting, sending] = await Promise.all([readJobs(folders.pending), readJobs(folders.sending)])
      const sendingIds = new Set(sending.map((job) => job.id))
      return [...sending, ...waiting.filter((job) => !sendingIds.has(job.id))].sort(
        (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
      )
    },
    async sending() {
      await ensureDirs()
      const names = await readdir(folders.sending)
      return new Set(
        names
          .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
          .map((name) => name.slice(0, -5)),
      )
    },
    async recoverInterrupted() {
      await ensureDirs()
      await restoreBatches()
      const flagged: JournalJob[] = []
      for (const job of await readJobs(folders.sending)) {
        const sent = fileOf('sending', job.id)
        // Acknowledged or failed after all (a power cut kept the old name too): nothing was cut short.
        if ((await exists(fileOf('done', job.id))) || (await exists(fileOf('failed', job.id)))) {
          await unlinkIfThere(sent)
          continue
        }
        const marked = { ...job, possiblyDelivered: true }
        await writeFile(join(markersDir, job.id), '', { mode: 0o600 })
        await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(marked))
        await unlinkIfThere(sent)
        flagged.push(marked)
      }
      if (flagged.length > 0) await syncDir(folders.sending)
      return flagged
    },
    async possiblyDelivered() {
      await ensureDirs()
      return (await readdir(markersDir)).filter((name) => !isTempFileName(name)).sort()
    },
    async failed(limit = 50) {
      await ensureDirs()
      return readJobs(folders.failed, limit)
    },
    async find(id) {
      await ensureDirs()
      for (let look = 0; look < 2; look += 1)
        for (const folder of lookOrder) {
          let text: string
          try {
            text = await readFile(fileOf(folder, id), 'utf8')
          } catch (error) {
            // Moved between folders while we looked: the next folder (or the next look) has it.
            if (isErrno(error, 'ENOENT')) continue
            throw error
          }
          const parsed = parseJob(text)
          if ('job' in parsed) return { state: folder === 'sending' ? 'pending' : folder, job: parsed.job }
        }
      return null
    },
    async corrupt() {
      await ensureDirs()
      return corruptFiles()
    },
    async deleteCorrupt(names) {
      await ensureDirs()
      const { found } = await pickCorrupt(names)
      for (const file of found) await unlinkIfThere(file.path)
      if (found.length > 0) await syncDir(corruptDir)
      return found.map((file) => file.name)
    },
    async retryCorrupt(names) {
      await ensureDirs()
      const { found, missing } = await pickCorrupt(names)
      const results: CorruptRetry[] = missing.map((name) => ({
        name,
        result: 'unknown',
        reason: `there is no ${name} in ${corruptDir}`,
      }))
      for (const file of found) {
        const parsed = parseJob(await readFile(file.path, 'utf8'))
        if (!('job' in parsed)) {
          results.push({
            name: file.name,
            result: 'unreadable',
            reason: `${parsed.reason}; mend ${file.path} first`,
          })
          continue
        }
        const { job } = parsed
        const state = await stateOf(job.id)
        if (state) {
          // Sending it again could repeat a delivered event; the journal's own copy is the one to keep.
          results.push({ name: file.name, result: 'exists', reason: `job ${job.id} is already ${state}` })
          continue
        }
        await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(job))
        await unlink(file.path)
        results.push({ name: file.name, result: 'queued', jobId: job.id })
      }
      await syncDir(corruptDir)
      return results
    },
    close() {
      sendingSync.close()
      doneSync.close()
    },
    async pruneIfDue(now, { everyMs = pruneEveryMs, upToDoneFiles } = {}) {
      const marker = join(dir, prunedAtFileName)
      // No record, one that cannot be read, or a time ahead of `now` (a clock set back) makes a prune due.
      const last = prunedAt(marker)
      if (last <= now && now - last < everyMs) return false
      if (upToDoneFiles !== undefined && !holdsAtMost(folders.done, upToDoneFiles)) return false
      await ensureDirs()
      try {
        // Written first: a second process starting meanwhile leaves this prune to this one.
        writeFileSync(marker, String(now), { mode: 0o600 })
      } catch {
        // A full disk or a read-only folder: prune all the same (it frees room); the next start tries again.
      }
      await journal.prune(now)
      return true
    },
    async prune(now, olderThanMs = 86_400_000) {
      await ensureDirs()
      // A batch goes once a day old and every job of it settled; until then the done files of its jobs
      // stay too, so that a batch checked after a power cut never finds a job missing and sends it again.
      const keep = new Set<string>()
      const boot = bootTag()
      for (const name of await batchNames()) {
        const path = join(batchesDir, name)
        const match = batchName.exec(name)
        if (!match) {
          if (
            isTempFileName(name) &&
            now - (await stat(path).catch(() => ({ mtimeMs: now }))).mtimeMs > olderThanMs
          )
            await unlink(path).catch(() => undefined)
          continue
        }
        const [, ms, , , writtenIn, isOpen] = match
        const isChecked = writtenIn === boot && !isOpen
        if (isChecked && now - Number(ms) <= olderThanMs - batchAgeSlackMs) continue
        const ids = (await batchJobs(path)).map(({ job }) => job.id)
        if (isChecked && ids.every(isSettled)) await unlink(path).catch(() => undefined)
        else for (const id of ids) keep.add(id)
      }
      for (const folder of [...Object.values(folders), markersDir]) {
        const forget = async (name: string): Promise<void> => {
          const path = join(folder, name)
          const isOld = async (): Promise<boolean> => now - (await stat(path)).mtimeMs > olderThanMs
          const isKeptForADay =
            (folder === folders.done && !keep.has(name.replace(/\.json$/, ''))) || folder === markersDir
          if ((isTempFileName(name) || isKeptForADay) && (await isOld().catch(() => false)))
            await unlink(path).catch(() => undefined)
        }
        // A look at each file, several at once: a day's import leaves thousands, and one at a time each
        // waits its own trip through the thread pool.
        const names = await readdir(folder)
        for (let start = 0; start < names.length; start += pruneConcurrency)
          await Promise.all(names.slice(start, start + pruneConcurrency).map(forget))
      }
    },
  }
  return journal
}
