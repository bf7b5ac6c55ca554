// Schemas of the site-management calls (sites, goals, props, shared links, guests), the capability
// probe, and the status and doctor reports: camelCase views of the Sites API objects (plausible-api.md §6).
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

/** True when the runtime knows the IANA zone; `Etc/UTC` and `UTC` included. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export const TimeZone = lazySchema(() =>
  z.string().min(1).refine(isTimeZone, 'not an IANA time zone (for example Europe/Berlin or Etc/UTC)'),
)

/** A site's domain as the Sites API knows it (§6): the `site_id` of every request. */
export const SiteDomain = lazySchema(() => z.string().trim().min(1, 'give the site domain, e.g. example.com'))

/** The tracker script switches (§6 `tracker_script_configuration`); all false unless set. */
export const TrackerScriptSettings = lazySchema(() =>
  z
    .object({
      installationType: z.enum(['manual', 'wordpress', 'gtm']).nullable(),
      track404Pages: z.boolean(),
      hashBasedRouting: z.boolean(),
      outboundLinks: z.boolean(),
      fileDownloads: z.boolean(),
      revenueTracking: z.boolean(),
      taggedEvents: z.boolean(),
      formSubmissions: z.boolean(),
      pageviewProps: z.boolean(),
    })
    .partial()
    .strict(),
)
export type TrackerScriptSettings = z.infer<typeof TrackerScriptSettings>

export const TrackerScript = lazySchema(() =>
  TrackerScriptSettings.extend({
    /** `pa-…`: the script is served at `<base>/js/<id>.js`. */
    id: z.string().optional(),
  }),
)
export type TrackerScript = z.infer<typeof TrackerScript>

export const SiteDetails = lazySchema(() =>
  z.object({
    domain: z.string(),
    timezone: z.string(),
    /** The custom-property allowlist; absent on older servers. */
    customProperties: z.array(z.string()).optional(),
    /** Absent on older servers and on sites without the new script. */
    trackerScript: TrackerScript.optional(),
  }),
)
export type SiteDetails = z.infer<typeof SiteDetails>

export const GoalView = lazySchema(() =>
  z.object({
    id: z.number().int(),
    displayName: z.string(),
    goalType: z.enum(['event', 'page']),
    eventName: z.string().nullable(),
    pagePath: z.string().nullable(),
    customProps: z.record(z.string(), z.string()),
  }),
)
export type GoalView = z.infer<typeof GoalView>

export const GuestRole = lazySchema(() => z.enum(['viewer', 'editor']))

export const GuestView = lazySchema(() =>
  z.object({
    email: z.string(),
    role: GuestRole,
    status: z.enum(['accepted', 'invited']),
  }),
)
export type GuestView = z.infer<typeof GuestView>

export const CapabilityReport = lazySchema(() =>
  z.object({
    account: z.string(),
    baseUrl: z.string(),
    /** POST /api/v2/query exists; 'unknown' when the probe could not tell (a refused key, a spent hour). */
    statsV2: z.union([z.boolean(), z.literal('unknown')]),
    /** absent = self-hosted CE; plan-required = plausible.io without Enterprise. */
    sitesApi: z.enum(['available', 'absent', 'plan-required', 'unknown']),
    /** provisioning = `sites:provision:*`; stats-only = may read but not write. */
    keyKind: z.enum(['provisioning', 'stats-only', 'invalid', 'unknown']),
    /** One plain sentence per finding ("This server has no Sites API …"). */
    sentences: z.array(z.string()),
    /** Requests the probe spent from the hourly budget (0 when answered from this process's cache). */
    keyedRequests: z.number().int().nonnegative(),
    /** Set when the probe met the hourly limit and stopped (ISO 8601). */
    rateLimitedUntil: z.string().nullable(),
    checkedAt: z.string(),
    /** True when this answer came from this process's earlier probe of the account. */
    isCached: z.boolean(),
  }),
)
export type CapabilityReport = z.infer<typeof CapabilityReport>

export const CheckStatus = lazySchema(() => z.enum(['ok', 'warn', 'fail']))
export type CheckStatus = z.infer<typeof CheckStatus>

export const DoctorCheck = lazySchema(() =>
  z.object({
    /** Stable id: config-dir, config-file, usage-file, queue, keychain, reachability, capabilities, budget, clock. */
    check: z.string(),
    /** The account the check is about; null for machine-wide checks. */
    account: z.string().nullable(),
    status: CheckStatus,
    /** One line saying what was found. */
    message: z.string(),
    /** What to do about a warn or fail; null when ok. */
    hint: z.string().nullable(),
  }),
)
export type DoctorCheck = z.infer<typeof DoctorCheck>

export const DoctorReport = lazySchema(() =>
  z.object({
    configDir: z.string(),
    checks: z.array(DoctorCheck),
    ok: z.number().int().nonnegative(),
    warn: z.number().int().nonnegative(),
    fail: z.number().int().nonnegative(),
  }),
)
export type DoctorReport = z.infer<typeof DoctorReport>
