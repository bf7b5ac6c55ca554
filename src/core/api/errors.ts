// Chooses a typed error from an HTTP status and body, keeping the server's own text (plausible-api.md §2–§7),
// and words it so the reader knows what to do next: which key page, which plan, which hour.
import { PlausibleError } from '../../shared/errors'

/** Which API answered: the same status means different things on each (e.g. 401 on a Sites API write = scope). */
export type ApiSurface = 'stats-v2' | 'stats-v1' | 'sites' | 'events'

export interface ResponseContext {
  surface?: ApiSurface
  /** A Sites API PUT/POST/DELETE: needs the `sites:provision` scope (§6). */
  isWrite?: boolean
  /** ms since epoch, for the 429 reset time. */
  now?: number
  /** The site the request named (`site_id`): a 401 may mean this key cannot see it (§2). */
  site?: string
  /** The sites this key listed last time, when known: named in the hint of a 401 for another site. */
  knownSites?: readonly string[]
  /** The answer's Retry-After (ms from `now`), when it had one. */
  retryAfterMs?: number
}

/** How many of the known sites a hint names before "…". */
const sitesNamedInHint = 5

/** The server's message from `{"error": "..."}`, `{"errors": {...}}` or plain text; at most 500 characters. */
export function serverMessageOf(body: string): string | undefined {
  const trimmed = body.trim()
  if (trimmed === '') return undefined
  try {
    const parsed: unknown = JSON.parse(trimmed)
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>
      if (typeof record.error === 'string') return record.error.slice(0, 500)
      if (typeof record.message === 'string') return record.message.slice(0, 500)
      if (record.errors && typeof record.errors === 'object')
        return JSON.stringify(record.errors).slice(0, 500)
    }
  } catch {
    // Not JSON: a proxy's HTML page or plain text; show its start.
  }
  return trimmed.replace(/\s+/g, ' ').slice(0, 200)
}

/**
 * True when a 404 is the router's "no such route" (the ErrorView fallback `{"status":404,"message":"Not Found"}`,
 * or a proxy's page) rather than an API's own `{"error": "Site could not be found"}` (§8).
 */
export function isMissingRoute(status: number, body: string): boolean {
  if (status !== 404) return false
  try {
    const parsed: unknown = JSON.parse(body)
    return !(
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as { error?: unknown }).error === 'string'
    )
  } catch {
    return true
  }
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); Plausible sends none, proxies may. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The top of the next UTC hour: the server's counter is a fixed epoch-aligned hour bucket (§3). */
export function nextUtcHourStart(now: number): number {
  return (Math.floor(now / 3_600_000) + 1) * 3_600_000
}

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16)

/** Field errors of an Events API 400 (`{"errors": {"url": ["is required"]}}`, §7), or undefined. */
export function fieldErrorsOf(body: string): Record<string, string[]> | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    const errors = (parsed as { errors?: unknown } | null)?.errors
    if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return undefined
    const fields: Record<string, string[]> = {}
    for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
      fields[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)]
    }
    return fields
  } catch {
    return undefined
  }
}

/** "url: is required; props: keys should have…" — one line, field by field. */
export function describeFieldErrors(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ')
}

export function errorFromResponse(
  status: number,
  body: string,
  context: ResponseContext = {},
): PlausibleError {
  const serverMessage = serverMessageOf(body)
  const retryAt =
    context.retryAfterMs === undefined
      ? undefined
      : new Date((context.now ?? Date.now()) + context.retryAfterMs).toISOString()
  const details = { status, ...(serverMessage ? { serverMessage } : {}) }
  const withServerText = (fallback: string): string =>
    serverMessage ? `${fallback} Server said: ${serverMessage}` : fallback
  const { surface } = context

  if (status === 401) {
    const missing = serverMessage?.startsWith('Missing API key') ?? false
    if (missing)
      return new PlausibleError('AUTH_MISSING', { details, message: withServerText('No API key was sent.') })
    // §6: a valid key without `sites:provision:*` gets the same 401 text as a bad key on a write.
    if (surface === 'sites' && context.isWrite)
      return new PlausibleError('SCOPE_REQUIRED', {
        details,
        message: withServerText(
          'The server refused this write: the API key lacks the `sites:provision` scope (a Stats API key can read sites but not change them).',
        ),
        hint: 'Use a Sites API key (Plausible: Settings → API Keys → "Sites API"; Enterprise plans on plausible.io). If reads fail too, the key itself is wrong.',
      })
    if (context.site !== undefined)
      return unknownSiteOrBadKey(context.site, context.knownSites, details, withServerText)
    return new PlausibleError('AUTH_INVALID', {
      details,
      message: withServerText(
        surface === 'sites' ? 'The API key was refused.' : 'The API key or site ID was refused.',
      ),
    })
  }
  if (status === 402) {
    const { message, hint } = planMessage(serverMessage ?? '', surface)
    return new PlausibleError('PLAN_REQUIRED', { details, message: withServerText(message), hint })
  }
  if (status === 404) {
    if (isMissingRoute(status, body))
      return new PlausibleError('NOT_SUPPORTED', {
        details,
        message: missingRouteMessage(surface),
        hint: missingRouteHint(surface),
      })
    return new PlausibleError('NOT_FOUND', {
      details,
      message: withServerText('The server has no such resource.'),
    })
  }
  if (status === 429 && surface === 'events') {
    // The Events API is not limited by the key's hourly budget (§3): a proxy or the server is throttling,
    // and waits as long as its Retry-After says (or a backoff) rather than until the next hour.
    return new PlausibleError('RATE_LIMITED', {
      details: { ...details, ...(retryAt ? { retryAt } : {}) },
      message: withServerText(
        `The server asked to slow down (HTTP 429)${retryAt ? ` until ${retryAt.slice(11, 19)} UTC` : ''}.`,
      ),
      hint: 'Queued events wait and are sent again by themselves; `plausible queue inspect` shows when.',
    })
  }
  if (status === 429) {
    const resetsAtMs = nextUtcHourStart(context.now ?? Date.now())
    const resetsAt = new Date(resetsAtMs).toISOString()
    return new PlausibleError('RATE_LIMITED', {
      details: { ...details, resetsAt },
      message: withServerText(
        `The server refused the request: this key used up its hourly API budget until ${hhmm(resetsAtMs)} UTC.`,
      ),
      hint: `Wait until ${hhmm(resetsAtMs)} UTC (${resetsAt}), the top of the next hour, when the server's counter resets.`,
    })
  }
  if (status >= 500)
    return new PlausibleError('SERVER_ERROR', {
      details: { ...details, ...(retryAt ? { retryAt } : {}) },
      message: `The Plausible server failed with HTTP ${status}.`,
    })
  if (status === 400 || status === 422) {
    const fieldErrors = surface === 'events' ? fieldErrorsOf(body) : undefined
    if (fieldErrors)
      return new PlausibleError('EVENT_INVALID', {
        details: { ...details, fieldErrors },
        message: `The Events API rejected the event: ${describeFieldErrors(fieldErrors)}.`,
      })
    return new PlausibleError('QUERY_INVALID', {
      details,
      message: serverMessage ?? 'The server rejected the request as invalid.',
      ...(surface === 'sites'
        ? { hint: 'Fix the parameter the message names; `plausible sites --help` shows each one.' }
        : {}),
    })
  }
  if (status === 403)
    return new PlausibleError('FORBIDDEN', {
      details,
      message: withServerText('The server does not let this key do that.'),
      hint: 'Ask an owner or admin of the team for the role this needs.',
    })
  return new PlausibleError('BAD_RESPONSE', {
    details,
    message: `The server answered HTTP ${status}, which the Plausible API does not use here.`,
  })
}

