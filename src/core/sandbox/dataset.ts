// The synthetic data set: sessions generated per (seed, site, local day), cached, and revealed as the clock passes.
import { hourMs, weekdayOf } from './calendar'
import { plans, platforms, signupMethods, type Place, type Platform } from './catalog'
import type { PageEngagement } from './engagement'
import { createRandom, pickWeighted, pickWeightedIndex, weightedTable, type Random } from './random'
import type { SiteProfile } from './sites'
import { localDayOf, startOfLocalDay, toLocalMs } from './timezone'

export interface SandboxEvent {
  /** ms since epoch, whole seconds. */
  ts: number
  /** `pageview` or a custom event name. */
  name: string
  pathname: string
  props?: Readonly<Record<string, string>>
  /** Only set (false) for Events API events sent with `interactive: false`: they do not end a bounce (§7). */
  interactive?: boolean
}

/** What Plausible stores once per visit (§4.4 `visit:*`). Shared between sessions: never mutate. */
export interface VisitTraits {
  hostname: string
  source: string
  channel: string
  referrer: string
  utmSource: string
  utmMedium: string
  utmCampaign: string
  utmContent: string
  utmTerm: string
  device: string
  screen: string
  browser: string
  browserVersion: string
  os: string
  osVersion: string
  country: string
  countryName: string
  region: string
  regionName: string
  /** GeoName id. */
  city: number
  cityName: string
}

/** One visit (Plausible's session): its traits plus its events in time order; the first is a pageview. */
export interface SandboxSession {
  /** Unique per site; one visitor may have several sessions (visitors ≠ visits). */
  visitorId: number
  start: number
  visit: VisitTraits
  events: readonly SandboxEvent[]
  /**
   * The engagement events the visit sent (engagement.ts), when they are recorded with it; generated visits
   * leave it out and have theirs derived from their pageviews.
   */
  engagements?: readonly PageEngagement[]
}

/** A session never lasts longer than this, so a day's sessions only reach into the next hour. */
export const maxSessionMs = hourMs

/** Local-hour traffic curve (0h … 23h): quiet nights, a morning ramp, a long afternoon plateau. */
const hourCurve = [
  2, 1.5, 1, 0.8, 0.7, 1, 2, 3.5, 5, 6.5, 7, 7.2, 7, 7, 7.2, 7, 6.5, 6, 5.8, 5.8, 5.5, 4.8, 3.8, 2.8,
]

/**
 * Slow growth keyed by the absolute day, never by the clock, so a day's volume is the same whoever asks:
 * a smooth S-curve centred on 2026-02-16 (day 20500), bounded between 0.4× and 1.6×.
 */
export function growthFactor(day: number): number {
  return 1 + 0.6 * Math.tanh((day - 20_500) / 400)
}

function generateSession(
  seed: number,
  random: Random,
  site: SiteProfile,
  day: number,
  index: number,
  start: number,
  isSpike: boolean,
): SandboxSession {
  const acquisitionIndex = isSpike && random.chance(0.45) ? -1 : pickWeightedIndex(random, site.sources)
  const acquisition = site.sources.values[acquisitionIndex] ?? site.spikeSource
  const campaignIndex = random.int(0, acquisition.utmCampaigns.length - 1)
  // Returning visitors come from a site-wide pool; new ones get an id unique to (day, index). Ids stay
  // below 2^30 so V8 keeps them as small integers (visitor sets are the engine's hottest structure).
  const visitorPool = site.baseVisits * 20
  const isReturning = random.chance(0.35)
  const visitorId = isReturning
    ? 1 + Math.floor(random.next() ** 2 * visitorPool)
    : 100_000_000 + day * 10_000 + index
  // A returning visitor keeps their place and device: Plausible's visitor id hashes IP and User-Agent.
  const traitsRandom = isReturning ? createRandom(seed, site.domain, 'visitor', visitorId) : random
  const visit = internTraits(
    site,
    acquisitionIndex,
    campaignIndex,
    pickWeightedIndex(traitsRandom, site.places),
    pickWeightedIndex(traitsRandom, platforms),
    traitsRandom.next(),
    traitsRandom.next(),
  )

  const pageviews = random.chance(site.bounceShare)
    ? 1
    : Math.min(2 + Math.floor(Math.log(1 - random.next()) / Math.log(0.55)), 10)
  const events: SandboxEvent[] = []
  let ts = start
  let pathname = acquisition.deepLanding && random.chance(0.7) ? pickWeighted(random, site.landingPages) : '/'
  let sawPricing = false
  for (let i = 0; i < pageviews; i++) {
    if (i > 0) {
      ts += random.int(8, 240) * 1000
      let next = pickWeighted(random, site.pages)
      if (next === pathname) next = pickWeighted(random, site.pages)
      pathname = next
    }
    sawPricing ||= pathname === '/pricing'
    events.push({ ts, name: 'pageview', pathname })
  }
  if (pageviews > 1 && random.chance(sawPricing ? 0.2 : site.signupRate)) {
    ts += random.int(5, 90) * 1000
    events.push({
      ts,
      name: 'Signup',
      pathname,
      props: { plan: pickWeighted(random, plans), method: pickWeighted(random, signupMethods) },
    })
  }

  return { visitorId, start, visit, events }
}

/**
 * Visit traits are a handful of combinations repeated across ~100k sessions: building each once keeps
 * the data set small and cheap to collect (generation time was mostly garbage collection).
 */
const traitCache = new WeakMap<SiteProfile, Map<number, VisitTraits>>()

