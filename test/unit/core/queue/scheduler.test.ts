import { describe, expect, it, vi } from 'vitest'
import { createLedger, type BudgetAccount } from '../../../../src/core/budget/ledger'
import { createMemoryLedgerStore } from '../../../../src/core/budget/ledger-store'
import type { Fetch } from '../../../../src/core/ports'
import { createScheduler } from '../../../../src/core/queue/scheduler'
import { createTelemetry, type QueueEvent } from '../../../../src/core/queue/telemetry'
import { withWaitListener, type WaitNotice } from '../../../../src/core/queue/wait-notice'
import { PlausibleError } from '../../../../src/shared/errors'
import { fakeTime } from '../budget/fake-time'

const work: BudgetAccount = { id: 'b1', alias: 'work', hourlyLimit: 3, dailyLimit: null }

function setup(
  answer: (url: string, count: number) => Promise<Response> | Response = () => new Response('{}'),
  maxConcurrent = 1,
) {
  const time = fakeTime('2026-11-23T10:15:00Z')
  const ledger = createLedger({ store: createMemoryLedgerStore(), clock: time.clock })
  const telemetry = createTelemetry()
  const events: QueueEvent[] = []
  telemetry.subscribe((event) => events.push(event))
  const sent: string[] = []
  /** Requests that started without waiting for bottleneck's turn. */
  const atOnce: string[] = []
  const fetch = (async (input: Parameters<Fetch>[0]) => {
    sent.push(String(input))
    return answer(String(input), sent.length)
  }) as Fetch
  const scheduler = createScheduler({
    ledger,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    telemetry,
    maxConcurrent,
    onStartedAtOnce: (account) => atOnce.push(account),
  })
  return { time, ledger, scheduler, fetch, sent, events, atOnce }
}

async function errorOf(promise: Promise<unknown>): Promise<PlausibleError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof PlausibleError) return error
    throw error
  }
  throw new Error('expected a PlausibleError')
}

