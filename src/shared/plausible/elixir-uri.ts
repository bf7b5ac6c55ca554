// Elixir's `URI.parse/1` and `URI.decode/1`, which the Events API runs on every event's url (request.ex).
// The WHATWG URL parser that JavaScript has answers differently where it matters to the server's rules:
// it lower-cases and punycodes hosts, refuses what Elixir takes (`about:config`, `/pricing`, `a b`) and
// reads a leading space as nothing. Elixir's parser is the RFC 3986 appendix B regex, lenient by design.

export interface ElixirUri {
  /** Lower-cased, as Elixir does; null without one (`/pricing`, ` data:x` with its leading space). */
  scheme: string | null
  /** As written, not lower-cased; `''` for `scheme:///path`, null without an authority. */
  host: string | null
  /** null when empty. */
  path: string | null
  /** After `?` (possibly empty); null without a `?`. */
  query: string | null
  /** After `#` (possibly empty); null without a `#`. */
  fragment: string | null
}

// RFC 3986 appendix B, as lib/elixir/lib/uri.ex writes it (with the `i` flag).
const uriPattern = /^(([a-z][a-z0-9+\-.]*):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/i
const schemePattern = /^([a-z][a-z0-9+\-.]*):/i
// uri.ex `split_authority`: userinfo up to the last `@`, then a bracketed IPv6 host or anything up to `:`.
const authorityPattern = /^(?:(.*)@)?(\[[a-zA-Z0-9:.]*\]|[^:]*)/

export function parseElixirUri(text: string): ElixirUri {
  const parts = uriPattern.exec(text)!
  const scheme = parts[2] ? parts[2].toLowerCase() : null
  const withSlashes = parts[3] ?? ''
  let host: string | null = null
  if (withSlashes === '//') host = ''
  else if (withSlashes !== '') host = hostOf(withSlashes.slice(2))
  return {
    scheme,
    host,
    path: parts[5] ? parts[5] : null,
    query: parts[6] === undefined ? null : (parts[7] ?? ''),
    fragment: parts[8] === undefined ? null : (parts[9] ?? ''),
  }
}

/** The host of an authority; most are a plain host, which needs no regex (an import parses a million). */
function hostOf(authority: string): string | null {
  if (!/[@:[\]]/.test(authority)) return authority === '' ? null : authority
  const rawHost = authorityPattern.exec(authority)![2] ?? ''
  return rawHost === '' ? null : rawHost.replace(/^\[+/, '').replace(/\]+$/, '')
}

/** The scheme alone, lower-cased, as `parseElixirUri` reads it: null without one. */
export function schemeOfElixirUri(text: string): string | null {
  const match = schemePattern.exec(text)
  return match ? match[1]!.toLowerCase() : null
}

/**
 * `URI.decode/1`: every `%XX` decoded. Where the bytes are not UTF-8 or an escape is malformed (`%zz`)
 * the text is kept as written: Elixir keeps invalid UTF-8 as bytes a JavaScript string cannot hold, and
 * raises on a malformed escape (a 500 from the server), which the sandbox does not imitate.
 */
export function decodeElixirUri(text: string): string {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
