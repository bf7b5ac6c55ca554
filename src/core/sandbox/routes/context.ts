// What every route needs (data set, registry, event store, keys, limiter, clock, mode) and the §2 check chains.
import { authenticate, authMessages, type ApiKey } from '../auth'
import type { SandboxDataset, SandboxSession } from '../dataset'
import type { EventStore } from '../ingest'
import { rateLimitMessage, type RateLimiter } from '../rate-limit'
import type { SiteRecord, SiteRegistry } from '../registry'
import { errorReply, type Reply } from './http'

export type SandboxMode = 'cloud' | 'ce'

export interface SandboxContext {
  dataset: SandboxDataset
  registry: SiteRegistry
  events: EventStore
  keys: readonly ApiKey[]
  /** The key that may read the test-only `/_sandbox/*` routes. */
  demoKey: ApiKey
  limiter: RateLimiter
  clock: () => number
  mode: SandboxMode
  /** Metrics left out of the schema, as an older server's (SandboxOptions.withoutMetrics). */
  withoutMetrics?: readonly string[]
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply }

export const planMessages = {
  statsApi:
    "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API",
  // §2: only "API key does not have access to Sites API" is confirmed; the rest follows the Stats API text.
  sitesApi:
    "The account that owns this API key does not have access to Sites API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Sites API",
  locked:
    'This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan',
  sharedLinks: 'Your current subscription plan does not include Shared Links',
} as const

/**
 * Bearer present → key valid → rate limit (§2, §3). Invalid and missing keys are never counted. Site-context
 * routes count in the site's team bucket (`<key>:<team>`), the others in the key's own bucket.
 */
export function checkKey(
  context: SandboxContext,
  header: string | string[] | undefined,
  invalidMessage: string,
  isSiteContext: boolean,
): Checked<ApiKey> {
  const auth = authenticate(header, context.keys)
  if (auth.kind === 'missing') return { ok: false, reply: errorReply(401, authMessages.missing) }
  if (auth.kind === 'invalid') return { ok: false, reply: errorReply(401, invalidMessage) }
  const bucket = isSiteContext ? `${auth.apiKey.id}:${context.registry.team.id}` : auth.apiKey.id
  if (!context.limiter.hit(bucket).allowed) {
    // No Retry-After and no X-RateLimit-* headers: the real server sets only the status and the JSON (§3).
    return { ok: false, reply: errorReply(429, rateLimitMessage(context.limiter.hourlyLimit)) }
  }
  return { ok: true, value: auth.apiKey }
}

/** The Stats API chain: the key checks, then site_id present → site exists → locked → plan (§2 check order). */
export function checkStatsAccess(
  context: SandboxContext,
  header: string | string[] | undefined,
  siteId: unknown,
): Checked<SiteRecord> {
  const key = checkKey(context, header, authMessages.invalidForSite, true)
  if (!key.ok) return key
  if (typeof siteId !== 'string' || siteId === '')
    return { ok: false, reply: errorReply(400, authMessages.missingSiteId) }
  const site = context.registry.find(siteId)
  if (!site) return { ok: false, reply: errorReply(401, authMessages.invalidForSite) }
  if (site.plan.locked) return { ok: false, reply: errorReply(402, planMessages.locked) }
  if (!site.plan.statsApi) return { ok: false, reply: errorReply(402, planMessages.statsApi) }
  return { ok: true, value: site }
}

/** Writes need `sites:provision:*`; reads are implicit for every valid key (§2). */
export function checkScope(key: ApiKey, needsProvision: boolean): Checked<ApiKey> {
  if (needsProvision && !key.scopes.includes('sites:provision:*'))
    return { ok: false, reply: errorReply(401, authMessages.invalidForSites) }
  return { ok: true, value: key }
}

/** Sessions of a site that may have events in [fromMs, toMs]: seeded traffic plus what the Events API received. */
export function sessionsOf(
  context: SandboxContext,
  site: SiteRecord,
): (fromMs: number, toMs: number) => SandboxSession[] {
  return (fromMs, toMs) => {
    const seeded = site.profile ? context.dataset.sessionsBetween(site.profile.domain, fromMs, toMs) : []
    const ingested = context.events.sessionsBetween(site.id, fromMs, toMs)
    return ingested.length === 0 ? seeded : [...seeded, ...ingested]
  }
}
