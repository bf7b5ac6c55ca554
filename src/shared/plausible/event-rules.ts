// The Events API's field rules, checked before anything is sent: the same check in the core's sender,
// the CLI (`events send`, `events import`, `--dry-run`) and the window's composer (which checks as the
// user types). It is the server's own validation (event-request.ts, the port the sandbox answers with)
// run on the body the client would send, so a refused event gets the server's map and words — plus
// three rules of ours, for what the server takes with a 202 and then loses without a word.
import { schemeOfElixirUri } from './elixir-uri'
import { buildEventRequest, goalsWithPath, revenueOf, type EventFieldErrors } from './event-request'

/** The event fields the rules look at; the core's PlausibleEvent, the contract's EventInput and a line of an import file all fit. */
export interface CheckedEvent {
  name?: unknown
  url?: unknown
  domain?: unknown
  referrer?: unknown
  props?: unknown
  revenue?: unknown
  interactive?: unknown
  hashMode?: unknown
}

/** The JSON body the client sends (long keys; hashMode as the tracker's `1`). */
export function eventWireBody(event: CheckedEvent): Record<string, unknown> {
  return {
    name: event.name,
    url: event.url,
    ...(event.domain !== undefined ? { domain: event.domain } : {}),
    ...(event.referrer !== undefined ? { referrer: event.referrer } : {}),
    ...(event.props !== undefined ? { props: event.props } : {}),
    ...(event.revenue !== undefined ? { revenue: event.revenue } : {}),
    ...(event.interactive !== undefined ? { interactive: event.interactive } : {}),
    ...(event.hashMode ? { hashMode: 1 } : {}),
  }
}

/**
 * What is wrong with the event, field by field; empty when it may be sent. The server's 400 map comes
 * first and whole (its field names: `event_name`, `url`, `domain`, `hostname`, `pathname`, `props`,
 * `hash_mode`); a field the server takes gets our rule's words when it would be lost on the way.
 */
export function checkEvent(event: CheckedEvent): EventFieldErrors {
  const built = buildEventRequest(eventWireBody(event), { acceptsRevenue: true })
  const errors: EventFieldErrors = built.ok ? {} : { ...built.errors }
  if (!errors.url && typeof event.url === 'string') {
    // Issue 12: the server takes ftp://, file:, mailto:… and then drops the event as an unknown site
    // with a 202 (or records a `(none)` host): refusing here says why. A url without a scheme passes.
    const scheme = schemeOfElixirUri(event.url)
    if (scheme !== null && scheme !== 'http' && scheme !== 'https')
      errors.url = [`must be an http:// or https:// URL (it is ${scheme}:)`]
  }
  if (!errors.props) {
    const problems = propsLost(event.props, event.name)
    if (problems.length > 0) errors.props = problems
  }
  if (event.revenue !== undefined) {
    const problems = revenueLost(event.revenue)
    if (problems.length > 0) errors.revenue = problems
  }
  return sortedByField(errors)
}

/**
 * The server keeps 30 props and drops lists, maps and blank keys or values, all with a 202. A 404 or form
 * event without a `path` prop gets one from the server, which counts towards the 30.
 */
function propsLost(props: unknown, name: unknown): string[] {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) return []
  const problems: string[] = []
  const entries = Object.entries(props as Record<string, unknown>)
  const getsPath = goalsWithPath.includes(String(name)) && !('path' in props)
  const count = entries.length + (getsPath ? 1 : 0)
  if (count > 30)
    problems.push(
      `at most 30 properties are kept (this event has ${count}${getsPath ? ' with the path the server adds' : ''})`,
    )
  for (const [key, value] of entries) {
    if (key.trimStart() === '') problems.push(`the key ${JSON.stringify(key)} is blank (it would be dropped)`)
    else if (value === null || typeof value === 'object')
      problems.push(`${JSON.stringify(key)} must be a string, number or boolean (lists and maps are dropped)`)
    else if (String(value).trimStart() === '')
      problems.push(`the value of ${JSON.stringify(key)} is empty (it would be dropped)`)
  }
  return problems
}

/** plausible.io discards a revenue it cannot read and keeps the event, with a 202. */
function revenueLost(revenue: unknown): string[] {
  if (revenueOf(revenue) !== null) return []
  const { currency, amount } =
    typeof revenue === 'object' && revenue !== null ? (revenue as Record<string, unknown>) : {}
  const problems: string[] = []
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    problems.push('currency must be a 3-letter ISO code such as USD')
  if (revenueOf({ currency: 'USD', amount }) === null) problems.push('amount must be a number')
  return problems
}

function sortedByField(errors: EventFieldErrors): EventFieldErrors {
  const fields = Object.keys(errors)
  if (fields.length < 2) return errors
  const sorted: EventFieldErrors = {}
  for (const field of fields.sort()) sorted[field] = errors[field]!
  return sorted
}
