// Small node:http helpers for the sandbox routes: answers in the server's shapes, bounded body reading, params.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Reply {
  status: number
  /** Serialised as JSON unless `text` is set. */
  body?: unknown
  /** A plain-text body (the Events API's `ok`, §7). */
  text?: string
  headers?: Record<string, string>
}

export const errorReply = (status: number, message: string): Reply => ({ status, body: { error: message } })

/** Unknown routes: the ErrorView fallback for JSON clients (§8). */
export const notFound: Reply = { status: 404, body: { status: 404, message: 'Not Found' } }

export function send(res: ServerResponse, reply: Reply): void {
  const isText = reply.text !== undefined
  const text = isText ? reply.text! : JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  })
  res.end(text)
}

/**
 * The request body as text, or null when it exceeds `maxBytes` (the rest is drained, not buffered). Read
 * with listeners, not `for await`: an async iterator per request costs more than a small event's body.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(
        size > maxBytes
          ? null
          : chunks.length === 1
            ? chunks[0]!.toString('utf8')
            : Buffer.concat(chunks).toString('utf8'),
      ),
    )
    req.on('error', reject)
  })
}

/** Plug.Parsers only parses JSON bodies sent as application/json (or a +json type), §4. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type)
}

export type Params = Record<string, unknown>

/**
 * Phoenix's params: the query string merged with a JSON or urlencoded body (body wins). Form fields in
 * bracket notation (`tracker_script_configuration[outbound_links]=true`) become one nested level.
 * Returns null for a malformed JSON body (Plug.Parsers answers 400 before the controller).
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params | null> {
  const params: Params = {}
  const assign = (key: string, value: string): void => {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key)
    if (nested) {
      const parent = (params[nested[1]!] ??= {}) as Record<string, unknown>
      if (typeof parent === 'object') parent[nested[2]!] = value
    } else params[key] = value
  }
  for (const [key, value] of url.searchParams) assign(key, value)
  const text = await readBody(req, 1_000_000)
  if (text === null || text.trim() === '') return params
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (isJsonContentType(type)) {
    try {
      const body = JSON.parse(text) as unknown
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(params, body)
      else params._json = body
    } catch {
      return null
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(text)) assign(key, value)
  }
  return params
}
