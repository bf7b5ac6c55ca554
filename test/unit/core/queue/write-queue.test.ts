import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createJournal } from '../../../../src/core/queue/journal'
import { createTelemetry, type QueueEvent } from '../../../../src/core/queue/telemetry'
import {
  createWriteQueue,
  type JobSender,
  type WriteQueueOptions,
} from '../../../../src/core/queue/write-queue'
import { PlausibleError } from '../../../../src/shared/errors'
import { fakeTime } from '../budget/fake-time'

function setup(
  dir = mkdtempSync(join(tmpdir(), 'journal-')),
  time = fakeTime('2026-11-23T10:15:00Z'),
  extra: Partial<WriteQueueOptions> = {},
) {
  const telemetry = createTelemetry()
  const events: QueueEvent[] = []
  telemetry.subscribe((event) => events.push(event))
  const queue = createWriteQueue({
    journal: createJournal({ dir }),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    telemetry,
    pollMs: 50,
    ...extra,
  })
  return { dir, time, queue, events }
}

const names = (dir: string, state: string): string[] => readdirSync(join(dir, state)).sort()

/** When setup()'s fake clock starts. */
const setupStart = Date.parse('2026-11-23T10:15:00Z')

/** A worker that delivered one job, whose done file is then made two days older than its start. */
async function withOldDoneJob(): Promise<ReturnType<typeof setup>> {
  const worker = setup()
  worker.queue.registerSender('event', async () => undefined)
  await worker.queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'old' })
  expect(await worker.queue.start()).toBe(true)
  await worker.queue.drain()
  const twoDaysBefore = (setupStart - 2 * 86_400_000) / 1000
  utimesSync(join(worker.dir, 'done', 'old.json'), twoDaysBefore, twoDaysBefore)
  return worker
}

