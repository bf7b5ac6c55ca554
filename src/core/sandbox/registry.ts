// The sandbox's mutable site registry (§6): sites with their goals, custom props, shared links, guests,
// tracker script configuration and per-site plan switches. The seeded traffic stays in the data set.
import { createHash } from 'node:crypto'
import { localDayOf, isValidTimeZone } from './timezone'
import type { Goal } from './goals'
import type { SiteImport } from './imports'
import { createRandom } from './random'
import type { SiteProfile } from './sites'

export interface GoalRecord extends Goal {
  id: number
  customProps: Record<string, string>
}

export type GuestRole = 'viewer' | 'editor'

export interface GuestRecord {
  email: string
  role: GuestRole
  status: 'accepted' | 'invited'
  /** Insertion order; accepted memberships list before invitations, newest first within each (§6). */
  sequence: number
}

export const trackerFlags = [
  'track_404_pages',
  'hash_based_routing',
  'outbound_links',
  'file_downloads',
  'revenue_tracking',
  'tagged_events',
  'form_submissions',
  'pageview_props',
] as const
export type TrackerFlag = (typeof trackerFlags)[number]
export const installationTypes = ['manual', 'wordpress', 'gtm'] as const
export type InstallationType = (typeof installationTypes)[number]

export type TrackerConfiguration = { id: string; installation_type: InstallationType | null } & Record<
  TrackerFlag,
  boolean
>

/** What a site's team may do. The real server decides per team and plan; the sandbox switches it per site for tests. */
export interface SitePlan {
  /** false → 402 on the Stats API (a Growth plan, §2). */
  statsApi: boolean
  /** false → 402 on site-scoped Sites API calls (a team without the Sites API feature, §2). */
  sitesApi: boolean
  /** false → 402 on PUT /api/v1/sites/shared-links (§6). */
  sharedLinks: boolean
  /** true → 402 "This Plausible site is locked…" on Stats and site-scoped Sites API calls (§2). */
  locked: boolean
  /** false → custom-property queries are refused: 402 on v1, 400 on v2 (§4.9, §5). */
  customProps: boolean
}

export const fullPlan: SitePlan = {
  statsApi: true,
  sitesApi: true,
  sharedLinks: true,
  locked: false,
  customProps: true,
}

export interface SiteRecord {
  /** Newest site = highest id: lists are newest first (§6). */
  id: number
  domain: string
  /** The previous domain keeps working for stats and sites calls after a change (§2, §8). */
  domainChangedFrom: string | null
  timezone: string
  /** The seeded traffic profile, or null for a site created over the Sites API (it only sees ingested events). */
  profile: SiteProfile | null
  /** First local day with stats (`all` starts here). */
  firstDay: number
  goals: GoalRecord[]
  customProps: string[]
  /** Shared link name → auth slug. */
  sharedLinks: Map<string, string>
  guests: GuestRecord[]
  tracker: TrackerConfiguration
  plan: SitePlan
  /** Completed imports (none unless a test adds one): what `include.imports` answers about (§4.6). */
  imports: SiteImport[]
}

export interface Team {
  id: string
  name: string
}

export const maxCustomProps = 300
export const maxCustomPropLength = 300
/** Shared-link names reserved for the WordPress plugin (`Plausible.Sites.shared_link_special_names`). */
export const reservedSharedLinkNames: readonly string[] = ['WordPress - Shared Dashboard']

const domainUniqueError =
  "This domain cannot be registered. Perhaps one of your colleagues registered it? If that's not the case, please contact support@plausible.io\n"
const uriReservedCharacters = [
  ':',
  '?',
  '#',
  '[',
  ']',
  '@',
  '!',
  '$',
  '&',
  "'",
  '(',
  ')',
  '*',
  '+',
  ',',
  ';',
  '=',
]