describe('scheduler', () => {
  it('sends waiting requests in priority order: window, CLI, background refresh, tray', async () => {
    let open: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (open = resolve))
    const { scheduler, fetch, sent } = setup(async (url) => {
      if (url.endsWith('/first')) await gate
      return new Response('{}')
    })
    const account = { ...work, hourlyLimit: 100 }
    const first = scheduler.fetchFor(account, { priority: 'cli', wait: true }, fetch)('http://x/first')
    await vi.waitFor(() =>
      expect(scheduler.activity()).toEqual([{ account: 'work', queued: 0, running: 1, waiting: 0 }]),
    )
    const later = (['tray', 'background', 'cli', 'interactive'] as const).map((priority) =>
      scheduler.fetchFor(account, { priority, wait: true }, fetch)(`http://x/${priority}`),
    )
    // Bottleneck files a job by priority a tick after schedule(): wait until all four are queued.
    await vi.waitFor(() => expect(scheduler.activity()[0]?.queued).toBe(4))
    open()
    await Promise.all([first, ...later])
    expect(sent).toEqual([
      'http://x/first',
      'http://x/interactive',
      'http://x/cli',
      'http://x/background',
      'http://x/tray',
    ])
  })

  it('fails at once with BUDGET_EXHAUSTED and the reset time when the caller does not wait', async () => {
    const { scheduler, fetch, sent, events } = setup()
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: false }, fetch)
    for (let i = 0; i < 3; i++) await send('http://x/q')
    const error = await errorOf(send('http://x/q'))
    expect(error.toWire()).toMatchObject({
      code: 'BUDGET_EXHAUSTED',
      details: { resetsAt: '2026-11-23T11:00:00.000Z' },
    })
    expect(sent).toHaveLength(3)
    expect(events.at(-1)).toMatchObject({
      type: 'budget-exhausted',
      reason: 'hour',
      resetsAt: Date.parse('2026-11-23T11:00:00Z'),
      isWaiting: false,
    })
  })

  it('waits for the next UTC hour when the hour is spent, then sends', async () => {
    const { scheduler, fetch, sent, time } = setup()
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)
    for (let i = 0; i < 4; i++) await send('http://x/q')
    expect(sent).toHaveLength(4)
    expect(time.clock()).toBe(Date.parse('2026-11-23T11:00:00Z'))
  })

  it("tells the caller's wait listener what it waits for and when the wait ends, and nothing without a wait", async () => {
    const { scheduler, fetch } = setup()
    const told: WaitNotice[] = []
    const listen = (body: () => Promise<unknown>) => withWaitListener((notice) => told.push(notice), body)
    const send = scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)
    const failFast = scheduler.fetchFor(work, { priority: 'cli', wait: false }, fetch)
    for (let i = 0; i < 3; i++) await listen(() => send('http://x/q'))
    expect(told).toEqual([])
    await listen(() => errorOf(failFast('http://x/q')))
    expect(told).toEqual([])
    await listen(() => send('http://x/q'))
    expect(told).toEqual([
      {
        phase: 'waiting',
        account: 'work',
        reason: 'hour',
        until: Date.parse('2026-11-23T11:00:00Z'),
        hourlyLimit: 3,
        dailyLimit: null,
      },
      { phase: 'resumed', account: 'work' },
    ])
  })

  it('tells the wait for an account the server paused with a 429 as paused, until the next UTC hour', async () => {
    const { scheduler, fetch } = setup((_, count) =>
      count === 1 ? new Response('{"error":"Too many"}', { status: 429 }) : new Response('{}'),
    )
    const told: WaitNotice[] = []
    const send = scheduler.fetchFor({ ...work, hourlyLimit: 600 }, { priority: 'cli', wait: true }, fetch)
    expect((await send('http://x/q')).status).toBe(429)
    await withWaitListener(
      (notice) => told.push(notice),
      () => send('http://x/q'),
    )
    expect(told[0]).toMatchObject({
      phase: 'waiting',
      reason: 'paused',
      until: Date.parse('2026-11-23T11:00:00Z'),
    })
    expect(told).toHaveLength(2)
  })

  it('pauses the account until the next UTC hour after a 429, so the next request is refused as RATE_LIMITED', async () => {
    const { scheduler, fetch, sent, ledger } = setup(
      () => new Response('{"error":"Too many"}', { status: 429 }),
    )
    const send = scheduler.fetchFor({ ...work, hourlyLimit: 600 }, { priority: 'cli', wait: false }, fetch)
    expect((await send('http://x/q')).status).toBe(429)
    const error = await errorOf(send('http://x/q'))
    expect(error.toWire()).toMatchObject({
      code: 'RATE_LIMITED',
      details: { resetsAt: '2026-11-23T11:00:00.000Z' },
    })
    expect(sent).toHaveLength(1)
    expect(await ledger.snapshot(work)).toMatchObject({ pausedUntil: '2026-11-23T11:00:00.000Z' })
  })

  it("honours a proxy's Retry-After instead of the next hour", async () => {
    const { scheduler, fetch, ledger } = setup(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '120' } }),
    )
    await scheduler.fetchFor(work, { priority: 'cli', wait: false }, fetch)('http://x/q')
    expect(await ledger.snapshot(work)).toMatchObject({ pausedUntil: '2026-11-23T10:17:00.000Z' })
  })

  it('retries a 5xx with exponential backoff and jitter, and gives up after five tries', async () => {
    const { scheduler, fetch, sent, events, time } = setup(() => new Response('down', { status: 503 }))
    const response = await scheduler.fetchFor(
      { ...work, hourlyLimit: 600 },
      { priority: 'cli', wait: true },
      fetch,
    )('http://x/q')
    expect(response.status).toBe(503)
    expect(sent).toHaveLength(5)
    expect(time.slept).toEqual([750, 1500, 3000, 6000])
    expect(
      events
        .filter((event) => event.type === 'retry')
        .map((event) => event.type === 'retry' && event.attempt),
    ).toEqual([2, 3, 4, 5])
    expect(events[0]).toMatchObject({
      type: 'retry',
      nextAttemptAt: Date.parse('2026-11-23T10:15:00.750Z'),
      error: { code: 'SERVER_ERROR', message: 'HTTP 503' },
    })
  })

  it('returns other 4xx at once, without a retry', async () => {
    const { scheduler, fetch, sent } = setup(() => new Response('{"error":"bad"}', { status: 400 }))
    const response = await scheduler.fetchFor(work, { priority: 'cli', wait: true }, fetch)('http://x/q')
    expect(response.status).toBe(400)
    expect(sent).toHaveLength(1)
  })

  it('retries a refused connection and does not count it against the hour or its source', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    const { scheduler, fetch, ledger } = setup((_url, count) => {
      if (count < 3) throw refused
      return new Response('{}')
    })
    const response = await scheduler.fetchFor(work, { priority: 'tray', wait: true }, fetch)('http://x/q')
    expect(response.status).toBe(200)
    expect(await ledger.snapshot(work)).toMatchObject({
      usedThisHour: 1,
      thisHourBySource: { interactive: 0, cli: 0, background: 0, tray: 1 },
    })
  })

  describe('a request nothing waits before (it starts without bottleneck’s turn)', () => {
    // 10/hour with the default 10 % reserve: background and tray may spend 9, the window and the CLI 10.
    const tight = { ...work, hourlyLimit: 10 }

    it('gives a background request the last request outside the reserve, and refuses the next', async () => {
      const { scheduler, fetch, sent, events, atOnce } = setup()
      const background = scheduler.fetchFor(tight, { priority: 'background', wait: false }, fetch)
      for (let i = 0; i < 8; i++) await background('http://x/early')
      expect((await background('http://x/ninth')).status).toBe(200)
      const error = await errorOf(background('http://x/tenth'))
      expect(error.toWire()).toMatchObject({
        code: 'BUDGET_EXHAUSTED',
        message:
          'Account "work" has only its interactive reserve left this UTC hour; background work resumes at 2026-11-23T11:00:00.000Z.',
      })
      expect(events.at(-1)).toMatchObject({ type: 'budget-exhausted', reason: 'reserve', isWaiting: false })
      // The reserve is the CLI's and the window's: the tenth goes to them.
      const cli = scheduler.fetchFor(tight, { priority: 'cli', wait: false }, fetch)
      expect((await cli('http://x/cli')).status).toBe(200)
      expect(sent).toHaveLength(10)
      expect(atOnce).toHaveLength(11)
    })

    it('starts at once one below maxConcurrent, and waits its turn at maxConcurrent', async () => {
      const gates: Array<() => void> = []
      const { scheduler, fetch, sent, atOnce } = setup(async () => {
        await new Promise<void>((resolve) => gates.push(resolve))
        return new Response('{}')
      }, 2)
      const send = scheduler.fetchFor({ ...work, hourlyLimit: 100 }, { priority: 'cli', wait: true }, fetch)
      const first = send('http://x/1')
      await vi.waitFor(() => expect(sent).toEqual(['http://x/1']))
      const second = send('http://x/2')
      await vi.waitFor(() => expect(sent).toEqual(['http://x/1', 'http://x/2']))
      expect(atOnce).toEqual(['work', 'work'])
      const third = send('http://x/3')
      await vi.waitFor(() =>
        expect(scheduler.activity()).toEqual([{ account: 'work', queued: 1, running: 2, waiting: 0 }]),
      )
      expect(sent).toHaveLength(2)
      gates.shift()!()
      await first
      await vi.waitFor(() => expect(sent).toHaveLength(3))
      expect(atOnce).toHaveLength(2)
      for (const open of gates.splice(0)) open()
      expect((await Promise.all([second, third])).map((response) => response.status)).toEqual([200, 200])
    })
  })
})
