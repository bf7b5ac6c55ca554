// The worker that delivers journaled write jobs: at-least-once, in order of creation, a few at a time.
// One process per machine delivers (it holds `queue/worker.lock`, released by death as well as by
// close()); any process may enqueue. On start the worker resumes what a crash, a kill -9 or a quit left
// pending. A job is acknowledged only after the server accepted it, so a crash between the request and
// the acknowledgement sends that job again — the one case at-least-once allows; nothing acknowledged is
// ever sent twice. Such a job is marked as being sent before its request, so the next worker flags it
// "possibly delivered" and the repeat is counted, not hidden.
//
// The concurrency bounds requests in flight: a job's slot is given back when its answer is in, and it is
// written down (acknowledged, put back for a retry) while the next one goes out. A server that asks to
// slow down (a 429, a Retry-After) holds every job of that kind and account until the time it named.
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import { inspectFileLock, tryAcquireFileLock, type FileLockOptions } from '../budget/file-lock'
import { backoffDelayMs, type BackoffPolicy } from '../budget/policy'
import { nodeCrypto } from '../builtin-module'
import { asConfigDirError } from '../config-dir'
import { toPlausibleError } from '../dispatch'
import type { Clock } from '../ports'
import {
  pruneEveryMs,
  type CorruptJobFile,
  type CorruptRetry,
  type Journal,
  type JournalJob,
  type JobState,
} from './journal'
import { timerSleep, type Sleep } from './sleep'
import type { Telemetry } from './telemetry'

/**
 * Delivers one job; throws a PlausibleError to fail or retry it (see `isRetryable`). What it returns
 * besides undefined (an event the server dropped) is kept with the acknowledged job as its outcome.
 */
export type JobSender = (job: JournalJob, context: { signal: AbortSignal }) => Promise<unknown>

export interface QueueJobView {
  id: string
  kind: string
  account: string
  state: 'waiting' | 'in-flight' | 'failed'
  attempts: number
  createdAt: string
  /** ISO time of the next try; null when due now or in flight. */
  nextAttemptAt: string | null
  lastError: { code: string; message: string; at: string } | null
  /** A crash cut a send of this job short: the server may already have it, so it may arrive twice. */
  possiblyDelivered: boolean
}

/** Who delivers the journal, as its worker lock says: named, so a lock nobody holds cannot pass for one held. */
export interface QueueWorkerView {
  /** `queue/worker.lock`. */
  lock: string
  /**
   * this-process: here. held: a live process (pid, host). settling: a lock being written or cut short, not
   * judged yet. stale: its holder is gone (reason); the next command that opens the journal takes it over.
   * free: nobody delivers until a command opens the journal.
   */
  state: 'this-process' | 'held' | 'settling' | 'stale' | 'free'
  pid: number | null
  host: string | null
  /** When its holder took it (ISO); null when unknown. */
  since: string | null
  /** Why a stale lock is stale: its process is gone, the machine restarted, or it cannot be read. */
  reason: 'dead' | 'rebooted' | 'unreadable' | 'old' | null
}

export interface QueueSnapshot {
  /** This process delivers the journal (the app, or a CLI when no app runs). */
  isDelivering: boolean
  /** Who delivers it. */
  worker: QueueWorkerView
  pending: number
  inFlight: number
  failed: number
  /** Jobs a crash cut short in the last day: delivered again since (or pending), so possibly twice. */
  possiblyDelivered: number
  /** Job files that could not be read, kept in `folder` until deleted or retried. */
  corrupt: { folder: string; files: CorruptJobFile[] }
  /** The first jobs in delivery order, in-flight ones first, then the most recent failures. */
  jobs: QueueJobView[]
}

