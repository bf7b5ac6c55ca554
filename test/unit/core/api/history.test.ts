import type * as fs from 'node:fs'
import { EventEmitter } from 'node:events'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as fsPromises from 'node:fs/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpHistory, newestLinesWithin, type HttpHistory } from '../../../../src/core/api/history'
import { createExitWatch } from '../../../../src/core/api/history-exit'
import type { Fetch } from '../../../../src/core/ports'
import { createSecretRedactor } from '../../../../src/core/secrets/redactor'

// A full disk while a line is appended: half of it is written, then ENOSPC (with no path, as write(2)).
const refusal = vi.hoisted(() => ({ diskFull: false, opened: { sync: 0, async: 0 } }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      refusal.opened.async += 1
      const handle = await actual.open(...args)
      if (!refusal.diskFull) return handle
      return {
        stat: () => handle.stat(),
        read: (...rest: Parameters<typeof handle.read>) => handle.read(...rest),
        truncate: (length: number) => handle.truncate(length),
        close: () => handle.close(),
        writeFile: async (text: string) => {
          await handle.write(text.slice(0, Math.floor(text.length / 2)))
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            syscall: 'write',
          })
        },
      }
    },
  }
})
// The same for a command's few lines, which are appended with synchronous calls.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return {
    ...actual,
    openSync: (...args: Parameters<typeof actual.openSync>) => {
      refusal.opened.sync += 1
      return actual.openSync(...args)
    },
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) => {
      const [target, data] = args
      if (!refusal.diskFull || typeof target !== 'number' || typeof data !== 'string')
        return actual.writeFileSync(...args)
      actual.writeSync(target, data.slice(0, Math.floor(data.length / 2)))
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        syscall: 'write',
      })
    },
  }
})
afterEach(() => {
  refusal.diskFull = false
})

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

/** The paths of the exchanges in the file, oldest first: one JSON line each. */
const paths = (dir: string): string[] =>
  existsSync(join(dir, 'http-history.json'))
    ? readFileSync(join(dir, 'http-history.json'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => new URL((JSON.parse(line) as { url: string }).url).pathname)
    : []

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
    // Each process appends; a reader keeps the last `capacity` of them.
    const listed = await historyIn(dir, 'cli', 3).list(10)
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

  it('writes what waits synchronously on process.exit(), even while another process rewrites the file', async () => {
    const exit = new EventEmitter()
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = quietHistory(dir, createExitWatch(exit))
    await send(history, '/before-exit')
    exit.emit('exit')
    // Written before emit() returned: nothing can be awaited in an 'exit' handler.
    expect(paths(dir)).toEqual(['/before-exit'])
    // An append takes no lock: one held by a process that is compacting the file does not hold it up.
    writeFileSync(
      join(dir, 'http-history.json.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'other' }),
    )
    await send(history, '/at-exit')
    exit.emit('exit')
    expect(paths(dir)).toEqual(['/before-exit', '/at-exit'])
  })
})

