// Helpers of the budget acceptance tests: a loopback proxy in front of the sandbox that counts what
// reaches it (and can hold requests back), and a redis-server on a free port, stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { createConnection, createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface CountingProxy {
  url: string
  /** Requests forwarded to the sandbox, with the status it answered. */
  forwarded: Array<{ method: string; path: string; status: number }>
  /** Requests held back (never forwarded) because the gate was closed. */
  held: number
  /** Forward only this many more requests matching `path`; later ones are held. null: no gate. */
  setGate(path: string, allowance: number | null): void
  close(): Promise<void>
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const targetUrl = new URL(target)
  const forwarded: CountingProxy['forwarded'] = []
  let gate: { path: string; allowance: number } | null = null
  const proxy: CountingProxy = {
    url: '',
    forwarded,
    held: 0,
    setGate(path, allowance) {
      gate = allowance === null ? null : { path, allowance }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const path = (incoming.url ?? '').split('?')[0] ?? ''
    if (gate && path === gate.path) {
      if (gate.allowance <= 0) {
        proxy.held += 1
        incoming.resume() // read and drop the body; never answer
        return
      }
      gate.allowance -= 1
    }
    const upstream = request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: targetUrl.host },
      },
      (answer) => {
        forwarded.push({ method: incoming.method ?? '', path, status: answer.statusCode ?? 0 })
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    upstream.on('error', () => outgoing.destroy())
    incoming.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return proxy
}

export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface RedisServer {
  url: string
  stop(): Promise<void>
}

/** redis-server on loopback, no persistence; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'plausible-redis-'))
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
    // It logs "Ready to accept connections" once listening.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve()
    })
  })
  await new Promise<void>((resolve, reject) => {
    const probe = createConnection(port, '127.0.0.1', () => {
      probe.end()
      resolve()
    })
    probe.once('error', reject)
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        process.kill(child.pid!, 'SIGTERM')
      }),
  }
}
