// The tray's day: the real core (ledger in usage.json, scheduler, read cache) and the real tray with a
// fake Electron and a fake clock, 10 sites pinned on one 600/hour key, for 24 simulated hours against a
// fake Plausible server that counts per UTC hour and answers 429 past 600 (plausible-api.md §3). Some
// hours the window spends too, so the tray has to give way.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { resetElectronFake } from '../../helpers/electron-mock'
import { memorySettings } from '../../helpers/memory-settings'
import { demoAccount } from '../../../src/core/accounts/config-schema'
import { openCore, type Core } from '../../../src/core/core'
import type { Fetch } from '../../../src/core/ports'
import { createVirtualTime } from './virtual-time'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
const { createTray } = await import('../../../src/main/tray')

const hourMs = 3_600_000
const start = Date.parse('2026-11-22T00:00:00.000Z')
const sites = Array.from({ length: 10 }, (_, index) => `site-${index + 1}.example`)
/** Hours in which the window spends this many requests at twenty past. */
const windowBursts: Record<number, number> = { 3: 200, 9: 300, 15: 450, 20: 560 }

interface Sent {
  hour: number
  isTray: boolean
  /** Requests the server had counted in this hour before this one. */
  countedBefore: number
}

const time = createVirtualTime(start)
const sent: Sent[] = []
const counted = new Map<number, number>()
const statuses: number[] = []
let isWindowSpending = false
let core: Core
let tray: ReturnType<typeof createTray>
/** The menu and title five minutes after the window spent the hour (20:25 UTC). */
let spentHour: { title: string; tooltip: string; labels: string[] }

/** A Plausible server for one key: realtime counts that follow the clock, 600 per UTC hour, then 429. */
const server: Fetch = async (input, init) => {
  const url = new URL(String(input))
  const auth = new Headers(init?.headers).get('authorization')
  if (!auth?.startsWith('Bearer ')) return Response.json({ error: 'Missing API key.' }, { status: 401 })
  const hour = Math.floor(time.now() / hourMs)
  const before = counted.get(hour) ?? 0
  counted.set(hour, before + 1)
  sent.push({ hour: hour - start / hourMs, isTray: !isWindowSpending, countedBefore: before })
  if (before + 1 > 600) {
    statuses.push(429)
    return Response.json(
      {
        error:
          'Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.',
      },
      { status: 429 },
    )
  }
  statuses.push(200)
  const site = url.searchParams.get('site_id') ?? ''
  const minute = Math.floor(time.now() / 60_000)
  return Response.json((minute * 7 + site.length * 13) % 40)
}

beforeAll(async () => {
  resetElectronFake()
  core = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'plausible-soak-')),
    // The Demo account keeps its ledger in this process (the same counting as usage.json, without a file
    // lock per request, so a day runs in seconds); its requests still go to the fake server below.
    settings: memorySettings({ accounts: [{ ...demoAccount }], defaultAccount: demoAccount.alias }),
    clock: time.now,
    fetch: server,
    deliverJournal: false,
  })
  await core.glance.settings.setPins(sites.map((site) => ({ account: 'demo', site })))
  tray = createTray({
    handlers: core.handlersFor('tray'),
    glance: core.glance,
    onOpen: () => {},
    onQuit: () => {},
    clock: time.now,
    timers: time,
    platform: 'linux',
  })
  await tray.idle()
  for (let hour = 0; hour < 24; hour++) {
    const burst = windowBursts[hour]
    if (burst) {
      await time.advanceTo(start + hour * hourMs + 20 * 60_000, tray.idle)
      isWindowSpending = true
      // Distinct sites, so neither the cache nor coalescing saves a request.
      for (let index = 0; index < burst; index++)
        await core.handlers['stats.realtime']({
          account: 'demo',
          site: `window-${index}.example`,
          wait: false,
        }).catch(() => undefined)
      isWindowSpending = false
      if (hour === 20) {
        await time.advanceTo(start + hour * hourMs + 25 * 60_000, tray.idle)
        const model = tray.model()
        spentHour = {
          title: model.title,
          tooltip: model.tooltip,
          labels: model.menu.map((item) => item.label),
        }
      }
    }
    await time.advanceTo(start + (hour + 1) * hourMs, tray.idle)
  }
}, 120_000)

afterAll(async () => {
  tray.destroy()
  await core.close()
})

const trayPerHour = () =>
  Array.from(
    { length: 24 },
    (_, hour) => sent.filter((request) => request.hour === hour && request.isTray).length,
  )

describe('the tray over 24 simulated hours, 10 pinned sites, 600 requests/hour', () => {
  it('never meets a 429 and never lets an hour pass 600', () => {
    expect(statuses.filter((status) => status === 429)).toEqual([])
    expect(Math.max(...counted.values())).toBeLessThanOrEqual(600)
  })

  it('leaves the interactive reserve alone: no tray request is sent once the hour has counted 540', () => {
    const intoReserve = sent.filter((request) => request.isTray && request.countedBefore >= 540)
    expect(intoReserve).toEqual([])
    expect(Math.max(...trayPerHour())).toBeLessThanOrEqual(540)
  })

  it('polls all day at an even pace: 26 rounds of 10 sites in a quiet hour, fewer as the window drains an hour', () => {
    // Quiet hours: min(540 left, 0.5 · 540 · time left / hour) spread evenly, from 15 s past the hour.
    // 03: the window's 200 leave enough; 09: 300 leave 230; 15: 450 leave 90; 20: the window takes the rest.
    expect(trayPerHour()).toEqual([
      260, 260, 260, 260, 260, 260, 260, 260, 260, 230, 260, 260, 260, 260, 260, 90, 260, 260, 260, 260, 90,
      260, 260, 260,
    ])
    expect(sent.filter((request) => request.isTray)).toHaveLength(5_880)
  })

  it('gives way to the window: in the hour it spent 560 at twenty past, the window got 510 and nothing passed 600', () => {
    const hour20 = sent.filter((request) => request.hour === 20)
    expect(hour20.filter((request) => !request.isTray)).toHaveLength(510)
    expect(hour20).toHaveLength(600)
  })

  it('says in the menu that polling waits for the next hour when the hour is spent', () => {
    expect(spentHour.title).toMatch(/^\d+ · 0\/600$/)
    expect(spentHour.labels).toContain(
      "Polling paused until 21:00 UTC: the tray's share of this hour is spent",
    )
    expect(spentHour.tooltip).toContain('0 of 600 API requests left · resets 21:00 UTC')
  })

  it('kept every sample in the history rings: 30 minutes in full and the day in 5-minute buckets', async () => {
    const history = await core.handlers['realtime.history']({ account: 'demo', site: 'site-1.example' })
    // One sample every 133–139 s in the last 30 minutes; the day's buckets, less the ones the tray
    // spent waiting for the next hour (15:20–16:00 and 20:20–21:00).
    expect(history.recent).toHaveLength(13)
    expect(history.recent.at(-1)!.at).toBe('2026-11-23T00:00:00.000Z')
    expect(history.day).toHaveLength(273)
    expect(history.day[0]!.at).toBe('2026-11-22T00:00:00.000Z')
  })
})
