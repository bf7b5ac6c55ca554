import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createJournal } from '../../../../src/core/queue/journal'
import { createTelemetry, type QueueEvent } from '../../../../src/core/queue/telemetry'
import { createWriteQueue, type JobSender } from '../../../../src/core/queue/write-queue'
import { PlausibleError } from '../../../../src/shared/errors'
import { fakeTime } from '../budget/fake-time'

function setup(dir = mkdtempSync(join(tmpdir(), 'journal-')), time = fakeTime('2026-11-23T10:15:00Z')) {
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
  })
  return { dir, time, queue, events }
}

const names = (dir: string, state: string): string[] => readdirSync(join(dir, state)).sort()

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
})
