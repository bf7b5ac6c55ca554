// What coalescing and the read cache save on one dashboard load. The window opens on a site (its sites
// list, the realtime count, top stats with the previous period, the visitors series, four breakdowns)
// while the tray polls the same sites list and realtime count; 30 s later the window is reloaded.
// Without the cache and coalescing every call is one request; the counts below are the requests that
// reached the sandbox, and the bench times the same load with and without them.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createPlausibleClient } from '../src/core/api/client'
import { openCore, type Core } from '../src/core/core'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import type { Fetch } from '../src/core/ports'
import type { V2Query } from '../src/shared/plausible/query'

let sandbox: RunningSandbox
let site: string
let now = Date.parse('2026-03-02T10:20:00Z')
const clock = (): number => now

beforeAll(async () => {
  sandbox = await startSandbox({ hourlyLimit: 1_000_000_000, clock })
  site = sandbox.sites[0]!.domain
})

afterAll(async () => {
  await sandbox.close()
})

function windowQueries(): V2Query[] {
  const top = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration'] as V2Query['metrics']
  const breakdown = (dimension: string): V2Query =>
    ({ site_id: site, metrics: ['visitors'], date_range: '7d', dimensions: [dimension] }) as V2Query
  return [
    { site_id: site, metrics: top, date_range: '7d' } as V2Query,
    { site_id: site, metrics: top, date_range: ['2026-02-16', '2026-02-22'] } as V2Query,
    { site_id: site, metrics: ['visitors'], date_range: '7d', dimensions: ['time:day'] } as V2Query,
    breakdown('visit:source'),
    breakdown('event:page'),
    breakdown('visit:country'),
    breakdown('visit:device'),
  ]
}

/** One load: the window's calls and the tray's poll at the same moment. Returns the calls made. */
async function dashboardLoad(core: Core): Promise<number> {
  const window = core.handlersFor('interactive')
  const tray = core.handlersFor('tray')
  const calls: Array<Promise<unknown>> = [
    window['sites.list']({}),
    window['stats.realtime']({ site }),
    ...windowQueries().map((query) => window['stats.query']({ query })),
    tray['sites.list']({}),
    tray['stats.realtime']({ site }),
  ]
  await Promise.all(calls)
  return calls.length
}

async function countingCore(): Promise<{ core: Core; requests: () => number }> {
  let requests = 0
  const fetchCounting = ((input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    requests += 1
    return fetch(input, init)
  }) as Fetch
  const core = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'plausible-bench-')),
    clock,
    fetch: fetchCounting,
    env: {
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_HOURLY_LIMIT: '1000000000',
    },
  })
  return { core, requests: () => requests }
}

test('one dashboard load and a reload 30 s later: requests saved by coalescing and the cache', async ({
  bench,
}) => {
  const { core, requests } = await countingCore()
  const calls = (await dashboardLoad(core)) * 2
  now += 30_000
  await dashboardLoad(core)
  const sent = requests()
  const reads = (await core.handlers['queue.inspect']({})).reads
  await core.close()
  console.log(
    `dashboard load + reload: ${calls} calls, ${sent} requests reached the server ` +
      `(${calls - sent} saved: ${reads.coalesced} joined a request in flight, ${reads.cached} served from cache)`,
  )
  expect(sent).toBeLessThan(calls)

  // The same load timed: a fresh core each time (nothing cached) against bare requests, one per call.
  const bare = createPlausibleClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey })
  const coreName = 'one load through the core (coalescing on, cold cache)'
  const bareName = 'one load as bare requests (one per call)'
  const timed = await countingCore()
  const results = await bench.compare(
    bench(coreName, async () => {
      timed.core.handlers['queue.inspect']({}) // keep the core warm
      now += 3_600_000 // a new hour: nothing fresh in the cache
      await dashboardLoad(timed.core)
    }),
    bench(bareName, async () => {
      await Promise.all([
        bare.listSites(),
        bare.realtimeVisitors(site),
        ...windowQueries().map((query) => bare.query(query)),
        bare.listSites(),
        bare.realtimeVisitors(site),
      ])
    }),
    { time: 2000, iterations: 20 },
  )
  await timed.core.close()
  const ratio = results.get(bareName).latency.mean / results.get(coreName).latency.mean
  console.log(`one cold dashboard load: through the core ${ratio.toFixed(2)}× the speed of bare requests`)
})
