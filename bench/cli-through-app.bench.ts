// Why the CLI goes through the running app: one stats call over the app's control socket, against
// what the CLI must do alone (open the core, start the Demo server, call, close) — side by side. Each call
// asks for a different day, so neither side is answered from the read cache.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { medianMs } from './goals'
import { createApiClient, type PlausibleApi } from '../src/shared/contract'
import { aggregateQuery } from '../src/shared/plausible/builders'
import { openCore, type Core } from '../src/core/core'
import { dispatch } from '../src/core/dispatch'
import { connectControlSocket, type ControlSocketClient } from '../src/core/transport/control-socket-client'
import { serveControlSocket, type ControlSocketServer } from '../src/core/transport/control-socket-server'

const site = 'shop.example.com'
let app: Core
let server: ControlSocketServer
let socket: ControlSocketClient
let viaApp: PlausibleApi
let calls = 0

/** One day's visitors, a day further back on every call: a real request each time, never a cache hit. */
function nextQuery(): ReturnType<typeof aggregateQuery> {
  calls += 1
  const day = new Date(Date.now() - calls * 86_400_000).toISOString().slice(0, 10)
  return aggregateQuery(site, { metrics: ['visitors'], dateRange: [day, day] })
}

beforeAll(async () => {
  const configDir = mkdtempSync(join(tmpdir(), 'plausible-bench-'))
  // A high limit: the benchmark measures transport and start-up, not the budget.
  app = await openCore({ configDir, env: { PLAUSIBLE_HOURLY_LIMIT: '1000000' }, addDemoIfEmpty: true })
  server = await serveControlSocket({ path: join(configDir, 'control.sock'), handlers: app.handlers })
  const client = await connectControlSocket(server.path, { timeoutMs: 10_000 })
  if (!client) throw new Error('the control socket did not answer')
  socket = client
  viaApp = createApiClient(socket.transport)
})

afterAll(async () => {
  socket.close()
  await server.close()
  await app.close()
})

test('stats.query from the CLI: through the app vs in-process', async () => {
  const runs = 9
  // Alternating runs of each side (bench/goals.ts): tinybench's compare never settled with a side that
  // opens and closes a whole core per iteration.
  const times = await medianMs(runs, {
    subject: async () => {
      await viaApp['stats.query']({ query: nextQuery() })
    },
    baseline: async () => {
      const core = await openCore({
        configDir: mkdtempSync(join(tmpdir(), 'plausible-bench-')),
        env: {},
        addDemoIfEmpty: true,
      })
      const wire = await dispatch(core.handlers, 'stats.query', { query: nextQuery() })
      if (!wire.ok) throw new Error(wire.error.message)
      await core.close()
    },
  })
  const ratio = times.baseline! / times.subject
  console.log(
    `stats.query: through the running app is ${ratio.toFixed(1)}× faster than in-process (open core, start the Demo server, call, close): median ${times.subject.toFixed(1)} ms vs ${times.baseline!.toFixed(1)} ms of ${runs} runs each`,
  )
})