/**
 * §2: Plausible answers a site this key cannot see (unknown, someone else's, a typo) with the same 401 as
 * a bad key, so the message says both, and the hint says how to tell them apart — with the sites this key
 * listed last time when they are known.
 */
function unknownSiteOrBadKey(
  site: string,
  knownSites: readonly string[] | undefined,
  details: { status: number; serverMessage?: string },
  withServerText: (text: string) => string,
): PlausibleError {
  const message = withServerText(
    `The server refused the request for ${site}: either the API key is refused, or this key cannot see ` +
      `site ${site} (Plausible answers both with 401).`,
  )
  const listed = knownSites?.length
    ? knownSites.includes(site)
      ? ` This key listed ${site} before, so the key itself is the likelier cause.`
      : ` This key can see: ${knownSites.slice(0, sitesNamedInHint).join(', ')}${knownSites.length > sitesNamedInHint ? ', …' : ''}.`
    : ''
  return new PlausibleError('AUTH_INVALID', {
    details,
    message,
    hint:
      `Run \`plausible sites list\` to see the sites this key can see: if it lists sites, check the spelling of ${site}; if it fails too, the key is refused (compare it with Settings → API Keys in Plausible).` +
      listed,
  })
}

/** What a 402 means, from its text (§2, §5, §6): the plan feature that is missing and who can fix it. */
function planMessage(text: string, surface: ApiSurface | undefined): { message: string; hint: string } {
  if (text.includes('locked'))
    return {
      message: 'This site is locked: its owner has no active subscription.',
      hint: "The site's owner must renew the subscription (Plausible: Settings → Subscription); until then the site is locked.",
    }
  if (text.includes('Shared Links'))
    return {
      message: "This site's plan does not include shared links.",
      hint: 'Shared links need a Business plan (or higher) on plausible.io; upgrade in Settings → Subscription.',
    }
  if (/limit of \d+ sites/.test(text))
    return {
      message: 'This account has reached the number of sites its plan allows.',
      hint: 'Remove a site you no longer need, or upgrade the plan in Settings → Subscription.',
    }
  if (text.includes('custom properties'))
    return {
      message: "This site's plan does not include custom properties.",
      hint: 'Custom properties need a Business plan (or higher) on plausible.io.',
    }
  if (surface === 'sites' || text.includes('Sites API'))
    return {
      message: "This key's plan does not include the Sites API.",
      hint: 'The Sites API needs an Enterprise plan on plausible.io (self-hosted CE has no Sites API at all).',
    }
  return {
    message: "This key's plan does not include the Stats API.",
    hint: 'The Stats API needs a Business plan (or higher) on plausible.io: upgrade in Settings → Subscription, or use the key of an account on such a plan.',
  }
}

function missingRouteMessage(surface: ApiSurface | undefined): string {
  switch (surface) {
    case 'sites':
      return 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1).'
    case 'stats-v2':
      return 'This server has no Stats API v2 (POST /api/v2/query answered 404): it is older than Plausible v2.1, or the base URL is not the root of a Plausible server.'
    case 'stats-v1':
      return 'This server has no Stats API v1 route for this request.'
    case 'events':
      return 'This server has no Events API at /api/event: the base URL may not be a Plausible server.'
    default:
      return 'The server has no such API route.'
  }
}

function missingRouteHint(surface: ApiSurface | undefined): string {
  switch (surface) {
    case 'sites':
      return 'Manage sites, goals and guests in the dashboard, or use plausible.io / an Enterprise server for the Sites API.'
    case 'stats-v2':
      return 'Check the base URL (e.g. https://plausible.io); an older server is asked through Stats API v1 where the question allows.'
    default:
      return 'Check the base URL: it should be the root of a Plausible server (for example https://plausible.io).'
  }
}
