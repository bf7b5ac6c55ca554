// The durable journal of write jobs: `<configDir>/queue/pending/<id>.json`, one file per job, each
// written atomically. A job is acknowledged by renaming it into `done/` (one atomic step) and kept
// there for a day, so enqueueing the same id again — an import started twice — sends nothing twice.
// A job that failed for good moves to `failed/`, where `queue inspect` shows it.
import { mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { isErrno, isTempFileName, syncDir, writeFileAtomic } from '../budget/atomic-file'

/** Safe as a file name on every platform. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,120}$/, 'A job id is 1–120 letters, digits, - or _')

export const JournalJob = z.object({
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
})
export type JournalJob = z.infer<typeof JournalJob>

export type JobState = 'pending' | 'done' | 'failed'

export interface Journal {
  readonly dir: string
  /** Creates the folders (0700); every other method does it too. */
  prepare(): Promise<void>
  /** Writes the job unless a job with its id is pending, done or failed; says which. */
  add(job: JournalJob): Promise<'added' | JobState>
  /** Rewrites a pending job (attempts, next time, last error). */
  update(job: JournalJob): Promise<void>
  acknowledge(id: string): Promise<void>
  fail(job: JournalJob): Promise<void>
  pending(): Promise<JournalJob[]>
  failed(limit?: number): Promise<JournalJob[]>
  /** One job and where it is, from any process's point of view; null when unknown (or pruned). */
  find(id: string): Promise<{ state: JobState; job: JournalJob } | null>
  /** Forgets done jobs older than `olderThanMs` and temp files of writes that never finished. */
  prune(now: number, olderThanMs?: number): Promise<void>
}

export function createJournal(options: {
  dir: string
  onCorrupt?: (report: { path: string; movedTo: string }) => void
}): Journal {
  const { dir } = options
  const folders = { pending: join(dir, 'pending'), done: join(dir, 'done'), failed: join(dir, 'failed') }
  const fileOf = (state: JobState, id: string): string => join(folders[state], `${id}.json`)
  let ready: Promise<void> | null = null

  function ensureDirs(): Promise<void> {
    ready ??= Promise.all(
      [dir, ...Object.values(folders), join(dir, 'corrupt')].map((folder) =>
        mkdir(folder, { recursive: true, mode: 0o700 }),
      ),
    ).then(() => undefined)
    return ready
  }

  async function stateOf(id: string): Promise<JobState | null> {
    for (const state of ['pending', 'done', 'failed'] as const) {
      try {
        await stat(fileOf(state, id))
        return state
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
    }
    return null
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
      const parsed = (() => {
        try {
          return JournalJob.safeParse(JSON.parse(text))
        } catch {
          return null
        }
      })()
      if (parsed?.success) jobs.push(parsed.data)
      else {
        // Atomic writes make this rare (a disk error, a hand edit): keep the bytes, report, go on.
        const movedTo = join(dir, 'corrupt', `${name}.${Date.now()}`)
        await rename(path, movedTo).catch(() => undefined)
        options.onCorrupt?.({ path, movedTo })
      }
    }
    return jobs.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }

  return {
    dir,
    prepare: ensureDirs,
    async add(job) {
      await ensureDirs()
      const existing = await stateOf(job.id)
      if (existing) return existing
      await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(job))
      return 'added'
    },
    async update(job) {
      await ensureDirs()
      await writeFileAtomic(fileOf('pending', job.id), JSON.stringify(job))
    },
    async acknowledge(id) {
      await ensureDirs()
      await rename(fileOf('pending', id), fileOf('done', id))
      await syncDir(folders.pending)
      await syncDir(folders.done)
    },
    async fail(job) {
      await ensureDirs()
      await writeFileAtomic(fileOf('failed', job.id), JSON.stringify(job))
      await unlink(fileOf('pending', job.id)).catch(() => undefined)
      await syncDir(folders.pending)
    },
    async pending() {
      await ensureDirs()
      return readJobs(folders.pending)
    },
    async failed(limit = 50) {
      await ensureDirs()
      return readJobs(folders.failed, limit)
    },
    async find(id) {
      await ensureDirs()
      for (const state of ['pending', 'done', 'failed'] as const) {
        let text: string
        try {
          text = await readFile(fileOf(state, id), 'utf8')
        } catch (error) {
          // Moved between folders while we looked: the next folder (or the next look) has it.
          if (isErrno(error, 'ENOENT')) continue
          throw error
        }
        const parsed = JournalJob.safeParse(JSON.parse(text))
        if (parsed.success) return { state, job: parsed.data }
      }
      return null
    },
    async prune(now, olderThanMs = 86_400_000) {
      await ensureDirs()
      for (const folder of Object.values(folders)) {
        for (const name of await readdir(folder)) {
          const path = join(folder, name)
          const isOld = async (): Promise<boolean> => now - (await stat(path)).mtimeMs > olderThanMs
          const isDoneFile = folder === folders.done
          if ((isTempFileName(name) || isDoneFile) && (await isOld().catch(() => false)))
            await unlink(path).catch(() => undefined)
        }
      }
    },
  }
}
