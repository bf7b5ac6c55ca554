import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { startMetricsServer, type MetricsServer } from '../../../../src/core/metrics/metrics-server'

let server: MetricsServer | undefined
afterEach(() => server?.close())

/** A GET with the Host header of our choice (fetch does not let one set it). */
function get(url: string, host?: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe('startMetricsServer', () => {
  it('renders afresh for each GET /metrics, as Prometheus text', async () => {
    let scrapes = 0
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, render: async () => `up ${++scrapes}\n` })
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    expect(await get(server.url)).toEqual({
      status: 200,
      type: 'text/plain; version=0.0.4; charset=utf-8',
      body: 'up 1\n',
    })
    expect((await get(server.url)).body).toBe('up 2\n')
  })

  it('answers 404 beside /metrics and 403 to a Host that is not a loopback name', async () => {
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, render: async () => 'up 1\n' })
    expect((await get(server.url.replace('/metrics', '/'))).status).toBe(404)
    expect((await get(server.url, 'evil.example.com:9464')).status).toBe(403)
    expect((await get(server.url, 'localhost:9464')).status).toBe(200)
  })

  it('answers 500 with the reason when the core cannot be read', async () => {
    server = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      render: async () => {
        throw new Error('ledger unreadable')
      },
    })
    expect(await get(server.url)).toMatchObject({
      status: 500,
      body: 'The metrics could not be read: ledger unreadable\n',
    })
  })

  it('closes while a scraper keeps its connection alive', async () => {
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, render: async () => 'up 1\n' })
    await fetch(server.url) // fetch keeps the connection alive
    const closing = server.close()
    server = undefined
    await expect(closing).resolves.toBeUndefined()
  })
})
