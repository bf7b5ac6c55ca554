// The fetch the Events API sends with: node:http(s) over kept-alive connections, a few per server. An
// import sends thousands of small POSTs, and the global fetch spends about three times the CPU of a plain
// node:http request on each (its streams, its Request and Response objects); on a busy machine that,
// not the network, sets the pace. Same contract as fetch for what the clients use — a string body, an
// AbortSignal, an answer read whole (text(), clone()) — and a network failure rejects as fetch's does
// (TypeError "fetch failed" with the system error as its cause), so transport.ts words it the same.
import type { IncomingMessage } from 'node:http'
import type { Fetch } from '../ports'
import { BufferedResponse, HeaderList } from './buffered-response'

export interface KeepAliveFetchOptions {
  /** Connections per server at once: the write queue's concurrency, so no request waits for a socket. */
  maxSockets: number
}

/**
 * node:http or node:https, loaded at the first request to a server of that scheme: a command that talks
 * to one http server never pays for TLS. Taken with getBuiltinModule where there is one (Node ≥ 22.3):
 * import() of node:http builds its ES module face, and reading its WebSocket getters for it loads undici
 * (70–200 ms).
 */
async function loadClient(protocol: 'http:' | 'https:', maxSockets: number): Promise<Client> {
  const name = protocol === 'http:' ? 'node:http' : 'node:https'
  const module = (process.getBuiltinModule?.(name) ?? (await import(name))) as typeof import('node:http')
  return {
    request: module.request,
    agent: new module.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }),
  }
}

interface Client {
  request: typeof import('node:http').request
  agent: import('node:http').Agent
}

export function createKeepAliveFetch(options: KeepAliveFetchOptions): Fetch {
  const clients = new Map<'http:' | 'https:', Promise<Client>>()
  return (async (input: Parameters<Fetch>[0], init: Parameters<Fetch>[1] = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const body = init.body
    // Anything but a plain request with a string body (or none) goes the usual way.
    if (
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      (body !== undefined && body !== null && typeof body !== 'string') ||
      !(typeof input === 'string' || input instanceof URL)
    )
      return globalThis.fetch(input, init)
    const signal = init.signal ?? undefined
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    const headers: Record<string, string> = {}
    // Not fetch's Headers: its first use loads undici (buffered-response.ts).
    new HeaderList(init.headers).forEach((value, name) => (headers[name] = value))
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body))
    const protocol = url.protocol
    let loading = clients.get(protocol)
    if (!loading) clients.set(protocol, (loading = loadClient(protocol, options.maxSockets)))
    const client = await loading
    return new Promise<Response>((resolve, reject) => {
      let isSettled = false
      const settle = (outcome: () => void): void => {
        if (isSettled) return
        isSettled = true
        signal?.removeEventListener('abort', onAbort)
        outcome()
      }
      const req = client.request(
        url,
        { method: init.method ?? 'GET', headers, agent: client.agent },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', (error) => settle(() => reject(failed(error))))
          res.on('end', () =>
            settle(() => {
              const status = res.statusCode ?? 0
              // A final answer is 200–599 (as the Response class takes): anything else is no answer to use.
              if (status < 200 || status > 599) reject(failed(new Error(`HTTP status ${status}`)))
              else resolve(responseOf(res, status, Buffer.concat(chunks), url.href))
            }),
          )
        },
      )
      const onAbort = (): void => {
        settle(() => reject(signal?.reason as Error))
        req.destroy()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      req.on('error', (error) => settle(() => reject(failed(error))))
      req.end(body ?? undefined)
    })
  }) as Fetch
}

function responseOf(res: IncomingMessage, status: number, body: Buffer, url: string): Response {
  const headers = new HeaderList()
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each)
    else if (value !== undefined) headers.set(name, value)
  }
  return new BufferedResponse(status, res.statusMessage ?? '', headers, body, url).asResponse()
}

/** As fetch rejects: a TypeError whose cause is the system error (ECONNREFUSED, ENOTFOUND…). */
function failed(error: Error): TypeError {
  return new TypeError('fetch failed', { cause: error })
}
