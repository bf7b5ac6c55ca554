// The Events API behind POST /api/event (§7): validation with the server's field errors, drops, fan-out to
// several domains, and sessions built from what arrives, so ingested events feed the sandbox's own stats.
import { buildEventRequest, readEventBody } from '../../shared/plausible/event-request'
import { dayMs } from './calendar'
import type { SandboxEvent, SandboxSession, VisitTraits } from './dataset'
import type { PageEngagement } from './engagement'
import type { SiteRecord } from './registry'
import { isBot, readDevice } from './user-agent'

export interface EventRequest {
  /** Raw body text; null when it was larger than the server reads. */
  body: string | null
  userAgent: string
  /** The client IP after the header precedence of §7. */
  ip: string
  /** text/plain (what the tracker sends) unless given: an application/json body may be any JSON. */
  contentType?: string
}

export interface AcceptedEvent {
  /** The site's domain at the time the event arrived. */
  domain: string
  name: string
  url: string
  hostname: string
  pathname: string
  referrer: string
  props: Record<string, string>
  /** Cloud only (§7); null when absent, invalid or on CE. */
  revenue: { currency: string; amount: string } | null
  interactive: boolean
  /** ms since epoch, whole seconds. */
  ts: number
  visitorId: number
  userAgent: string
  ip: string
}

export interface EventCounts {
  /** POST /api/event requests, valid or not. */
  received: number
  /** Events stored (after fan-out to several domains). */
  accepted: number
  /** Events silently dropped; each request's share is its `x-plausible-dropped` header. */
  dropped: number
  /** Requests answered 400 with field errors. */
  rejected: number
}

export type IngestResult =
  | { status: 400; errors: Record<string, string[]> }
  | { status: 202; dropped: number; accepted: AcceptedEvent[] }

export interface IngestOptions {
  findSite(domain: string): SiteRecord | undefined
  /** Revenue is an EE feature: CE drops it silently (§7). */
  acceptsRevenue: boolean
  clock: () => number
}

export interface EventStore {
  counts(): EventCounts
  /** Accepted events, in arrival order (copies). */
  accepted(): AcceptedEvent[]
  ingest(request: EventRequest, options: IngestOptions): IngestResult
  /** Ingested sessions of a site that may have events in [fromMs, toMs]. */
  sessionsBetween(siteId: number, fromMs: number, toMs: number): SandboxSession[]
}

/** A visit ends after 30 minutes without events, as Plausible's session cache. */
const sessionTimeoutMs = 30 * 60_000
const spamReferrers: readonly string[] = ['semalt.com', 'buttons-for-website.com', 'darodar.com']
const engagementEvents: readonly string[] = ['pageleave', 'engagement']

interface Parsed {
  name: string
  url: string
  hostname: string
  pathname: string
  search: URLSearchParams
  domains: string[]
  referrer: string
  props: Record<string, string>
  revenue: { currency: string; amount: string } | null
  interactive: boolean
  engagement?: { scrollDepth: number | null; engagementTime: number | null }
}

const noSearch = new URLSearchParams()

/**
 * Reads and validates the body with the server's own rules (shared/plausible/event-request.ts, the port
 * the client checks with too): its field errors, or the event as the sandbox stores it.
 */
export function parseEventBody(
  body: string | null,
  acceptsRevenue: boolean,
  contentType?: string,
): { ok: true; value: Parsed } | { ok: false; errors: Record<string, string[]> } {
  const read = readEventBody(body, contentType)
  if (!read.ok) return read
  const built = buildEventRequest(read.params, { acceptsRevenue })
  if (!built.ok) return built
  const { request } = built
  return {
    ok: true,
    value: {
      name: request.name,
      url: request.url,
      hostname: request.hostname,
      pathname: request.pathname,
      search: request.uri.query ? new URLSearchParams(request.uri.query) : noSearch,
      domains: request.domains,
      referrer: request.referrer ?? '',
      props: request.props,
      revenue: request.revenue,
      interactive: request.interactive,
      ...(request.engagement ? { engagement: request.engagement } : {}),
    },
  }
}

