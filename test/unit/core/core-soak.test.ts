// The core for a simulated week (issue 13, item 10): the tray's poller on three pinned sites, the window
// opening its dashboard through the working hours (each visit a burst of the same cached query, as
// react-query refetches do), and the CLI asking once an hour, all on a fake clock against a fake
// Plausible server. The heap after a full GC must come back to where the first day left it, and a long
// run of cached reads must not pile garbage into the old generation (only a full GC would free it, so
// the app's RSS grew with every cached read).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoAccount } from '../../../src/core/accounts/config-schema'
import { openCore, type Core } from '../../../src/core/core'
import { createPoller, type Poller } from '../../../src/core/glance/poller'
import type { Fetch } from '../../../src/core/ports'
import type { ContractHandlers } from '../../../src/shared/contract'
import { heapAfterGc, megabytes, oldGenerationUsed } from '../../helpers/heap'
import { memorySettings } from '../../helpers/memory-settings'
import { createVirtualTime } from '../main/virtual-time'

const minuteMs = 60_000
const hourMs = 60 * minuteMs
const dayMs = 24 * hourMs
const start = Date.parse('2026-11-23T00:00:00.000Z')
const pinned = ['shop.example.com', 'blog.example.org', 'docs.example.net']
/** The dashboard's question while the window is open; every read of it after the first is a cache hit. */
const dashboardQuery: Parameters<ContractHandlers['stats.query']>[0] = {
  account: 'demo',
  query: { site_id: 'shop.example.com', metrics: ['visitors', 'pageviews'], date_range: '7d' },
}

const time = createVirtualTime(start)
let requests = 0
let core: Core
let poller: Poller
let configDir: string

/** A Plausible server that answers at once: realtime counts that follow the clock, v2 rows per day. */
const server: Fetch = async (input, init) => {
  requests += 1
  const url = new URL(String(input))
  if (url.pathname === '/api/v1/stats/realtime/visitors') {
    const minute = Math.floor(time.now() / minuteMs)
    return Response.json((minute * 7 + (url.searchParams.get('site_id') ?? '').length * 13) % 40)
  }
  if (url.pathname === '/api/v2/query') {
    const body = JSON.parse(String(init?.body)) as { site_id: string; dimensions?: string[] }
    const days = body.dimensions?.length ? 30 : 1
    const results = Array.from({ length: days }, (_, index) => ({
      metrics: [100 + index, 250 + index],
      dimensions: body.dimensions?.length ? [`2026-11-${String(index + 1).padStart(2, '0')}`] : [],
    }))
    return Response.json({ results, meta: {}, query: { site_id: body.site_id } })
  }
  return Response.json({ error: `Not found: ${url.pathname}` }, { status: 404 })
}

/** Runs `count` calls of `call` on `workers` concurrent loops, as the window's parallel queries do. */
async function concurrently(workers: number, count: number, call: () => Promise<unknown>): Promise<void> {
  let started = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (started < count) {
        started += 1
        await call()
      }
    }),
  )
}

/** Ten minutes of the window in front of the user: a dashboard refetch burst and the screen's other reads. */
async function windowVisit(window: ContractHandlers): Promise<void> {
  const now = time.now()
  await concurrently(8, 400, () => window['stats.query'](dashboardQuery))
  await window['stats.query']({
    account: 'demo',
    query: { site_id: 'shop.example.com', metrics: ['visitors', 'pageviews'], date_range: 'day' },
  })
  await window['stats.query']({
    account: 'demo',
    query: {
      site_id: 'blog.example.org',
      metrics: ['visitors', 'pageviews'],
      date_range: '30d',
      dimensions: ['time:day'],
    },
  })
  // The realtime panel's five-minute range: a new cache key each visit, the cache's bound applies.
  await window['stats.query']({
    account: 'demo',
    query: {
      site_id: 'shop.example.com',
      metrics: ['visitors'],
      date_range: [new Date(now - 5 * minuteMs).toISOString(), new Date(now).toISOString()],
    },
  })
  await window['stats.realtime']({ account: 'demo', site: 'shop.example.com' })
  await window['budget.status']({ account: 'demo' })
  await window['accounts.list']({})
  await window['pins.list']({})
  await window['tray.get']({})
  await window['realtime.history']({ account: 'demo', site: 'shop.example.com' })
}

