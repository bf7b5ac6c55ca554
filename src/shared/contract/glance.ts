// Schemas of the tray's calls: pinned sites, alert rules, tray preferences and the realtime history the
// tray samples (pins.*, alerts.*, tray.*, realtime.history). Kept beside calls.ts so it stays a table.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

const Alias = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'An alias is 1–40 letters, digits, - or _'),
)

/** A site domain as Plausible names it (plausible-api.md §2: site_id is the domain). */
const Domain = lazySchema(() => z.string().trim().min(1, 'A site is its domain, e.g. example.com').max(253))

/** One site the tray watches: sites of several accounts can be pinned at once. */
export const PinnedSite = lazySchema(() => z.object({ account: Alias, site: Domain }).strict())
export type PinnedSite = z.infer<typeof PinnedSite>

/** At most this many pins: each costs one request per poll, so a long list only makes polls rarer. */
export const maxPins = 50

export const PinList = lazySchema(() =>
  z
    .array(PinnedSite)
    .max(maxPins, `At most ${maxPins} sites can be pinned`)
    .refine((pins) => new Set(pins.map((pin) => `${pin.account}\n${pin.site}`)).size === pins.length, {
      message: 'A site is pinned once per account',
    }),
)

const ClockTime = lazySchema(() =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day is HH:MM (24-hour), e.g. 22:00'),
)

/** A site's alert rule: a spike when current visitors reach `spikeAt`, a drop when they fall below `dropBelow`. */
export const SiteAlertRule = lazySchema(() =>
  z
    .object({
      account: Alias,
      site: Domain,
      spikeAt: z.number().int().positive().nullable(),
      dropBelow: z.number().int().positive().nullable(),
    })
    .strict()
    .refine((rule) => rule.spikeAt === null || rule.dropBelow === null || rule.dropBelow <= rule.spikeAt, {
      message: 'dropBelow must not be above spikeAt',
    }),
)
export type SiteAlertRule = z.infer<typeof SiteAlertRule>

export const AlertSettings = lazySchema(() =>
  z.object({
    /** Off: no notification at all (the rules are kept). */
    enabled: z.boolean(),
    rules: z.array(SiteAlertRule).max(maxPins),
    /** Local times between which nothing is shown; spans midnight when start is after end. Null: none. */
    quietHours: z.object({ start: ClockTime, end: ClockTime }).strict().nullable(),
    /** Notifications per rolling hour across all sites; more crossings are counted but not shown. */
    maxPerHour: z.number().int().min(1).max(60),
  }),
)
export type AlertSettings = z.infer<typeof AlertSettings>

export const TraySettings = lazySchema(() =>
  z.object({
    /** Open the app (tray only, no window) when the user logs in. */
    startAtLogin: z.boolean(),
    /** Show a direction (↑ ↓ →) instead of numbers in the tray title and notifications. */
    calm: z.boolean(),
    /** The user paused tray polling; nothing is polled until resumed. */
    isPollingPaused: z.boolean(),
  }),
)
export type TraySettings = z.infer<typeof TraySettings>

/** What the tray's polling does for one account's key right now. */
export const PollingStatus = lazySchema(() =>
  z.object({
    account: z.string(),
    sites: z.array(z.string()),
    /** Between two rounds over the account's pinned sites (ms); null while paused. */
    intervalMs: z.number().int().positive().nullable(),
    /** Polling waits for the next UTC hour (the hour is spent, or a 429 paused the key). */
    pausedUntil: z.string().nullable(),
    nextPollAt: z.string().nullable(),
  }),
)
export type PollingStatus = z.infer<typeof PollingStatus>

export const TrayState = lazySchema(() =>
  z.object({
    settings: TraySettings,
    /** Empty when no tray polls in this process (the CLI without the app). */
    polling: z.array(PollingStatus),
  }),
)
export type TrayState = z.infer<typeof TrayState>

export const RealtimePoint = lazySchema(() =>
  z.object({ at: z.string(), visitors: z.number().int().nonnegative() }),
)

/** A downsampled bucket of the 24-hour ring: every sample taken in [at, at + bucketMs). */
export const RealtimeBucket = lazySchema(() =>
  z.object({
    at: z.string(),
    min: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    mean: z.number().nonnegative(),
    samples: z.number().int().positive(),
  }),
)

export const RealtimeHistory = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string(),
    /** Every sample of the last 30 minutes, oldest first. */
    recent: z.array(RealtimePoint),
    /** The last 24 hours in buckets of `bucketMs`, oldest first; buckets without samples are left out. */
    day: z.array(RealtimeBucket),
    bucketMs: z.number().int().positive(),
  }),
)
export type RealtimeHistory = z.infer<typeof RealtimeHistory>
