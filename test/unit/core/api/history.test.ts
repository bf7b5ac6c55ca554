import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpHistory, type HttpHistory } from '../../../../src/core/api/history'
import { createExitWatch } from '../../../../src/core/api/history-exit'
import type { Fetch } from '../../../../src/core/ports'
import { createSecretRedactor } from '../../../../src/core/secrets/redactor'

const key = 'pk_live_0123456789abcdefghijklmnopqrstuvwxyz'
const answer = (status: number, body: string): Fetch =>
  (async () => new Response(body, { status })) as unknown as Fetch

function historyIn(dir: string, face = 'cli', capacity?: number) {
  const redactor = createSecretRedactor()
  redactor.remember(key)
  return createHttpHistory({
    dir,
    redactor,
    clock: () => Date.parse('2026-11-22T13:20:00Z'),
    face,
    flushDelayMs: 1,
    ...(capacity ? { capacity } : {}),
  })
}

describe('request history', () => {
  it('records method, URL, status and both bodies with the Authorization header and echoed keys masked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = historyIn(dir)
    const fetch = history.wrap(answer(401, `{"error":"Invalid API key ${key}"}`))
    const recorded = new Promise((resolve) => history.subscribe(resolve))
    await fetch('https://plausible.io/api/v2/query', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{"site_id":"example.com"}',
    })
    await recorded
    await history.flush()
    const [exchange] = await history.list(5)
    expect(exchange).toMatchObject({
      at: '2026-11-22T13:20:00.000Z',
      process: 'cli',
      method: 'POST',
      url: 'https://plausible.io/api/v2/query',
      status: 401,
      requestHeaders: { authorization: 'Bearer pk_l…wxyz', 'content-type': 'application/json' },
      requestBody: '{"site_id":"example.com"}',
      responseBody: '{"error":"Invalid API key pk_l…wxyz"}',
      isTruncated: false,
      error: null,
    })
    const file = readFileSync(join(dir, 'http-history.json'), 'utf8')
    expect(file).not.toContain(key)
    expect(statSync(join(dir, 'http-history.json')).mode & 0o777).toBe(0o600)
  })

  it('keeps a failed request with its error and no status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = historyIn(dir)
    const refused = history.wrap((async () => {
      throw new TypeError('fetch failed')
    }) as unknown as Fetch)
    await expect(refused('http://127.0.0.1:9/api/health')).rejects.toThrow('fetch failed')
    expect(await history.list(1)).toMatchObject([
      { method: 'GET', url: 'http://127.0.0.1:9/api/health', status: null, error: 'fetch failed' },
    ])
  })

  it('cuts long bodies and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = historyIn(dir)
    const done = new Promise((resolve) => history.subscribe(resolve))
    await history.wrap(answer(200, 'x'.repeat(10_000)))('https://plausible.io/api/v1/sites')
    await done
    const [exchange] = await history.list(1)
    expect(exchange?.responseBody).toHaveLength(4_096)
    expect(exchange?.isTruncated).toBe(true)
  })

  it('is shared by two processes writing one file, newest first and capped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const app = historyIn(dir, 'app', 3)
    const cli = historyIn(dir, 'cli', 3)
    for (const [history, path] of [
      [app, '/a1'],
      [cli, '/c1'],
      [app, '/a2'],
      [cli, '/c2'],
    ] as const) {
      const done = new Promise((resolve) => history.subscribe(resolve))
      await history.wrap(answer(200, 'ok'))(`https://plausible.io${path}`)
      await done
      await history.flush()
    }
    const listed = await historyIn(dir).list(10)
    expect(listed.map((exchange) => `${exchange.process} ${new URL(exchange.url).pathname}`)).toEqual([
      'cli /c2',
      'app /a2',
      'cli /c1',
    ])
  })
})

describe('request history, written off the requests’ path', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** One request through the history, resolved once it is recorded. */
  async function send(history: HttpHistory, path: string): Promise<void> {
    const recorded = new Promise((resolve) => {
      const stop = history.subscribe((exchange) => {
        stop()
        resolve(exchange)
      })
    })
    await history.wrap(answer(200, 'ok'))(`https://plausible.io${path}`)
    await recorded
  }

  const paths = (dir: string): string[] =>
    existsSync(join(dir, 'http-history.json'))
      ? (
          JSON.parse(readFileSync(join(dir, 'http-history.json'), 'utf8')) as {
            exchanges: Array<{ url: string }>
          }
        ).exchanges.map((exchange) => new URL(exchange.url).pathname)
      : []

  function quietHistory(dir: string, exitWatch = createExitWatch(new EventEmitter())) {
    return createHttpHistory({
      dir,
      redactor: createSecretRedactor(),
      clock: () => Date.parse('2026-11-22T13:20:00Z'),
      face: 'cli',
      flushDelayMs: 50,
      maxFlushDelayMs: 200,
      exitWatch,
    })
  }

  /** Lets any write that was started finish (file system work is real; only the timers are fake). */
  const settle = async (): Promise<void> => {
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve))
  }

  it('writes nothing while requests come less than flushDelayMs apart, then all of them once quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = quietHistory(dir)
    for (const path of ['/1', '/2', '/3']) {
      await send(history, path)
      vi.advanceTimersByTime(49)
      await settle()
    }
    expect(paths(dir)).toEqual([])
    vi.advanceTimersByTime(1)
    await vi.waitFor(() => expect(paths(dir)).toEqual(['/1', '/2', '/3']))
  })

  it('writes a busy stretch maxFlushDelayMs after its first request at the latest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = quietHistory(dir)
    // A request every 40 ms: never 50 ms quiet. The one at 200 ms no longer puts the write off.
    for (let at = 0; at <= 200; at += 40) {
      await send(history, `/${at}`)
      vi.advanceTimersByTime(40)
      await settle()
      if (at < 200) expect(paths(dir)).toEqual([])
    }
    vi.advanceTimersByTime(10)
    await vi.waitFor(() => expect(paths(dir)).toEqual(['/0', '/40', '/80', '/120', '/160', '/200']))
  })

  it('writes what waits when the process runs dry without close(), the ordinary way', async () => {
    const exit = new EventEmitter()
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = quietHistory(dir, createExitWatch(exit))
    await send(history, '/last')
    expect(paths(dir)).toEqual([])
    exit.emit('beforeExit')
    await vi.waitFor(() => expect(paths(dir)).toEqual(['/last']))
    // Nothing waits any more: the next 'beforeExit' writes nothing.
    exit.emit('beforeExit')
    await history.flush()
    expect(paths(dir)).toEqual(['/last'])
  })

  it('writes what waits synchronously on process.exit() when its lock is free, and leaves it when held', async () => {
    const exit = new EventEmitter()
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = quietHistory(dir, createExitWatch(exit))
    await send(history, '/before-exit')
    exit.emit('exit')
    // Written before emit() returned: nothing can be awaited in an 'exit' handler.
    expect(paths(dir)).toEqual(['/before-exit'])
    expect(existsSync(join(dir, 'http-history.json.lock'))).toBe(false)

    // Another live process holds the lock: the exiting one does not wait, and loses only its own lines.
    writeFileSync(
      join(dir, 'http-history.json.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'other' }),
    )
    await send(history, '/lost')
    exit.emit('exit')
    expect(paths(dir)).toEqual(['/before-exit'])
    expect(JSON.parse(readFileSync(join(dir, 'http-history.json.lock'), 'utf8'))).toMatchObject({
      token: 'other',
    })
  })
})