/** `Plausible.Site.clean_domain`: lower case, trimmed, no scheme, no slashes around, no leading `www.`. */
export function cleanDomain(raw: string): string {
  return raw
    .toLowerCase()
    .trim()
    .replace(/^http:\/\//, '')
    .replace(/^https:\/\//, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/^www\./, '')
}

/**
 * Tz database names only, case-sensitive, as `Timex.is_valid_timezone?`. Intl alone also takes `utc`,
 * `europe/berlin` or `+01:00`, which the server refuses.
 */
export function isIanaTimeZone(value: string): boolean {
  if (value === 'UTC' || value === 'GMT') return true
  if (!/^[A-Z][A-Za-z_-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(value)) return false
  return isValidTimeZone(value)
}

export interface RegistryOptions {
  seed: number
  profiles: readonly SiteProfile[]
  /** Local first day of each seeded profile's data. */
  firstDay(profile: SiteProfile): number
  seededGoals: readonly Goal[]
  seededProps: readonly string[]
  siteLimit: number
  clock: () => number
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; error: string }
const fail = (status: number, error: string): { ok: false; status: number; error: string } => ({
  ok: false,
  status,
  error,
})

export interface SiteRegistry {
  readonly team: Team
  readonly siteLimit: number
  /** Newest first. */
  sites(): SiteRecord[]
  /** By domain or by the domain it changed from. */
  find(domain: string): SiteRecord | undefined
  create(params: { domain?: unknown; timezone?: unknown; tracker?: unknown }): Outcome<SiteRecord>
  update(site: SiteRecord, params: { domain?: unknown; tracker?: unknown }): Outcome<SiteRecord>
  remove(site: SiteRecord): void
  findOrCreateGoal(
    site: SiteRecord,
    goal: {
      eventName?: string
      pagePath?: string
      displayName?: string
      customProps?: Record<string, string>
    },
  ): GoalRecord
  deleteGoal(site: SiteRecord, id: number): boolean
  sharedLinkSlug(site: SiteRecord, name: string): string
  invite(site: SiteRecord, email: string, role: GuestRole): GuestRecord
}

export function createRegistry(options: RegistryOptions): SiteRegistry {
  const team: Team = { id: uuidFrom(options.seed, 'team'), name: 'My Personal Sites' }
  let nextSiteId = 1
  let nextGoalId = 1
  let nextGuestSequence = 1
  const records: SiteRecord[] = []

  const trackerFor = (siteId: number): TrackerConfiguration => {
    const random = createRandom(options.seed, 'tracker', siteId)
    let suffix = ''
    for (let i = 0; i < 24; i++) suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[random.int(0, 35)]
    return {
      id: `pa-${suffix}`,
      installation_type: null,
      ...(Object.fromEntries(trackerFlags.map((flag) => [flag, false])) as Record<TrackerFlag, boolean>),
    }
  }

  const newSite = (domain: string, timezone: string, profile: SiteProfile | null, firstDay: number) => {
    const id = nextSiteId++
    const site: SiteRecord = {
      id,
      domain,
      domainChangedFrom: null,
      timezone,
      profile,
      firstDay,
      goals: [],
      customProps: [],
      sharedLinks: new Map(),
      guests: [],
      tracker: trackerFor(id),
      plan: { ...fullPlan },
      imports: [],
    }
    records.push(site)
    return site
  }

  const registry: SiteRegistry = {
    team,
    siteLimit: options.siteLimit,
    sites: () => [...records].sort((a, b) => b.id - a.id),
    find: (domain) =>
      records.find((site) => site.domain === domain) ??
      records.find((site) => site.domainChangedFrom === domain),
    create(params) {
      const domain = typeof params.domain === 'string' ? cleanDomain(params.domain) : ''
      const timezone = params.timezone === undefined || params.timezone === null ? 'Etc/UTC' : params.timezone
      // Ecto prepends errors and the controller reports the first one: the last check that failed wins.
      const errors: string[] = []
      if (domain === '') errors.unshift("domain: can't be blank")
      if (timezone === '') errors.unshift("timezone: can't be blank")
      if (typeof timezone !== 'string' || !isIanaTimeZone(timezone)) errors.unshift('timezone: is invalid')
      errors.unshift(...domainFormatErrors(domain))
      if (errors.length > 0) return fail(400, errors[0]!)
      if (registry.find(domain)) return fail(400, `domain: ${domainUniqueError}`)
      const tracker = parseTracker(params.tracker)
      if (!tracker.ok) return tracker
      if (records.length >= options.siteLimit)
        return fail(
          402,
          `Your account has reached the limit of ${options.siteLimit} sites. To unlock more sites, please upgrade your subscription.`,
        )
      const site = newSite(domain, timezone as string, null, localDayOf(timezone as string, options.clock()))
      Object.assign(site.tracker, tracker.value)
      return { ok: true, value: site }
    },
    update(site, params) {
      if (params.domain === undefined && params.tracker === undefined)
        return fail(
          400,
          "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
        )
      let domain: string | null = null
      if (params.domain !== undefined) {
        if (typeof params.domain !== 'string') return fail(400, 'domain: is invalid')
        domain = cleanDomain(params.domain)
        if (domain === site.domain)
          return fail(400, 'domain: New domain must be different than the current one')
        const errors: string[] = []
        if (domain === '') errors.unshift("domain: can't be blank")
        errors.unshift(...domainFormatErrors(domain))
        if (errors.length > 0) return fail(400, errors[0]!)
        const taken = registry.find(domain)
        if (taken && taken !== site) return fail(400, `domain: ${domainUniqueError}`)
      }
      const tracker =
        params.tracker === undefined ? { ok: true as const, value: {} } : parseTracker(params.tracker)
      if (!tracker.ok) return tracker
      // Both changes or neither: the server runs them in one transaction.
      if (domain !== null) {
        site.domainChangedFrom = site.domain
        site.domain = domain
      }
      Object.assign(site.tracker, tracker.value)
      return { ok: true, value: site }
    },
    remove(site) {
      const index = records.indexOf(site)
      if (index >= 0) records.splice(index, 1)
    },
    findOrCreateGoal(site, goal) {
      const existing = site.goals.find((candidate) =>
        goal.eventName !== undefined
          ? candidate.eventName === goal.eventName
          : candidate.pagePath === goal.pagePath,
      )
      if (existing) return existing
      const record: GoalRecord = {
        id: nextGoalId++,
        displayName:
          goal.displayName ??
          (goal.eventName !== undefined ? goal.eventName : `Visit ${goal.pagePath ?? ''}`),
        ...(goal.eventName !== undefined ? { eventName: goal.eventName } : { pagePath: goal.pagePath ?? '' }),
        customProps: goal.customProps ?? {},
      }
      site.goals.push(record)
      return record
    },
    deleteGoal(site, id) {
      const index = site.goals.findIndex((goal) => goal.id === id)
      if (index < 0) return false
      site.goals.splice(index, 1)
      return true
    },
    sharedLinkSlug(site, name) {
      let slug = site.sharedLinks.get(name)
      if (!slug) {
        slug = createHash('sha256')
          .update(`${options.seed}:${site.id}:${name}`)
          .digest('base64url')
          .slice(0, 16)
        site.sharedLinks.set(name, slug)
      }
      return slug
    },
    invite(site, email, role) {
      // Idempotent: an existing guest or invitation keeps its role (§6).
      const existing = site.guests.find((guest) => guest.email === email)
      if (existing) return existing
      const guest: GuestRecord = { email, role, status: 'invited', sequence: nextGuestSequence++ }
      site.guests.push(guest)
      return guest
    },
  }

  // Seeded sites get descending ids so that "newest first" lists them in the data set's order.
  for (const profile of [...options.profiles].reverse()) {
    const site = newSite(profile.domain, profile.timezone, profile, options.firstDay(profile))
    site.customProps.push(...options.seededProps)
    site.tracker.installation_type = 'manual'
    // Created oldest first, so the first seeded goal is the newest and lists first.
    for (const goal of [...options.seededGoals].reverse()) {
      registry.findOrCreateGoal(site, {
        ...(goal.eventName !== undefined
          ? { eventName: goal.eventName }
          : { pagePath: goal.pagePath ?? '/' }),
        displayName: goal.displayName,
      })
    }
  }
  records.sort((a, b) => a.id - b.id)
  const firstSeeded = records[records.length - 1]
  if (firstSeeded)
    firstSeeded.guests.push({
      email: 'viewer@example.com',
      role: 'viewer',
      status: 'accepted',
      sequence: nextGuestSequence++,
    })
  return registry
}

function domainFormatErrors(domain: string): string[] {
  const errors: string[] = []
  if (!/^[-.\\/:\p{L}\d]*$/u.test(domain))
    errors.unshift('domain: only letters, numbers, slashes and period allowed')
  if (uriReservedCharacters.some((character) => domain.includes(character)))
    errors.unshift(`domain: must not contain URI reserved characters ${uriReservedCharacters.join('')}`)
  return errors
}

/** Ecto's boolean cast: booleans and the strings "true"/"false"/"1"/"0" (form bodies send strings). */
function castBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  return null
}

/** Validates a (partial) tracker_script_configuration; the first invalid field in schema order is reported. */
function parseTracker(value: unknown): Outcome<Partial<TrackerConfiguration>> {
  if (value === undefined || value === null) return { ok: true, value: {} }
  if (typeof value !== 'object' || Array.isArray(value))
    return fail(400, 'tracker_script_configuration: is invalid')
  const input = value as Record<string, unknown>
  const result: Partial<TrackerConfiguration> = {}
  if ('installation_type' in input) {
    const type = input.installation_type
    if (type !== null && !(installationTypes as readonly unknown[]).includes(type))
      return fail(400, 'tracker_script_configuration.installation_type: is invalid')
    result.installation_type = type as InstallationType | null
  }
  for (const flag of trackerFlags) {
    if (!(flag in input)) continue
    const flagValue = castBoolean(input[flag])
    if (flagValue === null) return fail(400, `tracker_script_configuration.${flag}: is invalid`)
    result[flag] = flagValue
  }
  return { ok: true, value: result }
}

/** A stable UUID-shaped id from the seed (team identifiers are UUIDs, §6). */
function uuidFrom(seed: number, name: string): string {
  const hex = createHash('sha256').update(`${seed}:${name}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The site object of GET/POST/PUT /api/v1/sites (§6). */
export function siteObject(site: SiteRecord): Record<string, unknown> {
  return {
    domain: site.domain,
    timezone: site.timezone,
    custom_properties: [...site.customProps],
    tracker_script_configuration: { ...site.tracker },
  }
}

export function goalObject(goal: GoalRecord): Record<string, unknown> {
  return {
    id: goal.id,
    display_name: goal.displayName,
    goal_type: goal.eventName !== undefined ? 'event' : 'page',
    event_name: goal.eventName ?? null,
    page_path: goal.pagePath ?? null,
    custom_props: { ...goal.customProps },
  }
}
