import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BufferedResponse } from '../../../../src/core/api/buffered-response'
import { createRequestFetch } from '../../../../src/core/api/request-fetch'

let server: Server | null = null
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = null
})

/** A loopback server; each request is told to `answer` with what it asked. */
async function serve(
  answer: (request: { method: string; url: string; headers: Record<string, unknown>; body: string }) => {
    status: number
    headers?: Record<string, string>
    body?: string
  },
): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = []
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const asking = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body }
      asked.push(`${asking.method} ${asking.url}`)
      const { status, headers, body: text } = answer(asking)
      response.writeHead(status, headers)
      response.end(text)
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, asked }
}

describe('the request fetch', () => {
  it('sends method, headers and body over node:http and answers whole, without fetch’s Response', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | null = null
    const { url } = await serve(({ headers, body }) => {
      seen = { headers, body }
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-seen': 'yes' },
        body: '{"ok":1}',
      }
    })
    const response = await createRequestFetch()(`${url}/api/v2/query`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"site_id":"example.com"}',
    })
    expect(response as unknown).toBeInstanceOf(BufferedResponse)
    expect([response.status, response.headers.get('X-Seen'), await response.text()]).toEqual([
      200,
      'yes',
      '{"ok":1}',
    ])
    expect(seen).toMatchObject({
      headers: { authorization: 'Bearer k', 'content-type': 'application/json', 'content-length': '25' },
      body: '{"site_id":"example.com"}',
    })
  })

  it('asks a redirected request again through fetch, which follows it as it always did', async () => {
    const { url, asked } = await serve(({ url: path }) =>
      path === '/old' ? { status: 301, headers: { location: '/new' } } : { status: 200, body: `at ${path}` },
    )
    const response = await createRequestFetch()(`${url}/old`)
    expect([response.status, await response.text()]).toEqual([200, 'at /new'])
    expect(asked).toEqual(['GET /old', 'GET /old', 'GET /new'])
  })

  it('answers a 3xx without a Location as it is', async () => {
    const { url, asked } = await serve(() => ({ status: 304 }))
    const response = await createRequestFetch()(`${url}/same`)
    expect(response.status).toBe(304)
    expect(asked).toEqual(['GET /same'])
  })

  it('fails as fetch fails when nothing listens: TypeError "fetch failed", the system error as its cause', async () => {
    const { url } = await serve(() => ({ status: 200 }))
    await new Promise((resolve) => server!.close(resolve))
    server = null
    const failure = await createRequestFetch()(`${url}/gone`).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TypeError)
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } })
  })
})
