// What one account's server and key can do (v2? Sites API? may the key write?), probed with as few budgeted
// requests as possible and told in plain sentences, so the product explains a gap instead of failing on a 404.
import { PlausibleError } from '../../shared/errors'
import { isMissingRoute, nextUtcHourStart } from './errors'
import type { Transport } from './transport'

export type SitesApiState = 'available' | 'absent' | 'plan-required' | 'unknown'
export type KeyKind = 'provisioning' | 'stats-only' | 'invalid' | 'unknown'

export interface Capabilities {
  /** POST /api/v2/query exists (Plausible v2.1+); false → questions go through v1. */
  statsV2: boolean | 'unknown'
  /** absent = self-hosted CE (no routes); plan-required = plausible.io without Enterprise. */
  sitesApi: SitesApiState
  /** provisioning = `sites:provision:*` (may write through the Sites API); stats-only = read-only. */
  keyKind: KeyKind
  /** Set when the probe hit the hourly limit and stopped; ISO time of the next UTC hour. */
  rateLimitedUntil?: string
  /** One plain sentence per finding, for the account screen and `plausible accounts show`. */
  sentences: string[]
  /** Requests sent with the key (they count against the hourly budget); the schema fetch is free. */
  keyedRequests: number
}

/**
 * At most three keyed requests, usually two:
 * 1. GET /api/v1/sites?limit=1 — 200: Sites API + valid key; 404 route: CE; 402: no Enterprise; 401: bad key.
 * 2. GET /api/docs/query/schema.json (no key, not counted) — 200: v2 exists. Only if that is inconclusive:
 *    POST /api/v2/query `{}` — 400 "Missing site ID" proves v2 and the key; 404: no v2.
 * 3. With a Sites API: PUT /api/v1/sites/goals `{}` — the scope check runs before the parameter check (§2),
 *    so a provisioning key gets 400 "Parameter `site_id` is required…" (nothing is created) and a stats key 401.
 */
export async function probeCapabilities(transport: Transport): Promise<Capabilities> {
  let keyedRequests = 0
  let statsV2: Capabilities['statsV2'] = 'unknown'
  let sitesApi: SitesApiState = 'unknown'
  let keyKind: KeyKind = 'unknown'
  let rateLimitedUntil: string | undefined

  const keyed = async (spec: Parameters<Transport['send']>[0]) => {
    keyedRequests++
    const response = await transport.send(spec)
    if (response.status === 429) rateLimitedUntil = new Date(nextUtcHourStart(transport.now())).toISOString()
    return response
  }

  const sites = await keyed({ method: 'GET', path: '/api/v1/sites', query: { limit: 1 }, surface: 'sites' })
  if (sites.status === 200) {
    sitesApi = 'available'
    keyKind = 'stats-only'
  } else if (isMissingRoute(sites.status, sites.text)) sitesApi = 'absent'
  else if (sites.status === 402) {
    sitesApi = 'plan-required'
    keyKind = 'stats-only'
  } else if (sites.status === 401) keyKind = 'invalid'

  if (!rateLimitedUntil && keyKind !== 'invalid') {
    const schema = await transport.send({
      method: 'GET',
      path: '/api/docs/query/schema.json',
      surface: 'stats-v2',
      isAuthenticated: false,
    })
    if (schema.status === 200) statsV2 = true
    // The keyed v2 probe also settles the key when the Sites API could not (CE).
    if (statsV2 !== true || keyKind === 'unknown') {
      const v2 = await keyed({ method: 'POST', path: '/api/v2/query', body: {}, surface: 'stats-v2' })
      if (isMissingRoute(v2.status, v2.text)) statsV2 = false
      else if (v2.status === 400) {
        statsV2 = true
        if (keyKind === 'unknown') keyKind = 'stats-only'
      } else if (v2.status === 401) {
        statsV2 = true
        keyKind = 'invalid'
      }
    }
  }

  if (!rateLimitedUntil && sitesApi === 'available') {
    const write = await keyed({ method: 'PUT', path: '/api/v1/sites/goals', body: {}, surface: 'sites' })
    if (write.status === 400) keyKind = 'provisioning'
    else if (write.status === 401) keyKind = 'stats-only'
  }

  const capabilities = { statsV2, sitesApi, keyKind, keyedRequests, sentences: [] as string[] }
  return {
    ...capabilities,
    ...(rateLimitedUntil ? { rateLimitedUntil } : {}),
    sentences: describeCapabilities({ ...capabilities, ...(rateLimitedUntil ? { rateLimitedUntil } : {}) }),
  }
}

export function describeCapabilities(capabilities: Omit<Capabilities, 'sentences'>): string[] {
  const sentences: string[] = []
  if (capabilities.keyKind === 'invalid')
    sentences.push(
      "The API key was refused: compare it with Plausible's Settings → API Keys, or add a new one.",
    )
  switch (capabilities.sitesApi) {
    case 'available':
      sentences.push('This server has the Sites API.')
      break
    case 'absent':
      sentences.push(
        'This server has no Sites API (self-hosted Plausible CE removed it in v2.1): manage sites, goals and guests in its dashboard.',
      )
      break
    case 'plan-required':
      sentences.push(
        "This key's plan does not include the Sites API (plausible.io offers it on Enterprise plans).",
      )
      break
  }
  if (capabilities.keyKind === 'provisioning')
    sentences.push('This key may create and change sites, goals, properties, shared links and guests.')
  if (capabilities.keyKind === 'stats-only' && capabilities.sitesApi === 'available')
    sentences.push(
      'This key can read stats and sites but not change them: it lacks the `sites:provision` scope.',
    )
  if (capabilities.statsV2 === true) sentences.push('This server has Stats API v2.')
  if (capabilities.statsV2 === false)
    sentences.push(
      'This server has no Stats API v2 (older than Plausible v2.1): questions go through v1, where some metrics and filters do not exist.',
    )
  if (capabilities.rateLimitedUntil)
    sentences.push(
      `The key's hourly budget is spent until ${capabilities.rateLimitedUntil.slice(11, 16)} UTC; the rest was not checked.`,
    )
  return sentences
}

export type Need = 'sites-read' | 'sites-write' | 'stats-v2'

/** Throws the plain NOT_SUPPORTED / PLAN_REQUIRED / SCOPE_REQUIRED error when `need` is missing. */
export function requireCapability(capabilities: Capabilities, need: Need): void {
  if (need === 'stats-v2') {
    if (capabilities.statsV2 === false)
      throw new PlausibleError('NOT_SUPPORTED', {
        message: 'This server has no Stats API v2 (it is older than Plausible v2.1), and this needs it.',
      })
    return
  }
  if (capabilities.sitesApi === 'absent')
    throw new PlausibleError('NOT_SUPPORTED', {
      message: 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1).',
      hint: 'Manage sites, goals and guests in the dashboard of this server.',
    })
  if (capabilities.sitesApi === 'plan-required')
    throw new PlausibleError('PLAN_REQUIRED', {
      message: "This key's plan does not include the Sites API.",
      hint: 'The Sites API needs an Enterprise plan on plausible.io.',
    })
  if (need === 'sites-write' && capabilities.keyKind === 'stats-only')
    throw new PlausibleError('SCOPE_REQUIRED')
}
