// The Events API's validation, ported from the server (`Plausible.Ingestion.Request.build/2` in
// lib/plausible/ingestion/request.ex, plausible/analytics @69e5af5): what POST /api/event refuses with
// 400 `{"errors": {field: [message]}}`, in the server's words, and what it makes of an event it takes.
// One implementation for both faces: the sandbox answers with it, and the client and the CLI check an
// event with it before it is sent (event-rules.ts). Field names are the server's (`event_name`, not
// `name`); a JSON object's keys come out sorted, as Jason writes a small Elixir map.
import { decodeElixirUri, parseElixirUri, type ElixirUri } from './elixir-uri'

export type EventFieldErrors = Record<string, string[]>

/** What the server keeps of a valid request: one event per domain, before the per-site drops. */
export interface EventRequest {
  name: string
  /** The url as sent; `uri` is its parse. */
  url: string
  uri: ElixirUri
  /** The url's host without `www.`, or `(none)`. */
  hostname: string
  /** Decoded, trailing whitespace trimmed; `#fragment` added with hashMode 1. */
  pathname: string
  /** `domain` split on commas, each trimmed and without `www.` (empty entries kept: they are dropped). */
  domains: string[]
  /** At most 2000 characters; null when absent or not a string. */
  referrer: string | null
  /** Scalars as strings; lists, maps and blank keys or values left out; at most 30. */
  props: Record<string, string>
  /** Cloud only, and only when valid; null otherwise (the server discards it without a word). */
  revenue: { currency: string; amount: string } | null
  interactive: boolean
  /** An `engagement` event's `sd` (0–100) and `e` (ms), each where valid; absent on other events. */
  engagement?: { scrollDepth: number | null; engagementTime: number | null }
}

export type EventRequestResult = { ok: true; request: EventRequest } | { ok: false; errors: EventFieldErrors }

export interface EventRequestOptions {
  /** Revenue is an EE feature (`on_ee`): CE never reads the field. */
  acceptsRevenue: boolean
}

/** Plug reads at most this much of a text/plain body (`read_body_limit`); more is "Unable to parse". */
export const maxEventBodyBytes = 1_000_000
const maxUrlBytes = 2000
const maxReferrerLength = 2000
const maxNameLength = 120
const maxProps = 30
const maxPropKeyBytes = 300
const maxPropValueBytes = 2000
/** `Plausible.Goals.SystemGoals.goals_with_path/0`: their events get a `path` prop from the pathname. */
export const goalsWithPath: readonly string[] = ['404', 'WP Form Completions', 'Form: Submission']
/** request.ex `@too_large_engagement_time`: 30 days in ms; an old tracker sent huge values. */
const tooLargeEngagementTime = 30 * 24 * 3_600_000

const unparsable: EventFieldErrors = { request: ['Unable to parse request body as json'] }

/**
 * The body as the server reads it (`parse_body/1` behind Plug.Parsers): a JSON object. A body Plug did
 * not read (text/plain, what the tracker sends) must decode to an object; an application/json body that
 * decodes to anything else is wrapped as `{"_json": value}` by Plug.Parsers, so it fails on its fields.
 */
export function readEventBody(
  body: string | null,
  contentType = 'text/plain',
): { ok: true; params: Record<string, unknown> } | { ok: false; errors: EventFieldErrors } {
  if (body === null) return { ok: false, errors: unparsable }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return { ok: false, errors: unparsable }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return { ok: true, params: value as Record<string, unknown> }
  if (isJsonContentType(contentType)) return { ok: true, params: { _json: value } }
  return { ok: false, errors: unparsable }
}

function isJsonContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || /^application\/[^/]*\+json$/.test(type)
}

