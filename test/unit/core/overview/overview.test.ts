// The overview service through the core, on an injected clock against a fake Plausible server: one request
// per site (and the site list), the tray's samples for current visitors, the budget's refusals as stale
// numbers with their time, a failing site beside ones that show, and the last numbers kept on disk.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import type { Fetch, SecretStore } from '../../../../src/core/ports'
import type { OverviewReport } from '../../../../src/shared/contract/overview'
import { memorySettings } from '../../../helpers/memory-settings'

const hourMs = 3_600_000
const start = Date.parse('2026-11-23T10:20:00.000Z')
const sites = ['a.example', 'b.example', 'broken.example']

let now = start
let configDir: string
/** The server answers every v2 query with 429 (its hourly counter is spent). */
let rateLimited = false
let requests: string[]
const cores: Core[] = []

/** Hour i of the 49 in the range has 2 visitors before the split and 3 after; b.example had none before. */
const server: Fetch = async (input, init) => {
  const url = new URL(String(input))
  requests.push(url.pathname)
  if (url.pathname === '/api/v1/sites')
    return Response.json({
      sites: sites.map((domain) => ({ domain, timezone: 'Etc/UTC' })),
      meta: { after: null, before: null, limit: 100 },
    })
  if (url.pathname === '/api/v2/query') {
    const body = JSON.parse(String(init?.body)) as { site_id: string; date_range: [string, string] }
    if (body.site_id === 'broken.example')
      return Response.json({ error: 'Invalid API key or site ID.' }, { status: 401 })
    if (rateLimited) return Response.json({ error: 'Too many API requests.' }, { status: 429 })
    const from = Date.parse(body.date_range[0])
    const labels = Array.from({ length: 49 }, (_, index) =>
      new Date(from + index * hourMs).toISOString().replace('T', ' ').slice(0, 19),
    )
    const visitorsAt = (index: number): number => (index < 24 ? (body.site_id === 'b.example' ? 0 : 2) : 3)
    return Response.json({
      results: labels
        .map((label, index) => ({ metrics: [visitorsAt(index)], dimensions: [label] }))
        .filter((row) => row.metrics[0] !== 0),
      meta: { time_labels: labels },
      query: { site_id: body.site_id, date_range: body.date_range },
    })
  }
  return Response.json({ error: 'Not found' }, { status: 404 })
}

const secrets: SecretStore = {
  kind: 'memory',
  get: async () => 'work-key-0123456789abcdef',
  set: async () => undefined,
  delete: async () => true,
}

async function open(hourlyLimit: number): Promise<Core> {
  const core = await openCore({
    configDir,
    settings: memorySettings({
      accounts: [{ alias: 'work', baseUrl: 'https://stats.example.com', hourlyLimit }],
      defaultAccount: 'work',
    }),
    secrets,
    clock: () => now,
    fetch: server,
    deliverJournal: false,
    env: {},
    sleep: async () => undefined,
  })
  cores.push(core)
  return core
}

const queries = (): number => requests.filter((path) => path === '/api/v2/query').length