describe('request history file', () => {
  function lineHistory(
    dir: string,
    options: {
      capacity?: number
      compactAtBytes?: number
      bodyLimit?: number
      onWarning?: (message: string) => void
    } = {},
  ) {
    return createHttpHistory({
      dir,
      redactor: createSecretRedactor(),
      clock: () => Date.parse('2026-11-22T13:20:00Z'),
      face: 'cli',
      exitWatch: createExitWatch(new EventEmitter()),
      ...options,
    })
  }

  async function record(history: HttpHistory, path: string, body = 'ok'): Promise<void> {
    const recorded = new Promise((resolve) => {
      const stop = history.subscribe((exchange) => {
        stop()
        resolve(exchange)
      })
    })
    await history.wrap(answer(200, body))(`https://plausible.io${path}`)
    await recorded
    await history.flush()
  }

  const listed = async (history: HttpHistory): Promise<string[]> =>
    (await history.list(50)).map((exchange) => new URL(exchange.url).pathname)

  it('appends one line per exchange, and starts on a new line after one a crash cut short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const history = lineHistory(dir)
    await record(history, '/1')
    const file = join(dir, 'http-history.json')
    // A process died halfway through its line.
    appendFileSync(file, '{"at":"2026-11-22T13:20:00.000Z","process":"cli","meth')
    await record(history, '/2')
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toBe('{"at":"2026-11-22T13:20:00.000Z","process":"cli","meth')
    expect(lines[3]).toBe('')
    expect(await listed(history)).toEqual(['/2', '/1'])
  })

  it('reads the whole-file history an older version wrote, and appends after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const old = lineHistory(dir)
    await record(old, '/old')
    const [exchange] = await old.list(1)
    writeFileSync(join(dir, 'http-history.json'), JSON.stringify({ version: 1, exchanges: [exchange] }))
    const history = lineHistory(dir)
    await record(history, '/new')
    expect(await listed(history)).toEqual(['/new', '/old'])
  })

  it('rewrites the file once past compactAtBytes to the newest exchanges within half of it, and not before', async () => {
    // How long one line is (the paths below are all as long as this one).
    const probe = mkdtempSync(join(tmpdir(), 'history-'))
    await record(lineHistory(probe), '/0')
    const line = statSync(join(probe, 'http-history.json')).size
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const file = join(dir, 'http-history.json')
    const history = lineHistory(dir, { capacity: 5, compactAtBytes: Math.floor(6.5 * line) })
    for (const path of ['/1', '/2', '/3', '/4', '/5', '/6']) await record(history, path)
    // Six lines are under the size: appended, kept whole; list() shows the last five.
    expect(paths(dir)).toEqual(['/1', '/2', '/3', '/4', '/5', '/6'])
    expect(await listed(history)).toEqual(['/6', '/5', '/4', '/3', '/2'])
    await record(history, '/7')
    // The seventh crossed it: the newest that fit in half of it (3.25 lines: three), rewritten, 0600, no
    // temp file or lock left.
    expect(paths(dir)).toEqual(['/5', '/6', '/7'])
    expect(statSync(file).mode & 0o777).toBe(0o600)
    // Beside it only the lock's holder file this process keeps while it lives (file-lock.ts).
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(
        new RegExp(`^\\.http-history\\.json\\.lock\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`),
      ),
      'http-history.json',
    ])
    // The next request appends: a file just under the size is not rewritten again by every request.
    await record(history, '/8')
    expect(paths(dir)).toEqual(['/5', '/6', '/7', '/8'])
  })

  it('keeps the newest lines whose bytes fit, up to exactly the limit', () => {
    const lines = ['aaaa\n', 'bb\n', 'ccc\n']
    expect(newestLinesWithin(lines, 12)).toEqual(['aaaa\n', 'bb\n', 'ccc\n'])
    expect(newestLinesWithin(lines, 11)).toEqual(['bb\n', 'ccc\n'])
    expect(newestLinesWithin(lines, 7)).toEqual(['bb\n', 'ccc\n'])
    expect(newestLinesWithin(lines, 6)).toEqual(['ccc\n'])
    expect(newestLinesWithin(lines, 3)).toEqual([])
    // Bytes, not characters: "é" is two.
    expect(newestLinesWithin(['é\n'], 2)).toEqual([])
    expect(newestLinesWithin(['é\n'], 3)).toEqual(['é\n'])
  })

  // A command's few lines go out synchronously; a batch past 64 KB (the app's, with long bodies) does not.
  it.each([
    ['a short line, appended synchronously', 'ok'],
    ['a line past 64 KB, appended off the main thread', 'x'.repeat(70_000)],
  ])(
    'takes back the half line a full disk left (%s), warns naming the file, and appends whole lines after',
    async (_, body) => {
      const dir = mkdtempSync(join(tmpdir(), 'history-'))
      const file = join(dir, 'http-history.json')
      const warnings: string[] = []
      const history = lineHistory(dir, {
        bodyLimit: 100_000,
        onWarning: (message) => warnings.push(message),
      })
      await record(history, '/1', body)
      const before = readFileSync(file, 'utf8')
      refusal.diskFull = true
      await record(history, '/2', body)
      refusal.diskFull = false
      expect(readFileSync(file, 'utf8')).toBe(before)
      expect(warnings).toEqual([
        expect.stringMatching(
          /^http-history\.json \(the request history\) in the config folder .* cannot be written: the disk is full \(ENOSPC\)\. The requests were sent; `plausible debug http` will not list them\. /,
        ),
      ])
      await record(history, '/3', body)
      expect(paths(dir)).toEqual(['/1', '/3'])
    },
  )

  it('appends a batch of up to 65,536 characters synchronously, and a longer one off the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    const file = join(dir, 'http-history.json')
    const history = lineHistory(dir, { bodyLimit: 100_000 })
    await record(history, '/a', 'x')
    // A line is the exchange's JSON and a newline: what the line adds to its body, for a body of x's.
    const overhead = readFileSync(file, 'utf8').length - 1
    const openedFor = async (bodyLength: number): Promise<{ sync: number; async: number }> => {
      refusal.opened = { sync: 0, async: 0 }
      await record(history, '/a', 'x'.repeat(bodyLength))
      return refusal.opened
    }
    expect(await openedFor(65_536 - overhead)).toEqual({ sync: 1, async: 0 })
    expect(await openedFor(65_536 - overhead + 1)).toEqual({ sync: 0, async: 1 })
    expect(paths(dir)).toEqual(['/a', '/a', '/a'])
  })

  it('says the history could not be read when no line of it is an exchange, and starts again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    writeFileSync(join(dir, 'http-history.json'), 'not json\n')
    const warnings: string[] = []
    const history = lineHistory(dir, { onWarning: (message) => warnings.push(message) })
    expect(await history.list()).toEqual([])
    expect(warnings).toEqual([
      `The request history ${join(dir, 'http-history.json')} could not be read; it starts again.`,
    ])
    await record(history, '/after')
    expect(await listed(history)).toEqual(['/after'])
  })
})
