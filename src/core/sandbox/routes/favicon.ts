// GET /favicon/sources/<domain>: the server's favicon proxy (PlausibleWeb.Favicon). The real one fetches
// the site's page, its /favicon.ico, then DuckDuckGo (and knows referrers by name: Google is google.com);
// the sandbox reaches no network, so a site it hosts and a referrer its visitors come from get a drawing, and any other name the placeholder the real server answers when all fail —
// with the same headers, which are how a client tells the two apart.
import type { IncomingMessage } from 'node:http'
import { acquisitions } from '../catalog'
import type { SandboxContext } from './context'
import type { Reply } from './http'

const placeholder =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#9ca3af" stroke-width="1.5"><circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 3 2.5 15 0 18M12 3c-2.5 3-2.5 15 0 18"/></svg>'

/** The referrers the sandbox's visitors come from, by the names the Sources panel shows and by host. */
const knownSources = new Set(
  Object.values(acquisitions).flatMap((acquisition) =>
    acquisition.referrer ? [acquisition.source, acquisition.referrer] : [],
  ),
)

const palette = ['#4f46e5', '#0891b2', '#059669', '#d97706', '#dc2626', '#7c3aed']

function iconOf(domain: string): string {
  let hash = 0
  for (const char of domain) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  const colour = palette[hash % palette.length]!
  // A filled circle with a ring: not the window's own letter tile, so a test can tell a fetched icon.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="${colour}"/><circle cx="16" cy="16" r="7" fill="#fff"/></svg>`
}

export function handleFavicon(
  context: SandboxContext,
  req: IncomingMessage,
  _url: URL,
  captured: readonly string[],
): Reply {
  req.resume()
  let domain: string
  try {
    domain = decodeURIComponent(captured.join('/'))
  } catch {
    domain = ''
  }
  if (domain !== '' && (context.registry.find(domain) || knownSources.has(domain))) {
    return {
      status: 200,
      text: iconOf(domain),
      headers: {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'no-store',
        // As the real server sends an SVG it did not draw: never run as a page.
        'content-security-policy': "script-src 'none'",
        'content-disposition': 'attachment',
      },
    }
  }
  return {
    status: 200,
    text: placeholder,
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=2592000' },
  }
}