export interface WriteQueue {
  registerSender(kind: string, sender: JobSender): void
  /** Journals a job (durably, before this resolves). An id already known is not queued again. */
  enqueue(job: NewJob): Promise<EnqueuedJob>
  /** enqueue for many jobs with one durable journal write (group commit); the results in the same order. */
  enqueueMany(jobs: readonly NewJob[]): Promise<EnqueuedJob[]>
  /**
   * Takes the worker lock and delivers; false when another process holds it, and then this process stands
   * by: it takes the lock over (and delivers) as soon as the holder is gone, until close().
   */
  start(): Promise<boolean>
  /** This process delivers the journal now (it holds the worker lock): its telemetry tells every answer. */
  isDelivering(): boolean
  /**
   * This process is sending the job or writing its answer down: the journal may show it settled a moment
   * before its telemetry tells so.
   */
  isSending(id: string): boolean
  /** Resolves once nothing is pending any more (delivered or failed for good). */
  drain(): Promise<void>
  snapshot(limit?: number): Promise<QueueSnapshot>
  /** One job as the journal has it (whichever process delivers): pending, done with its outcome, or failed. */
  find(id: string): ReturnType<Journal['find']>
  /** The job files that could not be read, and the folder that keeps them. */
  corrupt(): Promise<QueueSnapshot['corrupt']>
  /** Deletes unreadable job files (all without names); returns the names deleted. */
  deleteCorrupt(names?: string[]): Promise<string[]>
  /** Journals unreadable job files again once they read as jobs (all without names). */
  retryCorrupt(names?: string[]): Promise<CorruptRetry[]>
  /** Stops taking jobs, waits for the ones in flight, releases the lock. Pending jobs stay journaled. */
  close(): Promise<void>
}

export interface NewJob {
  kind: string
  account: string
  payload: unknown
  id?: string
}

export interface EnqueuedJob {
  id: string
  state: 'added' | JobState
}

export interface WriteQueueOptions {
  journal: Journal
  clock: Clock
  telemetry: Telemetry
  sleep?: Sleep
  random?: () => number
  /** Requests in flight at once. Default 8. */
  concurrency?: number
  backoff?: BackoffPolicy
  /** How often an idle worker looks for jobs other processes journaled, or for a lock freed. Default 2 s. */
  pollMs?: number
  /** How long close() lets jobs in flight finish before it aborts them. Default 5 s. */
  closeGraceMs?: number
  /** Told when the worker takes the journal and finds jobs a crash cut short (now flagged possibly delivered). */
  onInterrupted?: (jobs: JournalJob[]) => void
  /**
   * The worker forgets day-old done jobs when it takes the journal and then while idle (at most hourly,
   * by any process: Journal.pruneIfDue), looking at each done file. With this, only while done/ holds
   * at most so many: a short command leaves the journal of a large import to a process that runs longer
   * (the app, `plausible ui`, an import, a drain).
   */
  pruneUpToDoneFiles?: number
}

/** Why the worker's wait ended early: something changed. */
const wokenUp = Object.freeze({ reason: 'woken up' })

/** Requests in flight at once by default: enough to keep a server busy, few enough not to crowd it. */
export const writeConcurrency = 8

const writeBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 8 }

/** Held for the worker's life: only a holder that is gone (or a lock that cannot be read) makes it stale, never its age. */
const workerLockOptions: FileLockOptions = { staleMs: Number.POSITIVE_INFINITY }

/** Worth another try: the server or the network failed, not the job, or the server asked to slow down. */
export function isRetryable(error: PlausibleError): boolean {
  return error.code === 'NETWORK' || error.code === 'SERVER_ERROR' || error.code === 'RATE_LIMITED'
}

/** The jobs one server answers for: a 429 to one event holds the account's other events, not its site writes. */
const laneOf = (job: JournalJob): string => `${job.kind}\u0000${job.account}`