/** `Request.build/2` on a decoded body: the field errors, or the request. */
export function buildEventRequest(
  params: Record<string, unknown>,
  options: EventRequestOptions,
): EventRequestResult {
  const errors: EventFieldErrors = {}
  const add = (field: string, message: string): void => {
    errors[field] ??= [message]
  }

  // put_uri: a string of at most 2000 bytes whose scheme is not data:.
  const rawUrl = either(params, 'u', 'url')
  let uri: ElixirUri | null = null
  if (rawUrl === undefined || rawUrl === null) add('url', 'is required')
  else if (typeof rawUrl !== 'string' || utf8Bytes(rawUrl) > maxUrlBytes) add('url', 'must be a valid url')
  else {
    const parsed = parseElixirUri(rawUrl)
    if (parsed.scheme === 'data') add('url', 'scheme is not allowed')
    else uri = parsed
  }

  // put_hostname
  const hostname = uri?.host ? sanitizeHostname(uri.host) : '(none)'

  // put_request_params: event_name cast by Plausible.Ecto.EventName, hash_mode as an integer.
  const rawName = either(params, 'n', 'name')
  let name: string | null = null
  if (typeof rawName === 'string') name = isBlank(rawName) ? null : rawName
  else if (typeof rawName === 'number' && Number.isInteger(rawName)) name = String(rawName)
  else if (rawName !== undefined && rawName !== null) add('event_name', 'is invalid')
  const hashMode = castInteger(either(params, 'h', 'hashMode'))
  if (hashMode === 'invalid') add('hash_mode', 'is invalid')

  // put_referrer: a string, cut to 2000 characters; anything else is ignored.
  const rawReferrer = either(params, 'r', 'referrer')
  const referrer = typeof rawReferrer === 'string' ? sliceGraphemes(rawReferrer, maxReferrerLength) : null

  // put_pathname
  let pathname = '/'
  if (uri) {
    pathname = decodeElixirUri(uri.path ?? '/').trimEnd()
    if (hashMode === 1 && uri.fragment !== null) pathname += `#${decodeElixirUri(uri.fragment)}`
  }

  // put_props (and validate_props on the 30 kept)
  const props = propsOf(params, name, pathname)
  if (props.isTooLong) add('props', 'keys should have at most 300 bytes and values 2000 bytes')

  // put_engagement_fields: an engagement needs a scroll depth or an engagement time.
  if (name === 'engagement' && scrollDepthOf(params.sd) === null && engagementTimeOf(params.e) === null)
    add(
      'event_name',
      "engagement event requires a valid integer value for at least one of 'sd' or 'e' fields",
    )

  // put_revenue_source (EE), put_interactive
  const revenue = options.acceptsRevenue ? revenueOf(either(params, 'revenue', '$')) : null
  const interactive = either(params, 'i', 'interactive')

  // map_domains: a string is trimmed and split; no string (or none at all) takes the url's host.
  const rawDomain = either(params, 'd', 'domain')
  let domains: string[] = []
  if (typeof rawDomain === 'string') {
    if (rawDomain.trim() === '') add('domain', "can't be blank")
    else domains = rawDomain.split(',').map(sanitizeHostname)
  } else if (uri?.host !== null && uri?.host !== undefined) domains = [sanitizeHostname(uri.host)]
  else add('domain', "can't be blank")

  // validate_required([:event_name, :hostname, :pathname]) — a field that already has an error keeps it.
  if (name === null) add('event_name', "can't be blank")
  if (isBlank(hostname)) add('hostname', "can't be blank")
  if (isBlank(pathname)) add('pathname', "can't be blank")
  // validate_length(:event_name, max: 120), in graphemes (never more than UTF-16 units).
  if (name !== null && name.length > maxNameLength && graphemeCount(name) > maxNameLength)
    add('event_name', `should be at most ${maxNameLength} character(s)`)

  if (Object.keys(errors).length > 0) return { ok: false, errors: sortedByField(errors) }
  return {
    ok: true,
    request: {
      name: name!,
      url: rawUrl as string,
      uri: uri!,
      hostname,
      pathname,
      domains,
      referrer,
      props: props.kept,
      revenue,
      interactive: typeof interactive === 'boolean' ? interactive : true,
      ...(name === 'engagement'
        ? {
            engagement: { scrollDepth: scrollDepthOf(params.sd), engagementTime: engagementTimeOf(params.e) },
          }
        : {}),
    },
  }
}

/**
 * Elixir's `body["n"] || body["name"]`: the short key's value unless it is nil or false, else the long
 * key's — so `{"i": false}` alone is nil (`false || nil`), and only `interactive` can say false.
 */
function either(params: Record<string, unknown>, first: string, second: string): unknown {
  const value = params[first]
  return value === undefined || value === null || value === false ? params[second] : value
}

/** Ecto's emptiness for a cast string and `validate_required`'s blank: only whitespace (trim_leading). */
function isBlank(text: string): boolean {
  return text.trimStart() === ''
}

/** Ecto's `:integer` cast: an integer or a string that is exactly one; blank is nil; else invalid. */
function castInteger(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') return Number.isInteger(value) ? value : 'invalid'
  if (typeof value === 'string') {
    if (isBlank(value)) return null
    return /^[+-]?\d+$/.test(value) ? Number(value) : 'invalid'
  }
  return 'invalid'
}

/** `sanitize_hostname/1`: trimmed, one leading `www.` removed. */
function sanitizeHostname(host: string): string {
  const trimmed = host.trim()
  return trimmed.startsWith('www.') ? trimmed.slice(4) : trimmed
}

interface PropsOutcome {
  kept: Record<string, string>
  /** A kept key over 300 bytes or value over 2000: the request's props error. */
  isTooLong: boolean
}

