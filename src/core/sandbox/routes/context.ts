// What every route needs: the data set, keys, limiter and clock, plus the §2 check chain shared by the routes.
import { authenticate, authMessages, type ApiKey } from '../auth'
import type { SandboxDataset } from '../dataset'
import type { Goal } from '../goals'
import { rateLimitMessage, type RateLimiter } from '../rate-limit'
import type { SiteProfile } from '../sites'
import { errorReply, type Reply } from './http'

export interface SandboxContext {
  dataset: SandboxDataset
  goals: readonly Goal[]
  keys: readonly ApiKey[]
  limiter: RateLimiter
  clock: () => number
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply }

/** Bearer present → key valid → rate limit (§2, §3). Invalid and missing keys are never counted. */
export function checkKey(
  context: SandboxContext,
  header: string | string[] | undefined,
  invalidMessage: string,
): Checked<ApiKey> {
  const auth = authenticate(header, context.keys)
  if (auth.kind === 'missing') return { ok: false, reply: errorReply(401, authMessages.missing) }
  if (auth.kind === 'invalid') return { ok: false, reply: errorReply(401, invalidMessage) }
  if (!context.limiter.hit(auth.apiKey.id).allowed) {
    // No Retry-After and no X-RateLimit-* headers: the real server sets only the status and the JSON (§3).
    return { ok: false, reply: errorReply(429, rateLimitMessage(context.limiter.hourlyLimit)) }
  }
  return { ok: true, value: auth.apiKey }
}

/** The Stats API chain: the key checks, then site_id present → site exists (§2 check order). */
export function checkStatsAccess(
  context: SandboxContext,
  header: string | string[] | undefined,
  siteId: unknown,
): Checked<SiteProfile> {
  const key = checkKey(context, header, authMessages.invalidForSite)
  if (!key.ok) return key
  if (typeof siteId !== 'string' || siteId === '')
    return { ok: false, reply: errorReply(400, authMessages.missingSiteId) }
  const site = context.dataset.site(siteId)
  if (!site) return { ok: false, reply: errorReply(401, authMessages.invalidForSite) }
  return { ok: true, value: site }
}
