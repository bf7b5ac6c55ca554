import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventsClient } from '../../../../src/core/api/events'
import { createKeepAliveFetch } from '../../../../src/core/api/keep-alive-fetch'
import { createTransport } from '../../../../src/core/api/transport'

let server: Server
let baseUrl = ''
const seen: Array<{ method: string; body: string; headers: IncomingMessage['headers']; socket: number }> = []
const sockets = new Map<object, number>()
let openAtOnce = 0
let mostAtOnce = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1)
    openAtOnce += 1
    mostAtOnce = Math.max(mostAtOnce, openAtOnce)
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', body, headers: req.headers, socket: sockets.get(req.socket)! })
      const wait = req.url === '/slow' ? 30 : 0
      setTimeout(() => {
        openAtOnce -= 1
        if (req.url === '/empty') res.writeHead(204).end()
        else if (req.url === '/never') return
        else res.writeHead(202, { 'x-plausible-dropped': '1', 'content-type': 'text/plain' }).end('ok')
      }, wait)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('createKeepAliveFetch', () => {
  it('posts the body with its headers and reads the answer whole, as often as asked', async () => {
    const fetch = createKeepAliveFetch({ maxSockets: 2 })
    const response = await fetch(`${baseUrl}/api/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0' },
      body: '{"name":"pageview"}',
    })
    expect([response.status, response.ok, response.headers.get('x-plausible-dropped')]).toEqual([
      202,
      true,
      '1',
    ])
    expect([await response.clone().text(), await response.text()]).toEqual(['ok', 'ok'])
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      body: '{"name":"pageview"}',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0', 'content-length': '19' },
    })
    const empty = await fetch(`${baseUrl}/empty`, { method: 'POST', body: '' })
    expect([empty.status, await empty.text()]).toEqual([204, ''])
  })

  it('keeps its connections: sequential requests share one, at most maxSockets at once', async () => {
    const fetch = createKeepAliveFetch({ maxSockets: 3 })
    const before = seen.length
    await fetch(`${baseUrl}/a`, { method: 'POST', body: '1' })
    await fetch(`${baseUrl}/a`, { method: 'POST', body: '2' })
    const [first, second] = seen.slice(before)
    expect(second!.socket).toBe(first!.socket)
    mostAtOnce = 0
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        fetch(`${baseUrl}/slow`, { method: 'POST', body: `${index}` }),
      ),
    )
    expect(mostAtOnce).toBe(3)
  })

  it('fails as fetch does, so the transport words it the same: a refused connection, a timeout', async () => {
    const fetch = createKeepAliveFetch({ maxSockets: 1 })
    const refused = (await fetch('http://127.0.0.1:1/api/event', { method: 'POST', body: '{}' }).catch(
      (caught: unknown) => caught,
    )) as TypeError
    expect([refused.name, refused.message, (refused.cause as { code?: string }).code]).toEqual([
      'TypeError',
      'fetch failed',
      'ECONNREFUSED',
    ])
    const client = createEventsClient(createTransport({ baseUrl: 'http://127.0.0.1:1', fetch }))
    await expect(client.send({ name: 'pageview', url: 'https://a.com/' })).rejects.toMatchObject({
      code: 'NETWORK',
      message: 'Could not reach http://127.0.0.1:1: the connection was refused (is the server running?).',
    })
    const timedOut = await fetch(`${baseUrl}/never`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(50),
    }).catch((caught: unknown) => caught)
    expect((timedOut as Error).name).toBe('TimeoutError')
  })
})

describe('a kept connection the server closed', () => {
  // Each connection answers its first request; what it does with a later one depends on the path.
  let dropping: Server
  let droppingUrl = ''
  const requestsPerConnection = new Map<object, number>()
  const arrivals: Array<{ path: string; connection: number; nth: number }> = []

  beforeAll(async () => {
    dropping = createServer((req, res) => {
      const nth = (requestsPerConnection.get(req.socket) ?? 0) + 1
      requestsPerConnection.set(req.socket, nth)
      arrivals.push({
        path: req.url ?? '',
        connection: [...requestsPerConnection.keys()].indexOf(req.socket),
        nth,
      })
      req.resume()
      req.on('end', () => {
        // As a server whose idle timer fired just as the request was written: the connection ends, unanswered.
        if (req.url === '/closes-kept' && nth > 1) return req.socket.destroy()
        if (req.url === '/closes-every') return req.socket.destroy()
        if (req.url === '/cut-midway' && nth > 1) {
          res.writeHead(200, { 'content-length': '100' }).write('part')
          return setTimeout(() => req.socket.destroy(), 10)
        }
        res.writeHead(202).end('ok')
      })
    })
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve))
    droppingUrl = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`
  })

  afterAll(() => {
    dropping.closeAllConnections()
    dropping.close()
  })

  async function warmed(maxSockets: number): Promise<ReturnType<typeof createKeepAliveFetch>> {
    const fetch = createKeepAliveFetch({ maxSockets })
    await fetch(`${droppingUrl}/warm`, { method: 'POST', body: '{}' })
    arrivals.length = 0
    return fetch
  }

  it('sends the request again on a new connection when the kept one is reset before any answer', async () => {
    const fetch = await warmed(2)
    const response = await fetch(`${droppingUrl}/closes-kept`, {
      method: 'POST',
      body: '{"name":"pageview"}',
    })
    expect([response.status, await response.text()]).toEqual([202, 'ok'])
    expect(arrivals.map(({ nth }) => nth)).toEqual([2, 1])
    expect(new Set(arrivals.map(({ connection }) => connection)).size).toBe(2)
  })

  it('does not send again what failed on a new connection, or an answer cut off midway', async () => {
    const fresh = createKeepAliveFetch({ maxSockets: 2 })
    arrivals.length = 0
    const failure = (await fresh(`${droppingUrl}/closes-every`).catch(
      (caught: unknown) => caught,
    )) as TypeError
    expect([failure.message, (failure.cause as { code?: string }).code]).toEqual([
      'fetch failed',
      'ECONNRESET',
    ])
    expect(arrivals).toHaveLength(1)

    const fetch = await warmed(2)
    const cut = await fetch(`${droppingUrl}/cut-midway`).catch((caught: unknown) => caught)
    expect(cut).toBeInstanceOf(TypeError)
    expect(arrivals).toHaveLength(1)
  })

  it('gives up once every kept connection and a fresh one have failed', async () => {
    const fetch = await warmed(1)
    const failure = (await fetch(`${droppingUrl}/closes-every`).catch(
      (caught: unknown) => caught,
    )) as TypeError
    expect((failure.cause as { code?: string }).code).toBe('ECONNRESET')
    // The kept connection (reset: sent again), then a new one (reset: reported).
    expect(arrivals.map(({ nth }) => nth)).toEqual([2, 1])
  })
})