const searchEngines: Record<string, string> = {
  'google.com': 'Google',
  'bing.com': 'Bing',
  'duckduckgo.com': 'DuckDuckGo',
  'search.yahoo.com': 'Yahoo!',
  'ecosia.org': 'Ecosia',
}
const socialSites: Record<string, string> = {
  't.co': 'Twitter',
  'twitter.com': 'Twitter',
  'x.com': 'Twitter',
  'news.ycombinator.com': 'Hacker News',
  'reddit.com': 'Reddit',
  'facebook.com': 'Facebook',
  'linkedin.com': 'LinkedIn',
}
const referralSites: Record<string, string> = { 'github.com': 'GitHub' }

/** Source, channel and cleaned referrer of a visit, from its referrer and UTM / `ref` / `source` parameters. */
export function acquisitionOf(
  referrer: string,
  search: URLSearchParams,
  hostname: string,
): Pick<
  VisitTraits,
  'source' | 'channel' | 'referrer' | 'utmSource' | 'utmMedium' | 'utmCampaign' | 'utmContent' | 'utmTerm'
> {
  let referrerHost = ''
  let cleanedReferrer = ''
  try {
    const url = new URL(referrer)
    referrerHost = url.hostname
    cleanedReferrer = `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`
  } catch {
    // Not a URL: no referrer.
  }
  const bareHost = referrerHost.replace(/^www\./, '')
  // A visitor moving between pages of the same site has no external referrer.
  if (bareHost === hostname) {
    referrerHost = ''
    cleanedReferrer = ''
  }
  const utmSource = search.get('utm_source') ?? ''
  const utmMedium = search.get('utm_medium') ?? ''
  const tagged = utmSource || search.get('ref') || search.get('source') || ''
  const engine = Object.entries(searchEngines).find(
    ([host]) => bareHost === host || bareHost.endsWith(`.${host}`),
  )
  const social = socialSites[bareHost]
  const known = engine?.[1] ?? social ?? referralSites[bareHost]
  const source = tagged || known || (referrerHost ? bareHost : 'Direct / None')
  const channel =
    utmMedium.toLowerCase() === 'email'
      ? 'Email'
      : engine
        ? 'Organic Search'
        : social
          ? 'Organic Social'
          : referrerHost || tagged
            ? 'Referral'
            : 'Direct'
  return {
    source,
    channel,
    referrer: cleanedReferrer,
    utmSource,
    utmMedium,
    utmCampaign: search.get('utm_campaign') ?? '',
    utmContent: search.get('utm_content') ?? '',
    utmTerm: search.get('utm_term') ?? '',
  }
}

interface LiveSession extends SandboxSession {
  events: SandboxEvent[]
  engagements: PageEngagement[]
}