function internTraits(
  site: SiteProfile,
  acquisitionIndex: number,
  campaignIndex: number,
  placeIndex: number,
  platformIndex: number,
  browserDraw: number,
  osDraw: number,
): VisitTraits {
  const acquisition = site.sources.values[acquisitionIndex] ?? site.spikeSource
  const platform = platforms.values[platformIndex] as Platform
  const place = site.places.values[placeIndex] as Place
  const browserIndex = Math.floor(browserDraw * platform.browserVersions.length)
  const osIndex = Math.floor(osDraw * platform.osVersions.length)
  const key =
    (((((acquisitionIndex + 1) * 8 + campaignIndex) * 64 + placeIndex) * 32 + platformIndex) * 8 +
      browserIndex) *
      8 +
    osIndex
  let siteCache = traitCache.get(site)
  if (!siteCache) {
    siteCache = new Map()
    traitCache.set(site, siteCache)
  }
  let traits = siteCache.get(key)
  if (!traits) {
    traits = {
      hostname: site.domain,
      source: acquisition.source,
      channel: acquisition.channel,
      referrer: acquisition.referrer,
      utmSource: acquisition.utmSource,
      utmMedium: acquisition.utmMedium,
      utmCampaign: acquisition.utmCampaigns[campaignIndex] ?? '',
      utmContent: '',
      utmTerm: '',
      device: platform.device,
      screen: platform.device,
      browser: platform.browser,
      browserVersion: platform.browserVersions[browserIndex] ?? '',
      os: platform.os,
      osVersion: platform.osVersions[osIndex] ?? '',
      country: place.country,
      countryName: place.countryName,
      region: place.region,
      regionName: place.regionName,
      city: place.city,
      cityName: place.cityName,
    }
    siteCache.set(key, traits)
  }
  return traits
}

/** Every session of one site on one local day, sorted by start. Pure: depends only on (seed, site, day). */
export function generateDay(seed: number, site: SiteProfile, day: number): SandboxSession[] {
  const random = createRandom(seed, site.domain, day)
  const dayStart = startOfLocalDay(site.timezone, day)
  const dayEnd = startOfLocalDay(site.timezone, day + 1)
  // Walk the real hours of the local day (23 or 25 on DST days) and weight each by its wall-clock hour.
  const hours: Array<readonly [number, number]> = []
  for (let t = dayStart; t < dayEnd; t += hourMs) {
    hours.push([t, hourCurve[new Date(toLocalMs(site.timezone, t)).getUTCHours()] ?? 1])
  }
  const hourTable = weightedTable(hours)

  const isWeekend = weekdayOf(day) >= 5
  const isSpike = random.chance(site.spikeChance)
  const volume = Math.round(
    site.baseVisits *
      growthFactor(day) *
      (isWeekend ? site.weekendFactor : 1) *
      (0.88 + 0.24 * random.next()) *
      (isSpike ? 2 : 1),
  )
  const starts = new Float64Array(volume)
  for (let i = 0; i < volume; i++) {
    const hourStart = pickWeighted(random, hourTable)
    starts[i] = Math.min(hourStart + random.int(0, 3599) * 1000, dayEnd - 1000)
  }
  starts.sort()
  const sessions: SandboxSession[] = new Array(volume)
  for (let i = 0; i < volume; i++)
    sessions[i] = generateSession(seed, random, site, day, i, starts[i] as number, isSpike)
  return sessions
}

export interface DatasetOptions {
  seed: number
  sites: readonly SiteProfile[]
  /** The clock reading the history is anchored to: data starts `historyDays` local days before it. */
  origin: number
  historyDays?: number
}

export interface SandboxDataset {
  readonly seed: number
  readonly sites: readonly SiteProfile[]
  site(domain: string): SiteProfile | undefined
  /** The first local day with data (the "stats start date" that `all` begins at, §4.2). */
  firstDay(domain: string): number
  /** All sessions of the day (including those still in the future of the clock). Cached. */
  day(domain: string, day: number): readonly SandboxSession[]
  /** Sessions that may have events in [fromMs, toMs]: those starting in [fromMs − maxSessionMs, toMs]. */
  sessionsBetween(domain: string, fromMs: number, toMs: number): SandboxSession[]
}

export function createDataset(options: DatasetOptions): SandboxDataset {
  const historyDays = options.historyDays ?? 180
  const bySite = new Map(options.sites.map((site) => [site.domain, site]))
  const firstDays = new Map(
    options.sites.map((site) => [site.domain, localDayOf(site.timezone, options.origin) - historyDays]),
  )
  const cache = new Map<string, Map<number, SandboxSession[]>>()

  const dataset: SandboxDataset = {
    seed: options.seed,
    sites: options.sites,
    site: (domain) => bySite.get(domain),
    firstDay(domain) {
      const first = firstDays.get(domain)
      if (first === undefined) throw new Error(`Unknown sandbox site ${domain}`)
      return first
    },
    day(domain, day) {
      const site = bySite.get(domain)
      if (!site || day < dataset.firstDay(domain)) return []
      let siteCache = cache.get(domain)
      if (!siteCache) {
        siteCache = new Map()
        cache.set(domain, siteCache)
      }
      let sessions = siteCache.get(day)
      if (!sessions) {
        sessions = generateDay(options.seed, site, day)
        siteCache.set(day, sessions)
      }
      return sessions
    },
    sessionsBetween(domain, fromMs, toMs) {
      const site = bySite.get(domain)
      if (!site || toMs < fromMs) return []
      const result: SandboxSession[] = []
      const firstDay = Math.max(localDayOf(site.timezone, fromMs - maxSessionMs), dataset.firstDay(domain))
      const lastDay = localDayOf(site.timezone, toMs)
      for (let day = firstDay; day <= lastDay; day++) {
        for (const session of dataset.day(domain, day)) {
          if (session.start >= fromMs - maxSessionMs && session.start <= toMs) result.push(session)
        }
      }
      return result
    },
  }
  return dataset
}