/**
 * `put_props/2`: `m`, `meta`, `p` or `props`, an object or a JSON string of one (anything else is no
 * props); a pair whose key or value is a list or a map, or is blank, is left out; scalars become strings.
 * The server walks the map in key order and prepends each pair, so the 30 it keeps are the 30 largest
 * keys (a decoded object of more than 32 keys is a hash map in Elixir, walked in hash order, which this
 * port does not imitate); 404 and form goals get `path` first, from the pathname, when they lack one.
 */
function propsOf(params: Record<string, unknown>, name: string | null, pathname: string): PropsOutcome {
  // `m || meta || p || props`
  const meta = either(params, 'm', 'meta')
  const raw = decodeOrFallback(
    meta === undefined || meta === null || meta === false ? either(params, 'p', 'props') : meta,
  )
  const pairs: Array<[string, string]> = []
  for (const key in raw) {
    const value = raw[key]
    if (typeof value === 'object' && value !== null) continue
    const text = value === null || value === undefined ? '' : String(value)
    if (isBlank(key) || isBlank(text)) continue
    pairs.push([key, text])
  }
  if (pairs.length > 1) pairs.sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
  if (name !== null && goalsWithPath.includes(name) && !pairs.some(([key]) => key === 'path'))
    pairs.unshift(['path', pathname])
  if (pairs.length > maxProps) pairs.length = maxProps
  const kept: Record<string, string> = {}
  let isTooLong = false
  for (const [key, value] of pairs) {
    kept[key] = value
    if (utf8Bytes(key) > maxPropKeyBytes || utf8Bytes(value) > maxPropValueBytes) isTooLong = true
  }
  return { kept, isTooLong }
}

/** `Plausible.Helpers.JSON.decode_or_fallback/1`: a map, a JSON string of a map, else an empty map. */
function decodeOrFallback(value: unknown): Record<string, unknown> {
  let decoded = value
  if (typeof value === 'string') {
    try {
      decoded = JSON.parse(value)
    } catch {
      return {}
    }
  }
  return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
    ? (decoded as Record<string, unknown>)
    : {}
}

/** request.ex `parse_scroll_depth/1`: 0–100 (more is 100) as an integer or its exact string; else none. */
function scrollDepthOf(value: unknown): number | null {
  const depth = integerOf(value)
  return depth === null || depth < 0 ? null : Math.min(depth, 100)
}

/** `parse_engagement_time/1`: a positive integer below 30 days; 0 and anything else count as none. */
function engagementTimeOf(value: unknown): number | null {
  const time = integerOf(value)
  return time === null || time <= 0 || time >= tooLargeEngagementTime ? null : time
}

function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return Number(value)
  return null
}

/**
 * `Plausible.Ingestion.Request.Revenue`: an object (or its JSON) with `amount` and `currency`, the
 * currency an ISO code (the server's list is ex_money's current currencies; three capitals here), the
 * amount a number or a string that starts with a decimal (`Decimal.parse/1` ignores what follows).
 */
export function revenueOf(value: unknown): { currency: string; amount: string } | null {
  const revenue = decodeOrFallback(value)
  if (!('amount' in revenue) || !('currency' in revenue)) return null
  const { currency, amount } = revenue
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null
  if (typeof amount === 'number') return { currency, amount: String(amount) }
  const decimal =
    typeof amount === 'string' ? /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(amount) : null
  return decimal ? { currency, amount: String(Number(decimal[0])) } : null
}

/**
 * The text's UTF-8 length, counted without encoding it (an import checks a million lines): 1 to 3 bytes
 * per UTF-16 unit, 4 for a surrogate pair, 3 for a lone surrogate (TextEncoder writes U+FFFD).
 */
export function utf8Bytes(text: string): number {
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

let graphemes: Intl.Segmenter | undefined
const segmenter = (): Intl.Segmenter => (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }))

/** `String.length/1`: extended grapheme clusters. */
export function graphemeCount(text: string): number {
  let count = 0
  for (const _ of segmenter().segment(text)) count += 1
  return count
}

/** `String.slice(text, 0..limit - 1)`: the first `limit` graphemes (a text that short in UTF-16 is whole). */
function sliceGraphemes(text: string, limit: number): string {
  if (text.length <= limit) return text
  let count = 0
  for (const { index } of segmenter().segment(text)) {
    if (count === limit) return text.slice(0, index)
    count += 1
  }
  return text
}

/** Jason writes a small map's keys in sorted order. */
function sortedByField(errors: EventFieldErrors): EventFieldErrors {
  const fields = Object.keys(errors)
  if (fields.length < 2) return errors
  const sorted: EventFieldErrors = {}
  for (const field of fields.sort()) sorted[field] = errors[field]!
  return sorted
}
