// Small node:http helpers for the sandbox routes: JSON answers in the server's shapes and bounded body reading.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Reply {
  status: number
  /** Serialised as JSON. */
  body: unknown
}

export const errorReply = (status: number, message: string): Reply => ({ status, body: { error: message } })

/** Unknown routes: the ErrorView fallback for JSON clients (§8). */
export const notFound: Reply = { status: 404, body: { status: 404, message: 'Not Found' } }

export function send(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The request body as text, or null when it exceeds `maxBytes` (the rest is drained, not buffered). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  let isTooLarge = false
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBytes) isTooLarge = true
    if (!isTooLarge) chunks.push(buffer)
  }
  return isTooLarge ? null : Buffer.concat(chunks).toString('utf8')
}

/** Plug.Parsers only parses JSON bodies sent as application/json (or a +json type), §4. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type)
}
