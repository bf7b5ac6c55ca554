// The `plausible ui` host: serves the built renderer on loopback and answers the contract over HTTP.
// Guards (design.md "The window in a browser"): loopback only, a token valid for the run and kept out of history, the Host header checked.
import { callPathPrefix, uiTokenHeader } from '../../shared/contract/http-route'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { realpath, stat, readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { ContractHandlers } from '../../shared/contract'
import { errWire, type Wire } from '../../shared/contract/wire'
import { PlausibleError } from '../../shared/errors'
import { dispatch } from '../dispatch'

export interface UiHostOptions {
  handlers: ContractHandlers
  /** The built renderer (out/renderer): index.html and assets/. */
  rendererDir: string
  /** Loopback only; anything else would publish the user's stats to the network. */
  host?: '127.0.0.1'
  /** 0 (the default) picks a free port. */
  port?: number
}

export interface UiHost {
  /** The address to open, token included: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * The page's policy; the same as the meta tag in src/renderer/index.html (a test compares them), plus
 * the directives a meta tag cannot carry (frame-ancestors).
 */
export const uiContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Calls carry small JSON inputs; a larger body is refused before it is read into memory. */
export const maxBodyBytes = 1024 * 1024

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

const securityHeaders: Record<string, string> = {
  'content-security-policy': uiContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

export async function serveUi(options: UiHostOptions): Promise<UiHost> {
  const host = options.host ?? '127.0.0.1'
  const token = randomBytes(32).toString('base64url')
  const root = await realpath(resolve(options.rendererDir))
  let allowedHosts = new Set<string>()

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, errWire(new PlausibleError('INTERNAL').toWire()))
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendJson(response, 403, forbidden('This address is not allowed to reach `plausible ui`.'))
      return
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith(callPathPrefix)) {
      await answerCall(request, response, path.slice(callPathPrefix.length))
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method Not Allowed', { allow: 'GET, HEAD' })
      return
    }
    await sendStatic(request, response, path)
  }

  async function answerCall(
    request: IncomingMessage,
    response: ServerResponse,
    encodedName: string,
  ): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, usage('Calls are POST requests with a JSON body.'), { allow: 'POST' })
      return
    }
    if (!hasToken(request.headers[uiTokenHeader])) {
      sendJson(response, 403, forbidden())
      return
    }
    // A page from another origin can make the browser send a request here; it cannot read the answer,
    // but refuse it anyway so a stolen-token replay from a foreign page does nothing.
    const origin = request.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      sendJson(response, 403, forbidden('Calls from other sites are not allowed.'))
      return
    }
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, usage('Send the call input as application/json.'))
      return
    }
    const body = await readBody(request)
    if (body === 'too-large') {
      sendJson(response, 413, usage(`The call input is larger than ${maxBodyBytes} bytes.`), {
        connection: 'close',
      })
      return
    }
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      sendJson(response, 400, usage('The call input is not valid JSON.'))
      return
    }
    let name: string
    try {
      name = decodeURIComponent(encodedName)
    } catch {
      name = encodedName
    }
    // Unknown names and invalid inputs come back from dispatch as USAGE envelopes, like every host.
    sendJson(response, 200, await dispatch(options.handlers, name, input))
  }

  function hasToken(value: string | string[] | undefined): boolean {
    if (typeof value !== 'string') return false
    const given = Buffer.from(value)
    const expected = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  async function sendStatic(
    request: IncomingMessage,
    response: ServerResponse,
    urlPath: string,
  ): Promise<void> {
    const file = await resolveStatic(root, urlPath)
    if (!file) {
      sendText(response, 404, 'Not Found')
      return
    }
    const body = await readFile(file)
    const isIndex = file === join(root, 'index.html')
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
      // The page must be re-read each time (it names the current bundle); Vite's hashed assets never change.
      'cache-control': isIndex
        ? 'no-store'
        : urlPath.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections()
      }),
  }
}

/**
 * The file a URL path names inside `root`, or null: no `..` escape (encoded or not), no NUL, no
 * symlink out of the tree, no directory listing. `/` is index.html.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const candidate = resolve(root, wanted)
  if (!isInside(root, candidate)) return null
  try {
    const real = await realpath(candidate)
    if (!isInside(root, real)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

/** The body as text, or 'too-large' as soon as it passes the limit (the rest is drained, not stored). */
function readBody(request: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolveBody, rejectBody) => {
    if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) {
      request.resume()
      resolveBody('too-large')
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= maxBodyBytes) {
        chunks.push(chunk)
        return
      }
      // Not destroyed: the 413 still has to reach the client; `connection: close` ends the upload.
      request.off('data', onData)
      request.resume()
      resolveBody('too-large')
    }
    request.on('data', onData)
    request.once('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    request.once('error', rejectBody)
  })
}

function forbidden(message?: string): Wire<never> {
  return errWire(new PlausibleError('FORBIDDEN', message ? { message } : {}).toWire())
}

function usage(message: string): Wire<never> {
  return errWire(new PlausibleError('USAGE', { message }).toWire())
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    ...securityHeaders,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...securityHeaders,
    ...headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}
