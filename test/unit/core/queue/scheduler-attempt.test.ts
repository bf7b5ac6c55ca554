// Each attempt of the scheduler runs under its own deadline, its answer's body included, and leaves
// nothing behind when it ends: the signal handed to fetch is free to be collected at once, even though
// fetch listens to it (AbortSignal.timeout and AbortSignal.any kept such signals for the full timeout).
import { describe, expect, it } from 'vitest'
import { createLedger, type BudgetAccount } from '../../../../src/core/budget/ledger'
import { createMemoryLedgerStore } from '../../../../src/core/budget/ledger-store'
import type { Fetch } from '../../../../src/core/ports'
import { createScheduler } from '../../../../src/core/queue/scheduler'
import { heapAfterGc } from '../../../helpers/heap'
import { fakeTime } from '../budget/fake-time'

const work: BudgetAccount = { id: 'b1', alias: 'work', hourlyLimit: 100, dailyLimit: null }

function setup(attemptTimeoutMs = 30_000) {
  const time = fakeTime('2026-11-23T10:15:00Z')
  const ledger = createLedger({ store: createMemoryLedgerStore(), clock: time.clock })
  const scheduler = createScheduler({
    ledger,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    attemptTimeoutMs,
    backoff: { baseMs: 1000, capMs: 60_000, maxAttempts: 1 },
  })
  return { scheduler }
}

/** A body that sends its first bytes and then nothing more, unless the request's signal aborts. */
function stalledBody(signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"results":'))
      signal.addEventListener('abort', () => controller.error(signal.reason))
    },
  })
}

describe('scheduler attempts', () => {
  it('times out an answer whose body stalls, as one that never came', async () => {
    const { scheduler } = setup(50)
    const fetch = (async (_input, init) =>
      new Response(stalledBody(init?.signal as AbortSignal), { status: 200 })) as Fetch
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)
    await expect(send('http://x/q')).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('hands the caller the whole answer: status, headers and body, a bodiless 204 too', async () => {
    const { scheduler } = setup()
    const answers = [
      new Response('{"ok":1}', { status: 200, headers: { 'x-served-by': 'a' } }),
      new Response(null, { status: 204 }),
    ]
    const fetch = (async () => answers.shift() as Response) as Fetch
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)
    const ok = await send('http://x/a')
    expect([ok.status, ok.headers.get('x-served-by'), await ok.text()]).toEqual([200, 'a', '{"ok":1}'])
    const empty = await send('http://x/b')
    expect([empty.status, await empty.text()]).toEqual([204, ''])
  })

  it('lets the signal it gave fetch be collected once the answer is read, though fetch listens to it', async () => {
    const { scheduler } = setup()
    let given: WeakRef<AbortSignal> | undefined
    const fetch = (async (_input, init) => {
      const signal = init?.signal as AbortSignal
      // As undici does: a listener on the request's signal that stays after the answer.
      signal.addEventListener('abort', () => undefined)
      given = new WeakRef(signal)
      return Response.json(1)
    }) as Fetch
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)
    expect(await (await send('http://x/q')).json()).toBe(1)
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve))
    heapAfterGc()
    expect(given?.deref()).toBeUndefined()
  })

  it('aborts an attempt in flight when the scheduler closes', async () => {
    const { scheduler } = setup()
    let reason: unknown
    const fetch = ((_input, init) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal as AbortSignal
        signal.addEventListener('abort', () => {
          reason = signal.reason
          reject(signal.reason as Error)
        })
      })) as Fetch
    const sending = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)('http://x/q')
    await new Promise((resolve) => setTimeout(resolve, 20))
    await scheduler.close()
    await expect(sending).rejects.toThrow('Plausible Desktop is closing')
    expect(reason).toMatchObject({ code: 'INTERNAL' })
  })
})
