// What the scheduler costs per request: one Stats API query sent bare (client → sandbox) against the
// same query through the core (connector, bottleneck limiter, the usage.json ledger under its file lock,
// the read cache's bookkeeping). Every query is different, so the cache answers none. Most of the
// difference is one bottleneck turn (limiter-turn.bench.ts); against a real server's latency it is small.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { createPlausibleClient, type PlausibleClient } from '../src/core/api/client'
import { openCore, type Core } from '../src/core/core'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import type { ContractHandlers } from '../src/shared/contract'
import type { V2Query } from '../src/shared/plausible/query'

let sandbox: RunningSandbox
let bare: PlausibleClient
let core: Core
let handlers: ContractHandlers
let site: string
let serial = 0

/** A query no earlier iteration asked (a page filter that changes each time), so nothing is cached. */
function nextQuery(): V2Query {
  serial += 1
  return {
    site_id: site,
    metrics: ['visitors'],
    date_range: '7d',
    filters: [['contains', 'event:page', [`/bench-${serial}`]]],
  } as V2Query
}

beforeAll(async () => {
  sandbox = await startSandbox({ hourlyLimit: 1_000_000_000 })
  site = sandbox.sites[0]!.domain
  bare = createPlausibleClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey })
  core = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'plausible-bench-')),
    env: {
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_HOURLY_LIMIT: '1000000000',
    },
  })
  handlers = core.handlersFor('cli')
})

afterAll(async () => {
  await core.close()
  await sandbox.close()
})

test('one stats query: through the scheduler and the shared ledger vs a bare request', async ({ bench }) => {
  const bareName = 'bare request to the sandbox'
  const scheduledName = 'through the scheduler (limiter + usage.json ledger under lock)'
  const results = await bench.compare(
    bench(bareName, async () => {
      await bare.query(nextQuery())
    }),
    bench(scheduledName, async () => {
      await handlers['stats.query']({ query: nextQuery() })
    }),
    { time: 3000, iterations: 50 },
  )
  const bareMean = results.get(bareName).latency.mean
  const scheduledMean = results.get(scheduledName).latency.mean
  console.log(
    `stats.query: the scheduler costs ${(scheduledMean / bareMean).toFixed(2)}× a bare request ` +
      `(${scheduledMean.toFixed(2)} ms vs ${bareMean.toFixed(2)} ms mean, +${(scheduledMean - bareMean).toFixed(2)} ms per request)`,
  )
})
