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
    const headers: Record<string, string> = {}
    // Not fetch's Headers: its first use loads undici (buffered-response.ts).
    new HeaderList(init.headers).forEach((value, name) => (headers[name] = value))
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body))
    const protocol = url.protocol
    let loading = clients.get(protocol)
    if (!loading) clients.set(protocol, (loading = loadClient(protocol, options.maxSockets)))
    const client = await loading
    // A kept connection that the server closed as it sat idle fails the request written on it with a reset
    // and no answer. The server closed it before reading that request, so it goes again on another
    // connection, as Node's http docs advise for `reusedSocket` (and Go's client does). Each such failure
    // takes one dead connection out of the pool: never more goes than connections kept, plus a fresh one.
    // A new connection that fails, or an answer cut off midway, is the caller's to retry or report.
    for (let staleLeft = options.maxSockets; ; staleLeft -= 1) {
      const outcome = await sendOnce(client, url, init.method ?? 'GET', headers, body, signal)
      if ('response' in outcome) return outcome.response
      if (!(outcome.isStaleConnection && staleLeft > 0)) throw outcome.error
    }
  }) as Fetch
}

type Outcome = { response: Response } | { error: Error; isStaleConnection: boolean }

/** One request on one connection: its answer, or why there was none and whether the connection was stale. */
function sendOnce(
  client: Client,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | null | undefined,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (signal?.aborted) return Promise.resolve({ error: signal.reason as Error, isStaleConnection: false })
  return new Promise<Outcome>((resolve) => {
    let isSettled = false
    let isAnswered = false
    const settle = (outcome: Outcome): void => {
      if (isSettled) return
      isSettled = true
      signal?.removeEventListener('abort', onAbort)
      resolve(outcome)
    }
    const req = client.request(url, { method, headers, agent: client.agent }, (res) => {
      isAnswered = true
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', (error) => settle({ error: failed(error), isStaleConnection: false }))
      res.on('end', () => {
        const status = res.statusCode ?? 0
        // A final answer is 200–599 (as the Response class takes): anything else is no answer to use.
        if (status < 200 || status > 599)
          settle({ error: failed(new Error(`HTTP status ${status}`)), isStaleConnection: false })
        else settle({ response: responseOf(res, status, Buffer.concat(chunks), url.href) })
      })
    })
    const onAbort = (): void => {
      settle({ error: signal?.reason as Error, isStaleConnection: false })
      req.destroy()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('error', (error: NodeJS.ErrnoException) =>
      settle({
        error: failed(error),
        isStaleConnection: req.reusedSocket && !isAnswered && staleConnectionCodes.has(error.code ?? ''),
      }),
    )
    req.end(body ?? undefined)
  })
}

/** How a write on a connection the other end already closed fails ("socket hang up" is ECONNRESET). */
const staleConnectionCodes = new Set(['ECONNRESET', 'EPIPE'])

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
