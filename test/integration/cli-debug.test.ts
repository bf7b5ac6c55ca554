// plausible debug http, --verbose and --log json, spawned: the request history shared by processes with
// every key masked, logs on stderr only (one JSON object per line), and the documented exit codes.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const site = 'shop.example.com'
const cli = useCliSandbox()

const aggregate = ['stats', 'aggregate', '--site', site, '--period', '7d', '--metric', 'visitors']
const masked = (key: string) => `${key.slice(0, 4)}…${key.slice(-4)}`

describe('plausible debug http', () => {
  it('lists what earlier processes sent, newest first, with the key masked everywhere', async () => {
    expect((await runCli(aggregate, cli.env)).code).toBe(0)
    expect((await runCli([...aggregate, '--period', '30d'], cli.env)).code).toBe(0)
    const result = await runCli(['debug', 'http', '--limit', '2', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const { exchanges } = JSON.parse(result.stdout) as {
      exchanges: Array<{
        method: string
        url: string
        status: number
        requestBody: string
        requestHeaders: Record<string, string>
        process: string
      }>
    }
    expect(
      exchanges.map((exchange) => [exchange.method, exchange.url, exchange.status, exchange.process]),
    ).toEqual([
      ['POST', `${cli.sandbox.baseUrl}/api/v2/query`, 200, 'cli'],
      ['POST', `${cli.sandbox.baseUrl}/api/v2/query`, 200, 'cli'],
    ])
    expect(JSON.parse(exchanges[0]!.requestBody)).toMatchObject({ date_range: '30d' })
    expect(exchanges[0]!.requestHeaders.authorization).toBe(`Bearer ${masked(cli.sandbox.apiKey)}`)
    expect(result.stdout).not.toContain(cli.sandbox.apiKey)
    expect(readFileSync(join(cli.configDir, 'http-history.json'), 'utf8')).not.toContain(cli.sandbox.apiKey)
  })

  it('keeps a refused request with the server text, and a request that found no server', async () => {
    await runCli(aggregate, { ...cli.env, PLAUSIBLE_API_KEY: 'wrong-key-0123456789abcdefghijklmnop' })
    await runCli(aggregate, { ...cli.env, PLAUSIBLE_BASE_URL: 'http://127.0.0.1:9' })
    const result = await runCli(['debug', 'http', '--limit', '20', '--json'], cli.env)
    const { exchanges } = JSON.parse(result.stdout) as {
      exchanges: Array<{ status: number | null; responseBody: string | null; error: string | null }>
    }
    // The unreachable server was tried again with backoff: each try is its own exchange, newest first.
    const [newest] = exchanges
    expect(newest).toMatchObject({ status: null, responseBody: null, error: 'fetch failed' })
    const refused = exchanges.find((exchange) => exchange.status !== null)
    expect(refused).toMatchObject({ status: 401, error: null })
    expect(refused!.responseBody).toContain('Invalid API key or site ID')
  })

  it('says when nothing was recorded, and exits 2 for --limit 0', async () => {
    expect(await runCli(['debug', 'http'], cli.env)).toMatchObject({
      code: 0,
      stdout: 'No requests recorded yet.\n',
    })
    const bad = await runCli(['debug', 'http', '--limit', '0'], cli.env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--limit takes a whole number from 1 to 500.')
  })
})

describe('--verbose and --log json', () => {
  it('writes one JSON object per line to stderr and leaves stdout to the result, keys masked', async () => {
    const result = await runCli([...aggregate, '--json', '--log', 'json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['site', 'dateRange', 'metrics'])
    const lines = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.event)).toEqual(['command', 'connect', 'http', 'call', 'exit'])
    expect(lines[0]).toMatchObject({ level: 'debug', command: 'stats aggregate' })
    expect(lines[2]).toMatchObject({
      method: 'POST',
      url: `${cli.sandbox.baseUrl}/api/v2/query`,
      status: 200,
    })
    expect(lines[4]).toMatchObject({ code: 0 })
    expect(result.stderr).not.toContain(cli.sandbox.apiKey)
  })

  it('--verbose writes text lines, also when the flag comes first', async () => {
    const result = await runCli(['--verbose', ...aggregate], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const events = result.stderr
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[1])
    expect(events).toEqual(['command', 'connect', 'http', 'call', 'exit'])
    expect(result.stdout.split('\n')[0]).toMatch(/^metric\s+value$/)
  })

  it('masks a key the server echoes in its answer', async () => {
    const echo = await startEcho(401, (auth) => JSON.stringify({ error: `Invalid API key ${auth}` }))
    const key = 'echoed-key-0123456789abcdefghijklmnop'
    const result = await runCli([...aggregate, '--log', 'json'], {
      ...cli.env,
      PLAUSIBLE_BASE_URL: echo.url,
      PLAUSIBLE_API_KEY: key,
    })
    expect(result.code).toBe(3)
    const history = await runCli(['debug', 'http', '--json'], cli.env)
    expect(history.stdout).toContain(`Invalid API key Bearer ${masked(key)}`)
    for (const text of [result.stdout, result.stderr, history.stdout]) expect(text).not.toContain(key)
    await echo.close()
  })

  it('exits 2 for an unknown --log format', async () => {
    const result = await runCli([...aggregate, '--log', 'xml'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Allowed choices are text, json')
  })
})

describe('exit codes', () => {
  it('are 0 ok, 2 usage, 3 auth, 4 not found, 6 server, 7 network, 8 partial', async () => {
    const server500 = await startEcho(500, () => 'boom')
    const codes = {
      ok: (await runCli(aggregate, cli.env)).code,
      usage: (await runCli(['stats', 'aggregate'], cli.env)).code,
      auth: (
        await runCli(aggregate, { ...cli.env, PLAUSIBLE_API_KEY: 'wrong-key-0123456789abcdefghijklmnop' })
      ).code,
      notFound: (await runCli(['accounts', 'use', 'nobody'], cli.env)).code,
      server: (await runCli([...aggregate, '--no-wait'], { ...cli.env, PLAUSIBLE_BASE_URL: server500.url }))
        .code,
      network: (await runCli(aggregate, { ...cli.env, PLAUSIBLE_BASE_URL: 'http://127.0.0.1:9' })).code,
      partial: (await runCli(['call', '--batch'], cli.env, '{"call":"budget.status","input":{}}\nnot json\n'))
        .code,
    }
    await server500.close()
    expect(codes).toEqual({ ok: 0, usage: 2, auth: 3, notFound: 4, server: 6, network: 7, partial: 8 })
  })
})

/** A server that answers every request with `status` and a body made from its Authorization header. */
async function startEcho(
  status: number,
  body: (authorization: string) => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(body(request.headers.authorization ?? ''))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