export function createEventStore(): EventStore {
  const counts: EventCounts = { received: 0, accepted: 0, dropped: 0, rejected: 0 }
  const accepted: AcceptedEvent[] = []
  const sessionsBySite = new Map<number, LiveSession[]>()
  const latestByVisitor = new Map<string, LiveSession>()
  const visitorIds = new Map<string, number>()

  /**
   * Plausible hashes a daily salt with domain, IP and User-Agent: the same browser is a new visitor
   * tomorrow. The sandbox keys its ids by those four themselves — the same visitors, no hash per event.
   */
  const visitorIdOf = (site: SiteRecord, ip: string, userAgent: string, ts: number): number => {
    const key = `${Math.floor(ts / dayMs)}\u0000${site.id}\u0000${ip}\u0000${userAgent}`
    let id = visitorIds.get(key)
    if (id === undefined) {
      // Above every seeded id (those stay below 2^30).
      id = 1_500_000_000 + visitorIds.size
      visitorIds.set(key, id)
    }
    return id
  }

  return {
    counts: () => ({ ...counts }),
    accepted: () => accepted.map((event) => ({ ...event, props: { ...event.props } })),
    ingest(request, options) {
      counts.received++
      const parsed = parseEventBody(request.body, options.acceptsRevenue, request.contentType)
      if (!parsed.ok) {
        counts.rejected++
        return { status: 400, errors: parsed.errors }
      }
      const event = parsed.value
      const ts = Math.floor(options.clock() / 1000) * 1000
      let dropped = 0
      const stored: AcceptedEvent[] = []
      for (const domain of event.domains) {
        const site = options.findSite(domain)
        const referrerHost = /^[a-z]+:\/\/(?:www\.)?([^/:?#]+)/i.exec(event.referrer)?.[1] ?? ''
        const isDropped =
          !site ||
          site.plan.locked ||
          isBot(request.userAgent) ||
          request.userAgent.includes('Plausible Verification Agent') ||
          spamReferrers.includes(referrerHost)
        if (!site || isDropped) {
          dropped++
          continue
        }
        const visitorId = visitorIdOf(site, request.ip, request.userAgent, ts)
        const sessionKey = `${site.id}:${visitorId}`
        const latest = latestByVisitor.get(sessionKey)
        const lastEvent = latest?.events[latest.events.length - 1]
        const isOngoing =
          latest !== undefined && lastEvent !== undefined && ts - lastEvent.ts < sessionTimeoutMs
        const isEngagement = engagementEvents.includes(event.name)
        // An engagement event without a visit to belong to is dropped (§7 "pageleave without session").
        if (isEngagement && !isOngoing) {
          dropped++
          continue
        }
        const sandboxEvent: SandboxEvent = {
          ts,
          name: event.name,
          pathname: event.pathname,
          ...(Object.keys(event.props).length > 0 ? { props: event.props } : {}),
          ...(event.interactive ? {} : { interactive: false }),
        }
        if (isEngagement && event.engagement) {
          // About the visit's last view of that page (the tracker sends it as the page is left).
          const viewed = latest!.events.findLast(
            (e) => e.name === 'pageview' && e.pathname === event.pathname,
          )
          latest!.engagements.push({
            ts,
            event: viewed ?? { ...sandboxEvent, name: 'pageview' },
            engagedSeconds: Math.round((event.engagement.engagementTime ?? 0) / 1000),
            scrollDepth: event.engagement.scrollDepth,
          })
        }
        if (!isEngagement) {
          if (isOngoing) latest.events.push(sandboxEvent)
          else {
            const session: LiveSession = {
              visitorId,
              start: ts,
              visit: visitTraits(event, request.userAgent),
              events: [sandboxEvent],
              engagements: [],
            }
            latestByVisitor.set(sessionKey, session)
            const list = sessionsBySite.get(site.id) ?? []
            list.push(session)
            sessionsBySite.set(site.id, list)
          }
        }
        stored.push({
          domain: site.domain,
          name: event.name,
          url: event.url,
          hostname: event.hostname,
          pathname: event.pathname,
          referrer: event.referrer,
          props: { ...event.props },
          revenue: event.revenue,
          interactive: event.interactive,
          ts,
          visitorId,
          userAgent: request.userAgent,
          ip: request.ip,
        })
      }
      accepted.push(...stored)
      counts.accepted += stored.length
      counts.dropped += dropped
      return { status: 202, dropped, accepted: stored }
    },
    sessionsBetween(siteId, fromMs, toMs) {
      return (sessionsBySite.get(siteId) ?? []).filter(
        (session) => session.start <= toMs && session.events[session.events.length - 1]!.ts >= fromMs,
      )
    },
  }
}

function visitTraits(event: Parsed, userAgent: string): VisitTraits {
  const device = readDevice(userAgent)
  return {
    hostname: event.hostname,
    ...acquisitionOf(event.referrer, event.search, event.hostname),
    device: device.device,
    screen: device.device,
    browser: device.browser,
    browserVersion: device.browserVersion,
    os: device.os,
    osVersion: device.osVersion,
    // No GeoIP database in the sandbox: location stays unknown and is left out of location breakdowns.
    country: '',
    countryName: '',
    region: '',
    regionName: '',
    city: 0,
    cityName: '',
  }
}

/** The client IP by the precedence seen in the server's tests (§7), port stripped; the socket address last. */
export function clientIp(headers: Record<string, string | string[] | undefined>, socketIp: string): string {
  const header = (name: string): string | undefined => {
    const value = headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  const candidates = [
    header('x-plausible-ip'),
    header('cf-connecting-ip'),
    header('b-forwarded-for'),
    ...(header('x-forwarded-for') ?? '').split(','),
    /for="?\[?([^\]";,]+)/i.exec(header('forwarded') ?? '')?.[1],
  ]
  for (const candidate of candidates) {
    const ip = validIp(candidate?.trim() ?? '')
    if (ip) return ip
  }
  return socketIp.replace(/^::ffff:/, '')
}

function validIp(value: string): string | null {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(value)
  if (v4 && v4[1]!.split('.').every((part) => Number(part) <= 255)) return v4[1]!
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/i.exec(value)
  const v6 = bracketed?.[1] ?? value
  if (/^[0-9a-f:.]+$/i.test(v6) && v6.includes(':') && (v6.match(/:/g)?.length ?? 0) >= 2) return v6
  return null
}