beforeEach(() => {
  now = start
  rateLimited = false
  requests = []
  configDir = mkdtempSync(join(tmpdir(), 'overview-'))
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe('overview.get', () => {
  it('reads every site with one request each after one site list, and shows a failing site beside the others', async () => {
    const core = await open(600)
    const report = await core.handlers['overview.get']({ awaitRefresh: true })
    expect(requests).toEqual(['/api/v1/sites', '/api/v2/query', '/api/v2/query', '/api/v2/query'])
    expect(
      report.cards.map((card) => [card.site, card.visitors, card.previousVisitors, card.change]),
    ).toEqual([
      ['a.example', 75, 48, 56],
      ['b.example', 75, 0, null],
      ['broken.example', null, null, null],
    ])
    expect(report.cards[0]).toMatchObject({
      timezone: 'Etc/UTC',
      window: { from: '2026-11-21T10:00:00+00:00', to: '2026-11-23T10:59:59+00:00' },
      asOf: '2026-11-23T10:20:00.000Z',
      stale: null,
      error: null,
    })
    expect(report.cards[0]?.sparkline).toHaveLength(25)
    expect(report.cards[2]).toMatchObject({ stale: 'error', error: { code: 'AUTH_INVALID' } })
    // 600/h, 60 reserved: half of 540 an hour pays 3 requests every 5 minutes at the least.
    expect(report.accounts).toEqual([
      {
        account: 'work',
        isDemo: false,
        siteCount: 3,
        requestsPerRefresh: 3,
        intervalMs: 300_000,
        lastRefreshAt: '2026-11-23T10:20:00.000Z',
        nextRefreshAt: '2026-11-23T10:25:00.000Z',
        isRefreshing: false,
        stale: null,
        error: null,
      },
    ])
    expect(report.refresh).toEqual({
      siteCount: 3,
      requestsPerRefresh: 3,
      nextRefreshAt: '2026-11-23T10:25:00.000Z',
    })
  })

  it('answers from its last numbers until the interval has passed, then reads again', async () => {
    const core = await open(600)
    await core.handlers['overview.get']({ awaitRefresh: true })
    now = start + 300_000 - 1
    await core.handlers['overview.get']({ awaitRefresh: true })
    expect(queries()).toBe(3)
    now = start + 300_000
    const report = await core.handlers['overview.get']({ awaitRefresh: true })
    expect(queries()).toBe(6)
    expect(report.cards[0]?.asOf).toBe('2026-11-23T10:25:00.000Z')
  })

  it('answers at once while the refresh runs on when nobody awaits it', async () => {
    const core = await open(600)
    const first = await core.handlers['overview.get']({})
    expect(first.accounts[0]).toMatchObject({ isRefreshing: true, siteCount: 0 })
    let second = await core.handlers['overview.get']({ refresh: 'none' })
    for (let tries = 0; second.accounts[0]?.isRefreshing && tries < 500; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      second = await core.handlers['overview.get']({ refresh: 'none' })
    }
    expect(second.cards.map((card) => card.visitors)).toEqual([75, 75, null])
    expect(second.accounts[0]?.isRefreshing).toBe(false)
  })

  it('spends exactly what the hour has above the reserve, and sends nothing one request short', async () => {
    // 5/h, 1 reserved: 4 for background — the site list and 3 sites.
    const enough = await open(5)
    expect((await enough.handlers['overview.get']({ awaitRefresh: true })).cards[0]?.visitors).toBe(75)
    expect(requests).toHaveLength(4)

    requests = []
    configDir = mkdtempSync(join(tmpdir(), 'overview-'))
    // 4/h, 1 reserved: 3 for background — not even the list and the sites.
    const short = await open(4)
    const report = await short.handlers['overview.get']({ awaitRefresh: true })
    expect(requests).toEqual(['/api/v1/sites'])
    expect(report.accounts[0]).toMatchObject({
      siteCount: 3,
      stale: 'budget',
      nextRefreshAt: '2026-11-23T11:00:15.000Z',
    })
    expect(report.cards.map((card) => [card.visitors, card.stale])).toEqual([
      [null, 'budget'],
      [null, 'budget'],
      [null, 'budget'],
    ])
  })

  it('keeps the last numbers with their time and the budget as the reason when the hour is spent', async () => {
    const core = await open(5)
    await core.handlers['overview.get']({ awaitRefresh: true })
    now = start + 10 * 60_000
    requests = []
    const report = await core.handlers['overview.get']({ refresh: 'all', awaitRefresh: true })
    expect(requests).toEqual([])
    expect(report.cards[0]).toMatchObject({
      visitors: 75,
      asOf: '2026-11-23T10:20:00.000Z',
      stale: 'budget',
      error: null,
    })
    expect(report.accounts[0]).toMatchObject({ stale: 'budget', nextRefreshAt: '2026-11-23T11:00:15.000Z' })
  })

  it('lets the CLI read where background may not: it spends the reserve', async () => {
    const core = await open(5)
    await core.handlers['overview.get']({ awaitRefresh: true })
    now = start + 10 * 60_000
    // 4 of 5 used: the CLI may spend the fifth, but a refresh needs 3.
    const cli = await core.handlersFor('cli')['overview.get']({ refresh: 'all', awaitRefresh: true })
    expect(cli.accounts[0]?.stale).toBe('budget')
    now = start + hourMs
    requests = []
    const nextHour = await core.handlersFor('cli')['overview.get']({ refresh: 'all', awaitRefresh: true })
    // A new hour: the site list is an hour old too.
    expect(requests).toEqual(['/api/v1/sites', '/api/v2/query', '/api/v2/query', '/api/v2/query'])
    expect(nextHour.accounts[0]?.stale).toBeNull()
  })

  it("shows the tray's last sample as current visitors and the pins' order, without a request of its own", async () => {
    const core = await open(600)
    core.glance.history.record('work', 'b.example', 7, start - 60_000)
    await core.glance.settings.setPins([
      { account: 'work', site: 'b.example' },
      { account: 'work', site: 'a.example' },
    ])
    const report = await core.handlers['overview.get']({ awaitRefresh: true })
    expect(requests.filter((path) => path.includes('realtime'))).toEqual([])
    expect(report.cards.map((card) => [card.site, card.currentVisitors, card.pinIndex])).toEqual([
      ['a.example', null, 1],
      ['b.example', { visitors: 7, at: '2026-11-23T10:19:00.000Z' }, 0],
      ['broken.example', null, null],
    ])
  })

  it('keeps the last numbers in overview.json (0600), shown at once after a restart with their time', async () => {
    const first = await open(600)
    await first.handlers['overview.get']({ awaitRefresh: true })
    await first.close()
    cores.splice(0)
    const path = join(configDir, 'overview.json')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1 })

    now = start + 3 * hourMs
    requests = []
    const restarted = await open(600)
    const report = await restarted.handlers['overview.get']({ refresh: 'none' })
    expect(requests).toEqual([])
    expect(report.cards.map((card) => [card.site, card.visitors, card.asOf])).toEqual([
      ['a.example', 75, '2026-11-23T10:20:00.000Z'],
      ['b.example', 75, '2026-11-23T10:20:00.000Z'],
      ['broken.example', null, null],
    ])
  })

  it('moves an unreadable overview.json aside and says so once', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(configDir, 'overview.json'), '{not json', { mode: 0o600 })
    const core = await open(600)
    const report: OverviewReport = await core.handlers['overview.get']({ refresh: 'none' })
    expect(report.notices).toEqual([
      expect.stringMatching(
        /overview\.json could not be read \(it is not valid JSON\); it was moved to .*overview\.json\.corrupt-/,
      ),
    ])
    expect((await core.handlers['overview.get']({ refresh: 'none' })).notices).toBeUndefined()
  })

  it('keeps the last numbers with the 429 as the reason, and waits for the top of the next hour', async () => {
    const core = await open(600)
    await core.handlers['overview.get']({ awaitRefresh: true })
    now = start + 10 * 60_000
    rateLimited = true
    const report = await core.handlers['overview.get']({ awaitRefresh: true })
    expect(report.cards.map((card) => [card.visitors, card.asOf, card.stale])).toEqual([
      [75, '2026-11-23T10:20:00.000Z', 'rate-limited'],
      [75, '2026-11-23T10:20:00.000Z', 'rate-limited'],
      [null, null, 'error'],
    ])
    expect(report.accounts[0]).toMatchObject({
      stale: 'rate-limited',
      nextRefreshAt: '2026-11-23T11:00:15.000Z',
    })
  })

  it('says an account without a key has none, sends nothing for it, and still answers', async () => {
    const keyless = await openCore({
      configDir,
      settings: memorySettings({
        accounts: [{ alias: 'lost', baseUrl: 'https://stats.example.com', hourlyLimit: 600 }],
        defaultAccount: 'lost',
      }),
      secrets: { ...secrets, get: async () => null },
      clock: () => now,
      fetch: server,
      deliverJournal: false,
      env: {},
    })
    cores.push(keyless)
    const report = await keyless.handlers['overview.get']({ awaitRefresh: true })
    expect(requests).toEqual([])
    expect(report.accounts[0]).toMatchObject({
      account: 'lost',
      siteCount: 0,
      stale: 'error',
      error: { code: 'AUTH_MISSING', message: 'Account "lost" has no API key on this machine.' },
    })
  })

  it('names an unknown account as every call does', async () => {
    const core = await open(600)
    await expect(core.handlers['overview.get']({ account: 'nope' })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
  })
})
