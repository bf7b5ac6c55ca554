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