/** The CLI's hourly script: today's numbers and the budget. */
async function cliRun(cli: ContractHandlers): Promise<void> {
  await cli['stats.query']({
    account: 'demo',
    query: { site_id: 'docs.example.net', metrics: ['visitors'], date_range: 'day' },
  })
  await cli['budget.status']({ account: 'demo' })
  await cli['queue.inspect']({ account: 'demo', limit: 5 })
}

/**
 * Lives through one day in ten-minute steps; the poller's timers fire in between. The laptop is awake
 * from 08:00 to 20:00 (the tray's polling is paused at night, as its menu does), the window is opened
 * every hour from 09:00 to 17:00, and the CLI runs every hour.
 */
async function liveDay(day: number): Promise<void> {
  const window = core.handlers
  const tray = core.handlersFor('tray')
  const cli = core.handlersFor('cli')
  for (let slot = 0; slot < 24 * 6; slot++) {
    await time.advanceTo(start + day * dayMs + slot * 10 * minuteMs, () => poller.idle())
    const hour = Math.floor(slot / 6)
    if (slot === 8 * 6) await tray['tray.set']({ isPollingPaused: false })
    if (slot === 20 * 6) await tray['tray.set']({ isPollingPaused: true })
    if (hour >= 9 && hour < 17 && slot % 6 === 0) await windowVisit(window)
    if (slot % 6 === 0) await cliRun(cli)
  }
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plausible-core-soak-'))
  core = await openCore({
    configDir,
    // The Demo account keeps its ledger in this process (no file lock per request); its requests go to
    // the fake server above.
    // A 30/hour key: the tray's even pace is then ~13 requests an hour, so a week of polling fits in a
    // test's time (each request waits a few real milliseconds in bottleneck's turns).
    settings: memorySettings({
      accounts: [{ ...demoAccount, hourlyLimit: 30 }],
      defaultAccount: demoAccount.alias,
    }),
    clock: time.now,
    fetch: server,
    deliverJournal: false,
    env: {},
  })
  await core.glance.settings.setPins(pinned.map((site) => ({ account: 'demo', site })))
  await core.handlersFor('tray')['tray.set']({ isPollingPaused: true })
  poller = createPoller({
    handlers: core.handlersFor('tray'),
    glance: core.glance,
    clock: time.now,
    timers: time,
    onUpdate: () => undefined,
  })
})

afterAll(async () => {
  poller.stop()
  await core.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe('the core over a simulated week', () => {
  it('comes back to the heap of its first day after a GC, a week of window, tray and CLI later', async () => {
    await liveDay(0)
    await core.history.flush()
    const firstDay = heapAfterGc()
    const requestsBefore = requests
    for (let day = 1; day < 7; day++) await liveDay(day)
    await core.history.flush()
    const lastDay = heapAfterGc()

    // The week really ran: the tray polled, the window and the CLI asked (each day alike).
    expect(requests - requestsBefore).toBeGreaterThan(6 * 150)
    expect(poller.view().pins.map((pin) => pin.error)).toEqual([null, null, null])
    expect(megabytes(lastDay - firstDay)).toBeLessThan(3)
  }, 60_000)

  it('keeps the old generation flat through 40,000 cached reads (8 at a time, the same query)', async () => {
    const window = core.handlers
    await window['stats.query'](dashboardQuery)
    const reads = core.handlers
    heapAfterGc()
    const before = oldGenerationUsed()
    await concurrently(8, 40_000, () => reads['stats.query'](dashboardQuery))
    const grown = oldGenerationUsed() - before
    // Before the fix each cached read left ~240 bytes there (~9 MB here), freed only by a full GC.
    expect(megabytes(grown)).toBeLessThan(2)
  }, 60_000)
})
