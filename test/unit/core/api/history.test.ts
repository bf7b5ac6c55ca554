import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHttpHistory } from '../../../../src/core/api/history'
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
