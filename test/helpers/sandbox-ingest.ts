// The sandbox's Events API in a unit test: the seeded registry and an event store on a clock the test moves,
// and `send` posting one event as Chrome on Windows from one address.
import { sandboxGoals } from '../../src/core/sandbox/goals'
import { createEventStore, type EventRequest } from '../../src/core/sandbox/ingest'
import { createRegistry } from '../../src/core/sandbox/registry'
import { defaultSites } from '../../src/core/sandbox/sites'

/** Where the clock starts. */
export const ingestStart = Date.parse('2026-11-23T14:30:00Z')

const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export function ingestSetup() {
  let clock = ingestStart
  const registry = createRegistry({
    seed: 42,
    profiles: defaultSites,
    firstDay: () => 20_000,
    seededGoals: sandboxGoals,
    seededProps: [],
    siteLimit: 50,
    clock: () => clock,
  })
  const store = createEventStore()
  /** One event: a body as JSON (or a raw string), the request's fields overridden by `request`. */
  const send = (body: unknown, request: Partial<EventRequest> = {}, acceptsRevenue = true) =>
    store.ingest(
      {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        userAgent: browser,
        ip: '198.51.100.7',
        ...request,
      },
      { findSite: (domain) => registry.find(domain), acceptsRevenue, clock: () => clock },
    )
  return { registry, store, send, now: () => clock, tick: (ms: number) => (clock += ms) }
}
