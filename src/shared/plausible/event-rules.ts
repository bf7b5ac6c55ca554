// The Events API's field rules (plausible-api.md §7), checked before anything is sent: the same words in
// the core's sender, the CLI and the window's composer (which checks as the user types).

/** The event fields the rules look at; the core's PlausibleEvent and the contract's EventInput both fit. */
export interface CheckedEvent {
  name: string | number
  url: string
  domain?: string
  props?: Record<string, string | number | boolean>
  revenue?: { currency: string; amount: number | string }
}

/**
 * The text's UTF-8 length, counted without encoding it (an import checks a million lines): 1 to 3 bytes
 * per UTF-16 unit, 4 for a surrogate pair, 3 for a lone surrogate (TextEncoder writes U+FFFD).
 */
function utf8Bytes(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2
      i += 1
    } else bytes += 2
  }
  return bytes
}

/** The §7 rules the server would enforce (or silently apply), field by field; empty when the event is fine. */
export function checkEvent(event: CheckedEvent): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const add = (field: string, message: string): void => {
    ;(errors[field] ??= []).push(message)
  }
  const name = event.name === undefined || event.name === null ? '' : String(event.name)
  if (name.trim() === '') add('name', "can't be blank")
  // Code points, as the server counts; never more than UTF-16 units, so a short name needs no count.
  else if (name.length > 120 && [...name].length > 120)
    add('name', `must be at most 120 characters (it has ${[...name].length})`)

  const url = typeof event.url === 'string' ? event.url : ''
  let host: string | undefined
  if (url.trim() === '') add('url', 'is required')
  else {
    if (utf8Bytes(url) > 2000) add('url', `must be at most 2000 bytes (it has ${utf8Bytes(url)})`)
    if (/^\s*data:/i.test(url)) add('url', 'scheme is not allowed (data: URLs are rejected)')
    let parsed: URL | undefined
    try {
      parsed = new URL(url)
    } catch {
      parsed = undefined
    }
    host = parsed?.hostname || undefined
    // The server takes ftp://, file:, mailto:… and then drops the event as an unknown site with a 202:
    // refusing here says why instead of a bare "dropped". (A url without a scheme does not parse: the
    // server records it as-is, so it passes.)
    if (parsed && !/^https?:$/.test(parsed.protocol) && parsed.protocol !== 'data:')
      add('url', `must be an http:// or https:// URL (it is ${parsed.protocol})`)
  }
  if (event.domain !== undefined ? event.domain.trim() === '' : url.trim() !== '' && host === undefined)
    add('domain', "can't be blank (give the site's domain, or an absolute url to take it from)")

  if (event.props !== undefined) {
    const entries = Object.entries(event.props)
    // The server keeps the first 30 and drops the rest without a word; refusing here says so.
    if (entries.length > 30) add('props', `at most 30 properties are kept (this event has ${entries.length})`)
    for (const [key, value] of entries) {
      if (utf8Bytes(key) > 300) add('props', `key ${JSON.stringify(key.slice(0, 20))}… is over 300 bytes`)
      if (value === null || typeof value === 'object')
        add(
          'props',
          `${JSON.stringify(key)} must be a string, number or boolean (lists and maps are dropped)`,
        )
      else if (utf8Bytes(String(value)) > 2000)
        add('props', `the value of ${JSON.stringify(key)} is over 2000 bytes`)
      else if (String(value) === '')
        add('props', `the value of ${JSON.stringify(key)} is empty (it would be dropped)`)
    }
  }
  if (event.revenue !== undefined) {
    if (!/^[A-Z]{3}$/.test(event.revenue.currency ?? ''))
      add('revenue', 'currency must be a 3-letter ISO code such as USD')
    if (!Number.isFinite(Number(event.revenue.amount))) add('revenue', 'amount must be a number')
  }
  return errors
}