export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const { journal, clock, telemetry } = options
  const sleep = options.sleep ?? timerSleep
  const random = options.random ?? Math.random
  const concurrency = options.concurrency ?? writeConcurrency
  const backoff = options.backoff ?? writeBackoff
  const pollMs = options.pollMs ?? 2_000
  const senders = new Map<string, JobSender>()
  const waiting = new Map<string, JournalJob>()
  const running = new Map<string, JournalJob>()
  /** Jobs whose request is out (or being marked as being sent): what the concurrency bounds. */
  let requests = 0
  /** Lanes the server asked to wait (429, Retry-After): not before this instant (ms). */
  const heldUntil = new Map<string, number>()
  /** Jobs this process journaled (as added) and delivers itself: no other process has moved them. */
  const journaledHere = new WeakSet<JournalJob>()
  /** Jobs put back for another try, oldest first: looked at before the others, which come in queue order. */
  const putBackJobs = new Map<string, JournalJob>()
  const dueAt = (job: JournalJob): number => Math.max(job.nextAttemptAt, heldUntil.get(laneOf(job)) ?? 0)
  const closing = new AbortController()
  const drainWaiters: Array<() => void> = []
  let release: (() => Promise<void>) | null = null
  let taking: Promise<boolean> | null = null
  const standingBy = new AbortController()
  let standby: Promise<void> | null = null
  let loop: Promise<void> | null = null
  /** When this worker next asks whether the journal is due a prune (by its clock). */
  let nextPruneLook = Number.NEGATIVE_INFINITY
  /** A prune an idle turn started, while it runs. */
  let idlePrune: Promise<void> | null = null
  const lockPath = join(journal.dir, 'worker.lock')
  let wake: (() => void) | null = null
  let stopping = false
  const closeGraceMs = options.closeGraceMs ?? 5_000

  /** Something changed since the loop last looked: it looks again before it waits. */
  let isPoked = false
  const poke = (): void => {
    isPoked = true
    wake?.()
  }

  async function loadJournal(): Promise<void> {
    for (const job of await journal.pending())
      if (!running.has(job.id) && !waiting.has(job.id)) waiting.set(job.id, job)
  }

  function settleDrains(): void {
    if (waiting.size > 0 || running.size > 0) return
    for (const resolve of drainWaiters.splice(0)) resolve()
  }

  /** A job waiting again (a retry, a budget wait): it keeps its place before the jobs queued after it. */
  function putBack(job: JournalJob): void {
    waiting.set(job.id, job)
    putBackJobs.set(job.id, job)
  }

  /** Holds the job's lane until `until`: the server asked for a pause, not just for this job. */
  function holdLane(job: JournalJob, until: number): void {
    const lane = laneOf(job)
    heldUntil.set(lane, Math.max(heldUntil.get(lane) ?? 0, until))
  }

  /** `release` is called once the request is answered (or never left): the slot it held is free. */
  async function deliver(job: JournalJob, release: () => void): Promise<void> {
    // One job can be sighted twice (its enqueue and the idle look around the journal both find it); the
    // journal on disk marks only a job still pending, so an acknowledged one is never sent again.
    // Marked before the sender runs, so before its request leaves: a crash from here to the acknowledgement
    // flags the job. A site write still waiting for its turn inside the sender is flagged too: the count
    // may be high, never low.
    if (!(await journal.markSending(job.id, journaledHere.has(job) ? { isNew: true } : {}))) return
    const sender = senders.get(job.kind)
    job.attempts += 1
    telemetry.emit({
      type: 'started',
      jobId: job.id,
      kind: job.kind,
      account: job.account,
      attempt: job.attempts,
      at: clock(),
    })
    let outcome: unknown
    try {
      if (!sender)
        throw new PlausibleError('INTERNAL', {
          message: `No sender for jobs of kind "${job.kind}" in this version.`,
        })
      outcome = await sender(job, { signal: closing.signal })
      release()
    } catch (thrown) {
      release()
      // Stopped by close(): the job stays journaled, marked as being sent (the request may have reached
      // the server), so the next worker sends it again flagged possibly delivered.
      if (closing.signal.aborted) {
        job.attempts -= 1
        return
      }
      const error = toPlausibleError(typedFailure(thrown))
      const now = clock()
      job.lastError = { code: error.code, message: error.message, at: now }
      const resetsAt = error.details?.resetsAt ? Date.parse(error.details.resetsAt) : Number.NaN
      const retryAt = error.details?.retryAt ? Date.parse(error.details.retryAt) : Number.NaN
      if ((error.code === 'BUDGET_EXHAUSTED' || error.code === 'RATE_LIMITED') && !Number.isNaN(resetsAt)) {
        if (error.code === 'RATE_LIMITED') holdLane(job, resetsAt)
        job.attempts -= 1 // waiting for the budget is not a failed try
        job.nextAttemptAt = resetsAt
        // Back in pending/ before anyone is told, so a reader who looks at once finds it there.
        await journal.update(job)
        telemetry.emit({
          type: 'budget-exhausted',
          jobId: job.id,
          account: job.account,
          reason: error.code === 'RATE_LIMITED' ? 'paused' : 'hour',
          resetsAt,
          isWaiting: true,
          at: now,
        })
        putBack(job)
      } else if (isRetryable(error) && job.attempts < backoff.maxAttempts) {
        // The backoff, or the server's Retry-After when it names a later time.
        job.nextAttemptAt = Math.max(
          now + backoffDelayMs(job.attempts, random, backoff),
          Number.isNaN(retryAt) ? 0 : retryAt,
        )
        // Asked to slow down (a 429, a Retry-After): the jobs behind this one would hear the same.
        if (error.code === 'RATE_LIMITED' || !Number.isNaN(retryAt)) holdLane(job, job.nextAttemptAt)
        telemetry.emit({
          type: 'retry',
          jobId: job.id,
          account: job.account,
          attempt: job.attempts + 1,
          nextAttemptAt: job.nextAttemptAt,
          error: { code: error.code, message: error.message },
          at: now,
        })
        await journal.update(job)
        putBack(job)
      } else {
        await journal.fail(job)
        telemetry.emit({
          type: 'failed',
          jobId: job.id,
          kind: job.kind,
          account: job.account,
          attempts: job.attempts,
          error: { code: error.code, message: error.message },
          at: now,
        })
      }
      return
    }
    // Sent: a failure from here on is the journal's (a full disk), never the job's; see journalFailed.
    // Kept with the done job, for any process to read.
    if (outcome !== undefined) job.outcome = outcome
    await journal.acknowledge(job)
    telemetry.emit({
      type: 'succeeded',
      jobId: job.id,
      kind: job.kind,
      account: job.account,
      attempts: job.attempts,
      ...(outcome !== undefined ? { outcome } : {}),
      ...(job.possiblyDelivered ? { possiblyDelivered: true } : {}),
      at: clock(),
    })
  }

  /**
   * The journal could not record a step (a full disk, a read-only folder): the job stays where it is on
   * disk — pending, or marked as being sent, which the next worker flags possibly delivered — and is
   * looked at again when the worker is idle. Told as a retry whose error names the file (CONFIG_DIR),
   * so a caller waiting for the job hears why instead of waiting for good.
   */
  function journalFailed(job: JournalJob, thrown: unknown): void {
    const error = toPlausibleError(typedFailure(thrown))
    const now = clock()
    telemetry.emit({
      type: 'retry',
      jobId: job.id,
      account: job.account,
      attempt: job.attempts + 1,
      nextAttemptAt: now + pollMs,
      error: { code: error.code, message: error.message },
      at: now,
    })
  }

  /** A raw errno about a file of the config folder, as the CONFIG_DIR error that names the file. */
  function typedFailure(thrown: unknown): unknown {
    return asConfigDirError(dirname(journal.dir), thrown)
  }

  /** Takes the worker lock if nobody else holds it, and starts delivering. One attempt at a time. */
  function takeOver(): Promise<boolean> {
    taking ??= (async () => {
      if (release) return true
      if (stopping) return false
      const taken = await tryAcquireFileLock(lockPath, workerLockOptions)
      if (!taken) return false
      release = taken
      await pruneWhenDue()
      // Jobs a crash (or a close() that cut them short) left marked as being sent.
      const interrupted = await journal.recoverInterrupted()
      if (interrupted.length > 0) options.onInterrupted?.(interrupted)
      // Loaded before start() resolves, so a drain() right after sees what a crash left behind.
      await loadJournal()
      loop = run()
      return true
    })().finally(() => {
      taking = null
    })
    return taking
  }

  /**
   * Another process delivers: look again every poll, so the journal is taken over when that process
   * dies (or its lock proves to be one nobody holds) instead of waiting for the next command to start.
   */
  async function standBy(): Promise<void> {
    while (!stopping && !release) {
      await timerSleep(pollMs, standingBy.signal).catch(() => undefined)
      if (stopping) return
      // A lock that cannot be taken right now (a read-only folder) is tried again at the next poll.
      if (await takeOver().catch(() => false)) return
    }
  }

  async function workerView(): Promise<QueueWorkerView> {
    const view = { lock: lockPath, pid: null, host: null, since: null, reason: null }
    if (release) return { ...view, state: 'this-process', pid: process.pid, host: hostname() }
    const status = await inspectFileLock(lockPath, workerLockOptions)
    switch (status.state) {
      case 'free':
      case 'settling':
        return { ...view, state: status.state }
      case 'held':
        return { ...view, state: 'held', ...holderView(status.holder) }
      case 'stale':
        return {
          ...view,
          state: 'stale',
          reason: status.reason,
          ...(status.holder ? holderView(status.holder) : {}),
        }
    }
  }

  /**
   * Up to `count` jobs due at `now`, oldest first: jobs put back for another try, then the others in the
   * order they were queued (oldest first), and, when fewer were due, when the next one is. The walk stops
   * as soon as `count` are found: a turn costs the jobs it starts, not the thousands waiting.
   */
  function pickDue(now: number, count: number): { due: JournalJob[]; nextDue: number } {
    const due: JournalJob[] = []
    let nextDue = Number.POSITIVE_INFINITY
    if (count <= 0) return { due, nextDue: waiting.size > 0 ? now : nextDue }
    const again = [...putBackJobs.values()].sort((a, b) => a.createdAt - b.createdAt)
    for (const jobs of [again, waiting.values()])
      for (const job of jobs) {
        if (jobs !== again && putBackJobs.has(job.id)) continue
        const at = dueAt(job)
        if (at > now) nextDue = Math.min(nextDue, at)
        else if (due.push(job) >= count) return { due, nextDue: now }
      }
    return { due, nextDue }
  }

  /** Asks the journal for a prune (Journal.pruneIfDue) at most once per pruneEveryMs of this worker's clock. */
  async function pruneWhenDue(): Promise<void> {
    const now = clock()
    if (now < nextPruneLook) return
    nextPruneLook = now + pruneEveryMs
    const limit = options.pruneUpToDoneFiles
    await journal.pruneIfDue(now, limit === undefined ? {} : { upToDoneFiles: limit })
  }

  async function run(): Promise<void> {
    while (!stopping) {
      isPoked = false
      const now = clock()
      const { due, nextDue } = pickDue(now, concurrency - requests)
      for (const job of due) {
        waiting.delete(job.id)
        putBackJobs.delete(job.id)
        running.set(job.id, job)
        requests += 1
        let isReleased = false
        const releaseSlot = (): void => {
          if (isReleased) return
          isReleased = true
          requests -= 1
          poke()
        }
        void deliver(job, releaseSlot)
          .catch((thrown: unknown) => journalFailed(job, thrown))
          .finally(() => {
            releaseSlot()
            running.delete(job.id)
            settleDrains()
            poke()
          })
      }
      settleDrains()
      const isIdle = waiting.size === 0 && running.size === 0
      // A finishing job or a new one pokes. A job due later is waited for on the injected clock; the
      // look around for jobs other processes journaled is on the wall clock, whatever the clock says.
      // close() pokes too, so the tick alone ends a wait: no AbortSignal.any tied to the long-lived closing
      // signal per turn, and an abort with a reason of ours makes no DOMException.
      const tick = new AbortController()
      wake = () => tick.abort(wokenUp)
      const signal = tick.signal
      if (isPoked || stopping) {
        // Changed while this turn looked: look again at once.
      } else if (nextDue !== Number.POSITIVE_INFINITY && nextDue > now && due.length === 0) {
        await sleep(Math.min(pollMs, nextDue - clock()), signal).catch(() => undefined)
      } else {
        await timerSleep(pollMs, signal).catch(() => undefined)
      }
      wake = null
      // Idle: other processes may have journaled jobs meanwhile, and an app that runs for days prunes
      // as it goes, not only when it took the journal: beside the deliveries, which a prune of a large
      // journal must not hold up. One that fails is tried at the next look.
      if (isIdle && !stopping) {
        await loadJournal()
        idlePrune ??= pruneWhenDue()
          .catch(() => undefined)
          .finally(() => (idlePrune = null))
      }
    }
  }

  function newJob(input: NewJob): JournalJob {
    const now = clock()
    return {
      id: input.id ?? nodeCrypto().randomUUID(),
      kind: input.kind,
      account: input.account,
      payload: input.payload,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    }
  }

  /** Newly journaled jobs: told, and handed to the worker when this process delivers. */
  function queued(jobs: readonly JournalJob[]): void {
    let isNew = false
    for (const job of jobs) {
      telemetry.emit({
        type: 'queued',
        jobId: job.id,
        kind: job.kind,
        account: job.account,
        at: job.createdAt,
      })
      // The idle look around the journal may have found and taken the job while add() was finishing.
      if (release && !running.has(job.id) && !waiting.has(job.id)) {
        waiting.set(job.id, job)
        journaledHere.add(job)
        isNew = true
      }
    }
    if (isNew) poke()
  }

  return {
    registerSender(kind, sender) {
      senders.set(kind, sender)
    },
    async enqueue(input) {
      const job = newJob(input)
      const state = await journal.add(job)
      if (state === 'added') queued([job])
      return { id: job.id, state }
    },
    async enqueueMany(inputs) {
      const jobs = inputs.map(newJob)
      const states = await journal.addMany(jobs, { isOnlyMover: release !== null })
      queued(jobs.filter((_, index) => states[index] === 'added'))
      return jobs.map((job, index) => ({ id: job.id, state: states[index] ?? 'added' }))
    },
    isDelivering: () => release !== null,
    isSending: (id) => running.has(id),
    async start() {
      if (release) return true
      await journal.prepare()
      if (await takeOver()) return true
      standby ??= standBy()
      return false
    },
    async drain() {
      if (release) {
        await new Promise<void>((resolve) => {
          drainWaiters.push(resolve)
          settleDrains()
        })
        return
      }
      // Another process delivers: watch the journal empty.
      while ((await journal.pending()).length > 0) await sleep(pollMs, closing.signal)
    },
    find(id) {
      return journal.find(id)
    },
    async corrupt() {
      return { folder: journal.corruptDir, files: await journal.corrupt() }
    },
    deleteCorrupt(names) {
      return journal.deleteCorrupt(names)
    },
    async retryCorrupt(names) {
      const results = await journal.retryCorrupt(names)
      // This process delivers: the idle look around the journal would find them; no need to wait for it.
      if (release && results.some((result) => result.result === 'queued')) {
        await loadJournal()
        poke()
      }
      return results
    },
    async snapshot(limit = 50) {
      const pendingJobs = release ? [...waiting.values()] : await journal.pending()
      // Another process delivers: what it marked as being sent is in flight.
      const sendingElsewhere = release ? new Set<string>() : await journal.sending()
      const [failedJobs, possiblyDelivered, corruptFiles, worker] = await Promise.all([
        journal.failed(limit),
        journal.possiblyDelivered(),
        journal.corrupt(),
        workerView(),
      ])
      const iso = (ms: number): string => new Date(ms).toISOString()
      const view = (job: JournalJob, state: QueueJobView['state']): QueueJobView => ({
        id: job.id,
        kind: job.kind,
        account: job.account,
        state,
        attempts: job.attempts,
        createdAt: iso(job.createdAt),
        nextAttemptAt: state === 'waiting' && job.nextAttemptAt > clock() ? iso(job.nextAttemptAt) : null,
        lastError: job.lastError ? { ...job.lastError, at: iso(job.lastError.at) } : null,
        possiblyDelivered: job.possiblyDelivered === true,
      })
      const byAge = (a: JournalJob, b: JournalJob): number => a.createdAt - b.createdAt
      const isSendingElsewhere = (job: JournalJob): boolean => sendingElsewhere.has(job.id)
      const jobs = [
        ...[...running.values(), ...pendingJobs.filter(isSendingElsewhere)]
          .sort(byAge)
          .map((job) => view(job, 'in-flight')),
        ...pendingJobs
          .filter((job) => !isSendingElsewhere(job))
          .sort(byAge)
          .map((job) => view(job, 'waiting')),
      ].slice(0, limit)
      return {
        isDelivering: release !== null,
        worker,
        pending: pendingJobs.length + running.size,
        inFlight: running.size + pendingJobs.filter(isSendingElsewhere).length,
        failed: failedJobs.length,
        possiblyDelivered: possiblyDelivered.length,
        corrupt: { folder: journal.corruptDir, files: corruptFiles },
        jobs: [
          ...jobs,
          ...failedJobs.slice(-Math.max(0, limit - jobs.length)).map((job) => view(job, 'failed')),
        ],
      }
    },
    async close() {
      // Take no new job, give the ones in flight a moment to be answered and acknowledged, then cut
      // the rest short: an aborted send stays pending and is sent again by the next worker.
      stopping = true
      standingBy.abort()
      poke()
      await standby
      // A take-over under way finishes first, so its lock is released below.
      await taking?.catch(() => undefined)
      await loop?.catch(() => undefined)
      // A prune an idle turn started ends before the lock goes: the next worker finds a journal at rest.
      await idlePrune
      const deadline = Date.now() + closeGraceMs
      while (running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
      closing.abort(new PlausibleError('INTERNAL', { message: 'The queue is closing.' }))
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 5))
      for (const resolve of drainWaiters.splice(0)) resolve()
      await release?.()
      release = null
      journal.close()
    },
  }
}

function holderView(holder: {
  pid: number
  host: string
  at: number
}): Pick<QueueWorkerView, 'pid' | 'host' | 'since'> {
  return { pid: holder.pid, host: holder.host, since: new Date(holder.at).toISOString() }
}
