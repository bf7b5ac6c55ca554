// One site's icon from its account's server: Plausible's favicon proxy (`/favicon/sources/<domain>`),
// which looks at the site's own page and /favicon.ico, then DuckDuckGo, and answers a placeholder drawing
// when all fail (plausible-api.md: PlausibleWeb.Favicon). Sent without the API key: the route is public
// and costs no API budget.
import type { Fetch } from '../ports'

/** The server caps what it proxies at 2 MB; an icon for a 20-pixel tile needs far less. */
export const maxIconBytes = 100 * 1024

/** The server gives its placeholder a month of browser cache; a real icon is `no-store`. */
const placeholderCacheControl = /max-age=2592000\b/

export type IconAnswer =
  | { kind: 'icon'; contentType: string; body: Buffer }
  /** The server had none (its placeholder), or answered what is not a usable image. */
  | { kind: 'none'; reason: string }

export function iconUrl(baseUrl: string, domain: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/favicon/sources/${encodeURIComponent(domain)}`
}

/** Throws on a network failure or a timeout (nothing is kept then: the next ask tries again). */
export async function requestIcon(
  fetch: Fetch,
  baseUrl: string,
  domain: string,
  timeoutMs = 5_000,
): Promise<IconAnswer> {
  const response = await fetch(iconUrl(baseUrl, domain), {
    headers: { accept: 'image/*' },
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = Buffer.from(await response.arrayBuffer())
  return judgeIcon(response.status, response.headers, body)
}

/** What an answer of the favicon route means for the window: an icon to show, or the letter tile. */
export function judgeIcon(status: number, headers: Headers, body: Buffer): IconAnswer {
  if (status !== 200) return { kind: 'none', reason: `HTTP ${status}` }
  const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!contentType.startsWith('image/'))
    return { kind: 'none', reason: `not an image (${contentType || 'no type'})` }
  if (placeholderCacheControl.test(headers.get('cache-control') ?? ''))
    return { kind: 'none', reason: 'the server has no icon for this site' }
  if (body.length === 0) return { kind: 'none', reason: 'an empty image' }
  if (body.length > maxIconBytes) return { kind: 'none', reason: `larger than ${maxIconBytes} bytes` }
  return { kind: 'icon', contentType, body }
}
