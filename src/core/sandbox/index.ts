// Public entry of the sandbox: startSandbox() serves the seeded sites over loopback for tests, benches and the
// Demo account.
//
// Routes (plausible-api.md): POST /api/v2/query; GET /api/v1/stats/{realtime/visitors,aggregate,timeseries,
// breakdown}; POST /api/event (no key); the Sites API under /api/v1/sites (cloud mode only, 404 on CE);
// health checks. Test-only: GET /_sandbox/events with the demo key as Bearer →
// `{received, accepted, dropped, rejected, events: AcceptedEvent[]}`, never rate-limited.
import type { AddressInfo } from 'node:net'
import { sandboxKeys } from './auth'
import { isoDateToDay, isValidIsoDate } from './calendar'
import { createDataset } from './dataset'
import { sandboxGoals } from './goals'
import { createEventStore, type AcceptedEvent, type EventCounts } from './ingest'
import { createRateLimiter } from './rate-limit'
import { createRegistry, type SitePlan } from './registry'
import type { SandboxMode } from './routes/context'
import { createSandboxServer } from './server'
import { defaultSites } from './sites'

export interface SandboxOptions {
  /** 0 or undefined = any free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /**
   * `cloud` (default) answers like plausible.io: 600 requests/hour, Sites API, revenue accepted on events.
   * `ce` answers like self-hosted Community Edition: 1,000,000/hour, no Sites API routes (§1, §3, §8).
   */
  mode?: SandboxMode
  /** Requests per API key per UTC hour; overrides the mode's default. */
  hourlyLimit?: number
  /** Sites the account may own before POST /api/v1/sites answers 402 (default 50). */
  siteLimit?: number
  /**
   * Metrics this server's schema does not know, as an older server's: `['scroll_depth']` answers 400
   * `#/metrics/0: Invalid metric "scroll_depth"` (plausible-api.md §4.3 version note). Default none.
   */
  withoutMetrics?: readonly string[]
  /** Default 42. */
  seed?: number
  /** ms since epoch; default Date.now. Data "arrives" as this clock moves. */
  clock?: () => number
}

export interface SandboxSite {
  domain: string
  timezone: string
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  baseUrl: string
  /** The demo key, fixed by the seed; scope sites:provision:* (which implies stats and sites reads, §2). */
  apiKey: string
  /** A key with scope stats:read:* only: reads stats and Sites API GETs, gets 401 on Sites API writes (§2). */
  statsOnlyKey: string
  mode: SandboxMode
  /** The seeded sites, as they were at start (sites created over the Sites API are not added here). */
  sites: SandboxSite[]
  hourlyLimit: number
  /** Events API totals: requests received, events accepted / dropped (after fan-out), requests rejected (400). */
  events(): EventCounts
  /** Every accepted event in arrival order, as stored (for "delivered exactly once" checks). */
  acceptedEvents(): AcceptedEvent[]
  /**
   * Switches plan restrictions of one site (by current or previous domain) for tests; the real server decides
   * per team and plan. Unset fields keep their value. Throws for an unknown domain.
   */
  setPlan(domain: string, plan: Partial<SitePlan>): void
  /**
   * Sets the completed imports of one site (by current or previous domain), each covering the local dates
   * `startDate`..`endDate` (YYYY-MM-DD), for tests of `include.imports`; `[]` removes them. They bring no
   * rows: queries that include them count the same, as real imports whose tables hold nothing for them.
   * Throws for an unknown domain or a malformed range.
   */
  setSiteImports(domain: string, imports: ReadonlyArray<{ startDate: string; endDate: string }>): void
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 42
  const clock = options.clock ?? Date.now
  const host = options.host ?? '127.0.0.1'
  const mode = options.mode ?? 'cloud'
  // §3: `@hourly_request_limit on_ee(do: 600, else: 1_000_000)`.
  const hourlyLimit = options.hourlyLimit ?? (mode === 'cloud' ? 600 : 1_000_000)
  const keys = sandboxKeys(seed)
  const dataset = createDataset({ seed, sites: defaultSites, origin: clock() })
  const registry = createRegistry({
    seed,
    profiles: defaultSites,
    firstDay: (profile) => dataset.firstDay(profile.domain),
    seededGoals: sandboxGoals,
    seededProps: ['method', 'plan'],
    siteLimit: options.siteLimit ?? 50,
    clock,
  })
  const events = createEventStore()
  const server = createSandboxServer({
    dataset,
    registry,
    events,
    keys: [keys.demo, keys.statsOnly],
    demoKey: keys.demo,
    limiter: createRateLimiter(hourlyLimit, clock),
    clock,
    mode,
    withoutMetrics: options.withoutMetrics ?? [],
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    baseUrl: `http://${urlHost}:${port}`,
    apiKey: keys.demo.key,
    statsOnlyKey: keys.statsOnly.key,
    mode,
    sites: dataset.sites.map((site) => ({ domain: site.domain, timezone: site.timezone })),
    hourlyLimit,
    events: () => events.counts(),
    acceptedEvents: () => events.accepted(),
    setPlan(domain, plan) {
      const site = registry.find(domain)
      if (!site) throw new Error(`The sandbox has no site ${domain}.`)
      Object.assign(site.plan, plan)
    },
    setSiteImports(domain, imports) {
      const site = registry.find(domain)
      if (!site) throw new Error(`The sandbox has no site ${domain}.`)
      site.imports = imports.map(({ startDate, endDate }) => {
        if (!isValidIsoDate(startDate) || !isValidIsoDate(endDate) || endDate < startDate)
          throw new Error(`An import covers startDate..endDate as YYYY-MM-DD, got ${startDate}..${endDate}.`)
        return { startDay: isoDateToDay(startDate), endDay: isoDateToDay(endDate) }
      })
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

export { sandboxKeys, sandboxKey } from './auth'
export {
  createDataset,
  generateDay,
  type SandboxDataset,
  type SandboxEvent,
  type SandboxSession,
  type VisitTraits,
} from './dataset'
export { executeQuery, currentVisitors, type QueryResponse, type QuerySource } from './engine'
export { sandboxGoals, type Goal } from './goals'
export type { AcceptedEvent, EventCounts } from './ingest'
export type { SitePlan } from './registry'
export type { SandboxMode } from './routes/context'
export { defaultSites, type SiteProfile } from './sites'
export { validateQuery, type ValidQuery } from './validate'
