// Keys stay off clear text: which base URLs would carry an API key readable by anyone on the network.
// One rule for the window (the add form asks for consent) and the core (which refuses without it).
// Pure: no node, no DOM beyond the URL parser every runtime has.

/** The flag, the variable and the words that give consent, named the same everywhere. */
export const insecureHttpFlag = '--allow-insecure-http'
export const insecureHttpVariable = 'PLAUSIBLE_ALLOW_INSECURE_HTTP'
export const insecureHttpConsentLabel = 'Send the key over plain http (anyone on the network can read it)'

/**
 * A host only this machine answers for: `localhost`, 127.0.0.0/8, ::1, and ::ffff:127.x.y.z (IPv4-mapped).
 * Takes a URL's `hostname`, which the URL parser has already made canonical: `127.1`, `0x7f.0.0.1` and
 * `2130706433` all arrive as `127.0.0.1`, `[0:0::1]` as `[::1]`, `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost') return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true
  if (host === '[::1]') return true
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}\]$/.exec(host)
  return mapped?.[1] !== undefined && Number.parseInt(mapped[1], 16) >> 8 === 127
}

/**
 * True when a key sent to `baseUrl` would cross a network in clear text: plain `http://` to a host that is
 * not this machine. https anywhere and http to loopback are fine; a string that is not a URL is false
 * (the base URL check refuses it with its own words).
 */
export function isPlainHttpToNetwork(baseUrl: string): boolean {
  let url: URL
  try {
    url = new URL(baseUrl.trim())
  } catch {
    return false
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
}