describe('write queue', () => {
  it('resumes the jobs a stopped process left in the journal and acknowledges each once', async () => {
    const first = setup()
    for (const id of ['a', 'b', 'c'])
      await first.queue.enqueue({ kind: 'event', account: 'work', payload: { id }, id })
    await first.queue.close()
    expect(names(first.dir, 'pending')).toEqual(['a.json', 'b.json', 'c.json'])

    const second = setup(first.dir)
    const sent: string[] = []
    second.queue.registerSender('event', async (job) => void sent.push(job.id))
    expect(await second.queue.start()).toBe(true)
    await second.queue.drain()
    await second.queue.close()
    expect(sent.sort()).toEqual(['a', 'b', 'c'])
    expect(names(first.dir, 'pending')).toEqual([])
    expect(names(first.dir, 'done')).toEqual(['a.json', 'b.json', 'c.json'])
    expect(second.events.filter((event) => event.type === 'succeeded')).toHaveLength(3)
  })

  it('forgets day-old done jobs when it takes the journal, at most once an hour whichever process takes it', async () => {
    const started = setupStart
    // Done two days before that first start: what a prune forgets.
    const first = await withOldDoneJob()
    await first.queue.close()
    const takeAt = async (ms: number): Promise<string[]> => {
      const next = setup(first.dir, fakeTime(new Date(ms).toISOString()))
      expect(await next.queue.start()).toBe(true)
      await next.queue.close()
      return names(first.dir, 'done')
    }
    expect(await takeAt(started + 3_600_000 - 1)).toEqual(['old.json'])
    expect(await takeAt(started + 3_600_000)).toEqual([])
  })

  it('keeps pruning while it runs: an idle worker looks again an hour after its last look', async () => {
    const started = setupStart
    const worker = await withOldDoneJob()
    const idleTurns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 200))
    worker.time.set(new Date(started + 3_600_000 - 1).toISOString())
    await idleTurns()
    expect(names(worker.dir, 'done')).toEqual(['old.json'])
    worker.time.set(new Date(started + 3_600_000).toISOString())
    await idleTurns()
    expect(names(worker.dir, 'done')).toEqual([])
    await worker.queue.close()
  })

  it('closes only once a prune an idle turn started has ended, before it lets the journal go', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'))
    const journal = createJournal({ dir })
    const looks: Array<() => void> = []
    // The look at taking the journal ends at once; the idle turn's look an hour later waits to be ended.
    journal.pruneIfDue = () =>
      new Promise<boolean>((resolve) => {
        if (looks.push(() => resolve(true)) === 1) resolve(true)
      })
    const worker = setup(dir, fakeTime('2026-11-23T10:15:00Z'), { journal })
    expect(await worker.queue.start()).toBe(true)
    worker.time.set(new Date(setupStart + 3_600_000).toISOString())
    while (looks.length < 2) await new Promise((resolve) => setTimeout(resolve, 10))
    let isClosed = false
    const closing = worker.queue.close().then(() => (isClosed = true))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(isClosed).toBe(false)
    looks[1]!()
    await closing
    expect(isClosed).toBe(true)
  })

  it('prunes with pruneUpToDoneFiles only while done/ holds at most that many files', async () => {
    const first = await withOldDoneJob()
    await first.queue.close()
    const takeUpTo = async (limit: number): Promise<string[]> => {
      const later = setup(first.dir, fakeTime('2026-11-23T12:15:00Z'), { pruneUpToDoneFiles: limit })
      expect(await later.queue.start()).toBe(true)
      await later.queue.close()
      return names(first.dir, 'done')
    }
    // One done file: a limit of 0 leaves it to another process, a limit of 1 prunes.
    expect(await takeUpTo(0)).toEqual(['old.json'])
    expect(await takeUpTo(1)).toEqual([])
  })

  it('sends a job once when the worker finds it on disk before enqueue returns', async () => {
    // The journal's add has written the file but not yet returned (a slow fsync): the idle worker's look
    // around finds it, delivers and acknowledges it; the enqueue that then completes must not send it again.
    const dir = mkdtempSync(join(tmpdir(), 'journal-'))
    const journal = createJournal({ dir })
    let addedOnDisk: () => void = () => undefined
    const onDisk = new Promise<void>((resolve) => (addedOnDisk = resolve))
    let letAddReturn: () => void = () => undefined
    const addReturns = new Promise<void>((resolve) => (letAddReturn = resolve))
    const slowJournal = {
      ...journal,
      add: async (job: Parameters<typeof journal.add>[0]) => {
        const state = await journal.add(job)
        addedOnDisk()
        await addReturns
        return state
      },
    }
    const telemetry = createTelemetry()
    const delivered = new Promise<void>((resolve) =>
      telemetry.subscribe((event) => event.type === 'succeeded' && resolve()),
    )
    const queue = createWriteQueue({ journal: slowJournal, clock: Date.now, telemetry, pollMs: 5 })
    let sends = 0
    queue.registerSender('event', async () => void (sends += 1))
    await queue.start()
    const enqueued = queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'once' })
    await onDisk
    await delivered
    letAddReturn()
    expect(await enqueued).toEqual({ id: 'once', state: 'added' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await queue.drain()
    await queue.close()
    expect(sends).toBe(1)
    expect(names(dir, 'done')).toEqual(['once.json'])
  })

  it('does not queue a job again once its id was acknowledged', async () => {
    const { queue } = setup()
    let sends = 0
    queue.registerSender('event', async () => void (sends += 1))
    await queue.start()
    expect(await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'line-1' })).toEqual({
      id: 'line-1',
      state: 'added',
    })
    await queue.drain()
    expect(await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'line-1' })).toEqual({
      id: 'line-1',
      state: 'done',
    })
    await queue.drain()
    await queue.close()
    expect(sends).toBe(1)
  })

  it('retries a server error with backoff, then fails the job for good and keeps its last error for inspect', async () => {
    const { queue, events, dir } = setup()
    const sender: JobSender = async () => {
      throw new PlausibleError('SERVER_ERROR', { message: 'HTTP 503' })
    }
    queue.registerSender('event', sender)
    await queue.start()
    await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'flaky' })
    await queue.drain()
    const retries = events.filter((event) => event.type === 'retry')
    expect(retries.map((event) => event.type === 'retry' && event.attempt)).toEqual([2, 3, 4, 5, 6, 7, 8])
    expect(events.at(-1)).toMatchObject({
      type: 'failed',
      jobId: 'flaky',
      attempts: 8,
      error: { code: 'SERVER_ERROR' },
    })
    expect(names(dir, 'failed')).toEqual(['flaky.json'])
    const snapshot = await queue.snapshot()
    expect(snapshot).toMatchObject({ pending: 0, inFlight: 0, failed: 1 })
    expect(snapshot.jobs[0]).toMatchObject({
      id: 'flaky',
      state: 'failed',
      attempts: 8,
      lastError: { code: 'SERVER_ERROR', message: 'HTTP 503' },
    })
    await queue.close()
  })

  it('fails an invalid job at once, without a retry', async () => {
    const { queue, events } = setup()
    queue.registerSender('event', async () => {
      throw new PlausibleError('EVENT_INVALID', { message: 'url: is required' })
    })
    await queue.start()
    await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'bad' })
    await queue.drain()
    await queue.close()
    expect(events.map((event) => event.type)).toEqual(['queued', 'started', 'failed'])
  })

  it('waits for the budget reset when a job finds the hour spent, without counting a failed try', async () => {
    const { queue, events, time } = setup()
    let calls = 0
    queue.registerSender('site-write', async () => {
      calls += 1
      if (calls === 1)
        throw new PlausibleError('BUDGET_EXHAUSTED', { details: { resetsAt: '2026-11-23T11:00:00.000Z' } })
    })
    await queue.start()
    await queue.enqueue({ kind: 'site-write', account: 'work', payload: {}, id: 'goal-1' })
    await queue.drain()
    await queue.close()
    expect(time.clock()).toBeGreaterThanOrEqual(Date.parse('2026-11-23T11:00:00Z'))
    expect(events.find((event) => event.type === 'budget-exhausted')).toMatchObject({
      jobId: 'goal-1',
      resetsAt: Date.parse('2026-11-23T11:00:00Z'),
    })
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', attempts: 1 })
  })

  it('lets one process deliver the journal: a second queue on it does not take the worker lock', async () => {
    const first = setup()
    const second = setup(first.dir)
    expect(await first.queue.start()).toBe(true)
    expect(await second.queue.start()).toBe(false)
    expect((await second.queue.snapshot()).isDelivering).toBe(false)
    await first.queue.close()
    expect(await second.queue.start()).toBe(true)
    await second.queue.close()
  })

  it('flags a job whose send was cut short, sends it again from the next worker and counts it', async () => {
    const first = setup(undefined, undefined, { closeGraceMs: 10 })
    let reached: () => void = () => undefined
    const isSending = new Promise<void>((resolve) => (reached = resolve))
    // The request went out and no answer came before the process stopped.
    first.queue.registerSender('event', (_job, { signal }) => {
      reached()
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    })
    await first.queue.start()
    await first.queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'cut' })
    await isSending
    // Another process looking meanwhile sees it in flight.
    const watcher = setup(first.dir)
    expect(await watcher.queue.snapshot()).toMatchObject({ pending: 1, inFlight: 1, possiblyDelivered: 0 })
    expect((await watcher.queue.snapshot()).jobs.map((job) => [job.id, job.state])).toEqual([
      ['cut', 'in-flight'],
    ])
    await first.queue.close()
    expect(names(first.dir, 'sending')).toEqual(['cut.json'])

    const interrupted: string[] = []
    const second = setup(first.dir, undefined, {
      onInterrupted: (jobs) => interrupted.push(...jobs.map((job) => job.id)),
    })
    let answer: () => void = () => undefined
    const answered = new Promise<void>((resolve) => (answer = resolve))
    second.queue.registerSender('event', () => answered)
    await second.queue.start()
    expect(interrupted).toEqual(['cut'])
    const snapshot = await second.queue.snapshot()
    expect(snapshot.possiblyDelivered).toBe(1)
    expect(snapshot.jobs.map((job) => [job.id, job.possiblyDelivered])).toEqual([['cut', true]])
    answer()
    await second.queue.drain()
    await second.queue.close()
    expect(JSON.parse(readFileSync(join(first.dir, 'done', 'cut.json'), 'utf8'))).toMatchObject({
      id: 'cut',
      possiblyDelivered: true,
    })
    expect((await setup(first.dir).queue.snapshot()).possiblyDelivered).toBe(1)
  })

  it('flags nothing when every send was answered before the worker stopped', async () => {
    const first = setup()
    first.queue.registerSender('event', async () => undefined)
    await first.queue.start()
    await first.queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'answered' })
    await first.queue.drain()
    await first.queue.close()
    const interrupted: string[] = []
    const second = setup(first.dir, undefined, {
      onInterrupted: (jobs) => interrupted.push(...jobs.map((job) => job.id)),
    })
    await second.queue.start()
    expect((await second.queue.snapshot()).possiblyDelivered).toBe(0)
    await second.queue.close()
    expect(interrupted).toEqual([])
    expect(JSON.parse(readFileSync(join(first.dir, 'done', 'answered.json'), 'utf8'))).not.toHaveProperty(
      'possiblyDelivered',
    )
  })

  it('counts an unreadable job file until it is retried, then delivers the mended job', async () => {
    const { queue, dir } = setup()
    const sent: string[] = []
    queue.registerSender('event', async (job) => void sent.push(job.id))
    // What a torn write or a hand edit leaves; the worker sets it aside when it takes the journal.
    mkdirSync(join(dir, 'pending'), { recursive: true })
    writeFileSync(join(dir, 'pending', 'torn.json'), '{"id":"torn","kind":"ev')
    await queue.start()
    const { corrupt } = await queue.snapshot()
    expect(corrupt.folder).toBe(join(dir, 'corrupt'))
    expect(corrupt.files.map((file) => file.jobId)).toEqual(['torn'])
    const [file] = corrupt.files
    writeFileSync(
      file?.path ?? '',
      JSON.stringify({
        id: 'torn',
        kind: 'event',
        account: 'work',
        payload: {},
        createdAt: 0,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
      }),
    )
    expect(await queue.retryCorrupt()).toEqual([{ name: file?.name, result: 'queued', jobId: 'torn' }])
    await queue.drain()
    await queue.close()
    expect(sent).toEqual(['torn'])
    expect((await queue.snapshot()).corrupt.files).toEqual([])
  })

  it('journals many jobs with one batch and delivers each once', async () => {
    const { queue, dir, events } = setup()
    const sent: string[] = []
    queue.registerSender('event', async (job) => void sent.push(job.id))
    await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'before' })
    await queue.start()
    await queue.drain()
    const jobs = ['a', 'b', 'before', 'c'].map((id) => ({ kind: 'event', account: 'work', payload: {}, id }))
    expect(await queue.enqueueMany(jobs)).toEqual([
      { id: 'a', state: 'added' },
      { id: 'b', state: 'added' },
      { id: 'before', state: 'done' },
      { id: 'c', state: 'added' },
    ])
    expect(names(dir, 'batches')).toHaveLength(1)
    await queue.drain()
    await queue.close()
    expect(sent).toEqual(['before', 'a', 'b', 'c'])
    expect(events.filter((event) => event.type === 'queued').map((event) => event.jobId)).toEqual([
      'before',
      'a',
      'b',
      'c',
    ])
  })

  it('keeps at most `concurrency` requests out, and frees a slot as soon as its answer is in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'))
    const journal = createJournal({ dir })
    // Acknowledgements that take their time: the next request must not wait for them.
    let letAcknowledge: () => void = () => undefined
    const acknowledging = new Promise<void>((resolve) => (letAcknowledge = resolve))
    const slowJournal = {
      ...journal,
      acknowledge: async (job: Parameters<typeof journal.acknowledge>[0]) => {
        await acknowledging
        return journal.acknowledge(job)
      },
    }
    const { queue } = setup(dir, undefined, { journal: slowJournal, concurrency: 3 })
    let inFlight = 0
    let most = 0
    const answers: Array<() => void> = []
    queue.registerSender('event', async () => {
      inFlight += 1
      most = Math.max(most, inFlight)
      await new Promise<void>((resolve) => answers.push(resolve))
      inFlight -= 1
    })
    await queue.start()
    await queue.enqueueMany(
      ['a', 'b', 'c', 'd', 'e'].map((id) => ({ kind: 'event', account: 'work', payload: {}, id })),
    )
    await expect.poll(() => answers.length).toBe(3)
    expect(most).toBe(3)
    answers.shift()?.()
    // One answer in, not yet acknowledged: the fourth request goes out.
    await expect.poll(() => answers.length).toBe(3)
    expect(most).toBe(3)
    answers.splice(0).forEach((answer) => answer())
    await expect.poll(() => answers.length).toBe(1)
    answers.splice(0).forEach((answer) => answer())
    letAcknowledge()
    await queue.drain()
    await queue.close()
    expect(most).toBe(3)
    expect(names(dir, 'done')).toEqual(['a.json', 'b.json', 'c.json', 'd.json', 'e.json'])
  })

  it('holds the account’s other jobs of that kind until the Retry-After of a 429, not the others', async () => {
    const { queue, time } = setup(undefined, undefined, { concurrency: 1 })
    const retryAt = time.clock() + 30_000
    const sent: Array<[string, number]> = []
    let isRefused = false
    for (const kind of ['event', 'site-write'])
      queue.registerSender(kind, async (job) => {
        if (job.id === 'first' && !isRefused) {
          isRefused = true
          throw new PlausibleError('RATE_LIMITED', {
            details: { status: 429, retryAt: new Date(retryAt).toISOString() },
          })
        }
        sent.push([job.id, time.clock()])
      })
    await queue.enqueueMany([
      { kind: 'event', account: 'work', payload: {}, id: 'first' },
      { kind: 'event', account: 'work', payload: {}, id: 'same-lane' },
      { kind: 'event', account: 'home', payload: {}, id: 'other-account' },
      { kind: 'site-write', account: 'work', payload: {}, id: 'other-kind' },
    ])
    await queue.start()
    await queue.drain()
    await queue.close()
    expect(sent.slice(0, 2)).toEqual([
      ['other-account', retryAt - 30_000],
      ['other-kind', retryAt - 30_000],
    ])
    expect(sent.slice(2).sort()).toEqual([
      ['first', retryAt],
      ['same-lane', retryAt],
    ])
  })

  it('retries a 429 without Retry-After after a backoff, counted as a try', async () => {
    const { queue, events, time } = setup()
    const start = time.clock()
    let calls = 0
    queue.registerSender('event', async () => {
      calls += 1
      if (calls === 1) throw new PlausibleError('RATE_LIMITED', { details: { status: 429 } })
    })
    await queue.start()
    await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'slow-down' })
    await queue.drain()
    await queue.close()
    // Backoff of the first try with random 0.5: 750 ms of the 1 s base.
    expect(events.find((event) => event.type === 'retry')).toMatchObject({
      attempt: 2,
      nextAttemptAt: start + 750,
    })
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', attempts: 2 })
  })

  it('waits for a server error’s Retry-After when it is later than the backoff, and not when it is sooner', async () => {
    for (const [afterMs, expected] of [
      [5_000, 5_000],
      [100, 750],
    ] as const) {
      const { queue, events, time } = setup()
      const start = time.clock()
      let calls = 0
      queue.registerSender('event', async () => {
        calls += 1
        if (calls === 1)
          throw new PlausibleError('SERVER_ERROR', {
            details: { status: 503, retryAt: new Date(start + afterMs).toISOString() },
          })
      })
      await queue.start()
      await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'busy' })
      await queue.drain()
      await queue.close()
      expect(events.find((event) => event.type === 'retry')).toMatchObject({
        nextAttemptAt: start + expected,
      })
    }
  })

  it('tells a delivery that a crash may have repeated', async () => {
    const first = setup(undefined, undefined, { closeGraceMs: 10 })
    first.queue.registerSender(
      'event',
      (_job, { signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    )
    await first.queue.start()
    await first.queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'cut' })
    await expect.poll(() => first.events.some((event) => event.type === 'started')).toBe(true)
    await first.queue.close()
    const second = setup(first.dir)
    second.queue.registerSender('event', async () => undefined)
    await second.queue.start()
    await second.queue.drain()
    await second.queue.close()
    expect(second.events.find((event) => event.type === 'succeeded')).toMatchObject({
      jobId: 'cut',
      possiblyDelivered: true,
    })
  })

  describe('the worker lock', () => {
    const lockOf = (dir: string): string => join(dir, 'worker.lock')
    const age = (path: string, ms: number): void => {
      const then = new Date(Date.now() - ms)
      utimesSync(path, then, then)
    }

    it('stands by behind a lock cut short a moment ago and takes the journal over once it proves empty', async () => {
      const { dir, queue } = setup()
      mkdirSync(dir, { recursive: true })
      writeFileSync(lockOf(dir), '')
      const sent: string[] = []
      queue.registerSender('event', async (job) => void sent.push(job.id))
      expect(await queue.start()).toBe(false)
      expect((await queue.snapshot()).worker).toEqual({
        lock: lockOf(dir),
        state: 'settling',
        pid: null,
        host: null,
        since: null,
        reason: null,
      })
      await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'waiting' })
      // Past the grace: nobody was writing it. The next poll of the standby takes it over.
      age(lockOf(dir), 5_000)
      await expect.poll(() => sent, { timeout: 2_000 }).toEqual(['waiting'])
      expect((await queue.snapshot()).worker).toMatchObject({ state: 'this-process', pid: process.pid })
      await queue.close()
    })

    it('takes the journal over when the process that delivered it dies, without a new start', async () => {
      const { dir, queue } = setup()
      mkdirSync(dir, { recursive: true })
      const child = spawnSync(process.execPath, ['-e', '0'])
      writeFileSync(lockOf(dir), JSON.stringify({ pid: process.ppid, host: hostname(), at: 0, token: 'app' }))
      expect(await queue.start()).toBe(false)
      expect((await queue.snapshot()).worker).toMatchObject({ state: 'held', pid: process.ppid })
      // The app is killed: its lock now names a pid that is gone.
      writeFileSync(lockOf(dir), JSON.stringify({ pid: child.pid, host: hostname(), at: 0, token: 'app' }))
      await expect.poll(async () => (await queue.snapshot()).isDelivering, { timeout: 2_000 }).toBe(true)
      await queue.close()
    })

    it('names the holder of a lock nobody holds, and why, for queue inspect and doctor', async () => {
      const { dir, queue } = setup()
      mkdirSync(dir, { recursive: true })
      const gone = spawnSync(process.execPath, ['-e', '0']).pid as number
      const at = Date.parse('2026-11-23T09:00:00Z')
      writeFileSync(lockOf(dir), JSON.stringify({ pid: gone, host: hostname(), at, token: 'gone' }))
      expect((await queue.snapshot()).worker).toEqual({
        lock: lockOf(dir),
        state: 'stale',
        pid: gone,
        host: hostname(),
        since: '2026-11-23T09:00:00.000Z',
        reason: 'dead',
      })
      writeFileSync(lockOf(dir), '{"pid":')
      age(lockOf(dir), 5_000)
      expect((await queue.snapshot()).worker).toMatchObject({
        state: 'stale',
        reason: 'unreadable',
        pid: null,
      })
    })

    it('stops standing by at close, and leaves the lock it never held alone', async () => {
      const { dir, queue } = setup()
      mkdirSync(dir, { recursive: true })
      const holder = JSON.stringify({ pid: process.ppid, host: hostname(), at: 0, token: 'app' })
      writeFileSync(lockOf(dir), holder)
      expect(await queue.start()).toBe(false)
      await queue.close()
      expect(readFileSync(lockOf(dir), 'utf8')).toBe(holder)
    })
  })

  it('tells a journal that cannot record a sent job as a retry naming the file, and keeps the job to flag it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'config-')), 'queue')
    const journal = createJournal({ dir })
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: join(dir, 'done', 'sent.json'),
    })
    journal.acknowledge = () => Promise.reject(full)
    const telemetry = createTelemetry()
    const events: QueueEvent[] = []
    telemetry.subscribe((event) => events.push(event))
    const time = fakeTime('2026-11-23T10:15:00Z')
    const queue = createWriteQueue({ journal, clock: time.clock, sleep: time.sleep, telemetry, pollMs: 50 })
    queue.registerSender('event', async () => undefined)
    await queue.start()
    await queue.enqueue({ kind: 'event', account: 'work', payload: {}, id: 'sent' })
    await expect
      .poll(() => events.find((event) => event.type === 'retry'))
      .toEqual({
        type: 'retry',
        jobId: 'sent',
        account: 'work',
        attempt: 2,
        nextAttemptAt: time.clock() + 50,
        error: {
          code: 'CONFIG_DIR',
          message: `queue/done/sent.json (the write journal) in the config folder ${dirname(dir)} cannot be written: the disk is full (ENOSPC).`,
        },
        at: time.clock(),
      })
    await queue.close()
    // Marked as being sent: the next worker sends it again, flagged possibly delivered.
    expect(names(dir, 'sending')).toEqual(['sent.json'])
    expect(names(dir, 'failed')).toEqual([])
  })
})
