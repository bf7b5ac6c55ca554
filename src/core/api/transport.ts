// One HTTP exchange with a Plausible server: URL and headers, the timeout, network failures and status
// mapping in one place, so the Stats, Sites and Events clients differ only in paths and schemas.
import type { z } from 'zod'
import { PlausibleError } from '../../shared/errors'
import { isPlainHttpToNetwork } from '../../shared/plain-http'
import type { Fetch } from '../ports'
import { errorFromResponse, retryAfterMs, type ApiSurface } from './errors'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface TransportOptions {
  baseUrl: string
  /** Absent for the Events API, which takes no key (§7). */
  apiKey?: string
  /**
   * Send the key over plain http to a host that is not this machine. Off by default: the last guard, so
   * no client built without the account's consent can put a key on the network in clear text.
   */
  allowInsecureHttp?: boolean
  fetch?: Fetch
  timeoutMs?: number
  userAgent?: string
  /** Called once per request that reached the server, with its status: the budget counts these. */
  onResponse?: (info: {
    method: string
    path: string
    status: number
    surface: ApiSurface
    retryAfterMs?: number
  }) => void
  now?: () => number
  /** The sites this key listed last time, if known: a 401 for another site names them (errors.ts). */
  knownSites?: () => readonly string[] | undefined
}

export interface RequestSpec {
  method: HttpMethod
  /** Path below the base URL, already encoded, without the query string. */
  path: string
  query?: Record<string, string | number | boolean | null | undefined>
  /** Sent as JSON. */
  body?: unknown
  surface: ApiSurface
  /** Extra headers (the Events API's User-Agent and X-Forwarded-For). */
  headers?: Record<string, string>
  /** Default true; false sends no Authorization header. */
  isAuthenticated?: boolean
  /** The site the request is about, when the path carries it; else `site_id` of the query or body. */
  site?: string
}

/** The site a request names (§2: `site_id` is the domain), for the words of a 401. */
export function siteOf(spec: RequestSpec): string | undefined {
  if (spec.site !== undefined) return spec.site
  const fromQuery = spec.query?.site_id
  if (typeof fromQuery === 'string') return fromQuery
  const fromBody = (spec.body as { site_id?: unknown } | null | undefined)?.site_id
  return typeof fromBody === 'string' ? fromBody : undefined
}

export interface RawResponse {
  status: number
  headers: Headers
  text: string
}

export interface Transport {
  readonly baseUrl: string
  readonly now: () => number
  /** Any status; throws only NETWORK. */
  send(spec: RequestSpec): Promise<RawResponse>
  /** A 2xx answer parsed through `schema`; any other status becomes the typed error for its surface. */
  json<T>(spec: RequestSpec, schema: z.ZodType<T>, what: string): Promise<T>
}

export function normalizeBaseUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new PlausibleError('USAGE', {
      message: `The base URL ${JSON.stringify(raw)} is not a URL.`,
      hint: 'Use the root of the server, e.g. https://plausible.io or https://stats.example.com.',
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PlausibleError('USAGE', {
      message: `The base URL must use http or https, not ${url.protocol}`,
      hint: 'Use the root of the server, e.g. https://plausible.io.',
    })
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

export function queryString(query: RequestSpec['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value))
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

export function createTransport(options: TransportOptions): Transport {
  const baseUrl = normalizeBaseUrl(options.baseUrl)
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const now = options.now ?? Date.now

  async function send(spec: RequestSpec): Promise<RawResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'plausible-desktop',
      ...spec.headers,
    }
    if (spec.isAuthenticated !== false) {
      if (!options.apiKey) throw new PlausibleError('AUTH_MISSING')
      if (!options.allowInsecureHttp && isPlainHttpToNetwork(baseUrl))
        throw new PlausibleError('INSECURE_HTTP', {
          message: `${baseUrl} is plain http: the key would cross the network in clear text. Nothing was sent.`,
        })
      headers.authorization = `Bearer ${options.apiKey}`
    }
    if (spec.body !== undefined) headers['content-type'] = 'application/json'
    const path = `${spec.path}${queryString(spec.query)}`
    let response: Response
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      // A typed refusal from a scheduling fetch (budget spent, account paused) is not a network fault.
      if (error instanceof PlausibleError) throw error
      // The cause may hold the URL but never the key: the key travels only in a header.
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : describeNetworkError(error)
      throw new PlausibleError('NETWORK', { message: `Could not reach ${baseUrl}: ${reason}.` })
    }
    const text = await response.text()
    const wait = retryAfterMs(response.headers.get('retry-after'), now())
    options.onResponse?.({
      method: spec.method,
      path: spec.path,
      status: response.status,
      surface: spec.surface,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    })
    return { status: response.status, headers: response.headers, text }
  }

  async function json<T>(spec: RequestSpec, schema: z.ZodType<T>, what: string): Promise<T> {
    const response = await send(spec)
    if (response.status < 200 || response.status > 299)
      throw errorFromResponse(response.status, response.text, {
        surface: spec.surface,
        isWrite: spec.method !== 'GET',
        now: now(),
        ...siteContext(spec, response.status),
      })
    return parseJson(response.text, schema, what)
  }

  /** Only a 401 reads the known sites (a cache lookup); every other status needs nothing. */
  function siteContext(spec: RequestSpec, status: number): { site?: string; knownSites?: readonly string[] } {
    const site = siteOf(spec)
    if (site === undefined) return {}
    const knownSites = status === 401 ? options.knownSites?.() : undefined
    return knownSites ? { site, knownSites } : { site }
  }

  return { baseUrl, now, send, json }
}

export function parseJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new PlausibleError('BAD_RESPONSE', { message: `The server's answer to ${what} is not JSON.` })
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : ''
    throw new PlausibleError('BAD_RESPONSE', {
      message: `The server's answer to ${what} does not have the Plausible shape${where}.`,
    })
  }
  return parsed.data
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the server running?)'
    case 'ENOTFOUND':
      return 'the host name does not resolve'
    case 'ECONNRESET':
      return 'the connection was reset'
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `its TLS certificate was not accepted (${cause.code})`
    default:
      return cause?.code ? `network error ${cause.code}` : 'network error'
  }
}
