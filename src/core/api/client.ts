// The HTTP client for one Plausible server and key: each method is one request, with typed errors.
// It does not schedule or count; the budget decides whether a request may be sent at all.
import { z } from 'zod'
import { PlausibleError } from '../../shared/errors'
import { V2Response, type V2Query } from '../../shared/plausible/query'
import type { Fetch } from '../ports'
import { errorFromResponse, retryAfterMs } from './errors'

export interface PlausibleClientOptions {
  baseUrl: string
  apiKey: string
  fetch?: Fetch
  timeoutMs?: number
  userAgent?: string
  /** Called once per request that reached the server, with its status: the budget counts these. */
  onResponse?: (info: { method: string; path: string; status: number; retryAfterMs?: number }) => void
  now?: () => number
}

const SitesPage = z.object({
  sites: z.array(z.object({ domain: z.string(), timezone: z.string() }).loose()),
  meta: z.object({ after: z.string().nullable().optional() }).loose().optional(),
})

export interface PlausibleClient {
  readonly baseUrl: string
  /** POST /api/v2/query (§4). */
  query(query: V2Query): Promise<V2Response>
  /** GET /api/v1/stats/realtime/visitors (§5): unique visitors in the last 5 minutes. */
  realtimeVisitors(siteId: string): Promise<number>
  /** GET /api/v1/sites, every page (§6). */
  listSites(): Promise<Array<{ domain: string; timezone: string }>>
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

export function createPlausibleClient(options: PlausibleClientOptions): PlausibleClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl)
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const now = options.now ?? Date.now

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.apiKey}`,
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'plausible-desktop',
    }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
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
      method,
      path,
      status: response.status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    })
    if (!response.ok) throw errorFromResponse(response.status, text)
    return text
  }

  function parseJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new PlausibleError('BAD_RESPONSE', { message: `The server's answer to ${what} is not JSON.` })
    }
    const parsed = schema.safeParse(value)
    if (!parsed.success)
      throw new PlausibleError('BAD_RESPONSE', {
        message: `The server's answer to ${what} does not have the Plausible shape.`,
      })
    return parsed.data
  }

  return {
    baseUrl,
    async query(query) {
      return parseJson(await request('POST', '/api/v2/query', query), V2Response, 'the stats query')
    },
    async realtimeVisitors(siteId) {
      const text = await request(
        'GET',
        `/api/v1/stats/realtime/visitors?site_id=${encodeURIComponent(siteId)}`,
      )
      return parseJson(text, z.number().int().nonnegative(), 'the realtime request')
    },
    async listSites() {
      const sites: Array<{ domain: string; timezone: string }> = []
      let after: string | null | undefined = null
      // Cursor paging (§6): keep the limit constant while walking; a page cap guards against a looping server.
      for (let page = 0; page < 1000; page++) {
        const query: string = `?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`
        const result: z.infer<typeof SitesPage> = parseJson(
          await request('GET', `/api/v1/sites${query}`),
          SitesPage,
          'the sites list',
        )
        sites.push(...result.sites.map(({ domain, timezone }) => ({ domain, timezone })))
        after = result.meta?.after
        if (!after) break
      }
      return sites
    },
  }
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
