// The overview end to end: the built CLI's `plausible ui` in Debian's Chromium with two accounts — the Demo
// and a cloud sandbox — whose clocks stand still at one instant (PLAUSIBLE_FROZEN_TIME, the sandbox's
// clock), so the numbers on a card and a direct v2 query for the same window are read from the same data.
// The second harness seeds overview.json with last numbers and spends an account's hour: those cards keep
// their numbers with their age, and nothing else on the page fails.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import type { OverviewReport } from '../../src/shared/contract/overview'
import { startHarness, type Harness, type QueryResult } from './harness'
import { DashboardPage } from './pages/dashboard-page'
import { wholePercentChange } from './percent-change'
import { OverviewPage, type CardReading } from './pages/overview-page'

const frozenAt = new Date().toISOString()
const now = Date.parse(frozenAt)
const minute = 60_000
/**
 * Icons are asked while the sandbox answers the page's stats on the same event loop: on a slow machine the
 * first ask may time out (5 s), and the window asks again 10 s later (site-icon-queries.ts).
 */
const iconWaitMs = 30_000
/** Pinned on the server's account, but not one of its sites: its request fails, on its card only. */
const missing = 'missing.example.com'

let sandbox: RunningSandbox
let h: Harness
let context: BrowserContext
let page: Page
let overview: OverviewPage
let problems: string[]

let mainConfigDir: string

beforeAll(async () => {
  // What the tray sampled of one site (realtime-history.json, as the tray writes it): its card shows it.
  mainConfigDir = await mkdtemp(join(tmpdir(), 'plausible-e2e-overview-'))
  await writeFile(
    join(mainConfigDir, 'realtime-history.json'),
    JSON.stringify({
      version: 1,
      sites: [{ account: 'demo', site: 'shop.example.com', recent: [[now - 2 * minute, 17]], day: [] }],
    }),
  )
  sandbox = await startSandbox({ port: 0, mode: 'cloud', clock: () => now })
  h = await startHarness({ PLAUSIBLE_CONFIG_DIR: mainConfigDir, PLAUSIBLE_FROZEN_TIME: frozenAt })
  await h.value('accounts.add', {
    alias: 'work',
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.apiKey,
    makeDefault: false,
  })
  await h.value('pins.set', {
    pins: [
      { account: 'work', site: 'docs.example.net' },
      { account: 'demo', site: 'blog.example.org' },
      { account: 'work', site: missing },
    ],
  })
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
  await sandbox?.close()
  await rm(mainConfigDir, { recursive: true, force: true })
})

afterEach(async () => {
  await context?.close()
})

async function open(harness: Harness, options = {}): Promise<void> {
  ;({ context, page, problems } = await harness.newPage(options))
  // The page's clock stands still where the core's does: ages and "next read after" are read against it,
  // so a run that crosses the top of an hour still sees the hour it spent.
  await context.clock.setFixedTime(now)
  overview = new OverviewPage(page)
  await overview.open(harness.url)
}

/** What a missing icon leaves behind: the panel's rows (or its message) and the favicon requests the core sent. */
async function iconTrail(panel: Locator): Promise<string> {
  const rows = await panel
    .getByTestId('panel-row')
    .evaluateAll((nodes) =>
      nodes.map((node) => `${node.getAttribute('data-value')}${node.querySelector('img') ? ' (icon)' : ''}`),
    )
  const { exchanges } = await h.value<{
    exchanges: Array<{ url: string; status: number | null; error: string | null; durationMs: number }>
  }>('debug.http', { limit: 500 })
  const favicons = exchanges
    .filter((exchange) => exchange.url.includes('/favicon/sources/'))
    .map((exchange) => `${exchange.url} → ${exchange.status ?? exchange.error} in ${exchange.durationMs} ms`)
  return [`rows: ${rows.join(', ') || `none; the panel says: ${await panel.innerText()}`}`, ...favicons].join(
    '\n',
  )
}

/** Every card has its numbers (or its own error). */
async function waitForNumbers(count: number): Promise<CardReading[]> {
  await expect
    .poll(
      async () =>
        (await overview.readCards()).filter((card) => card.asOf !== '' || card.state === 'error').length,
      {
        timeout: 30_000,
      },
    )
    .toBe(count)
  return overview.readCards()
}

async function listedSites(
  harness: Harness,
  account: string,
): Promise<Array<{ domain: string; timezone: string }>> {
  return (
    await harness.value<{ sites: Array<{ domain: string; timezone: string }> }>('sites.list', { account })
  ).sites
}

/** A v2 query straight to the cloud sandbox with its key, or through the host for the in-process Demo. */
async function directQuery(account: string, query: Record<string, unknown>): Promise<QueryResult> {
  if (account === 'demo') return h.value<QueryResult>('stats.query', { account, query })
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(query),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as QueryResult
}

/** Plausible's percent change, halves away from zero; null for a site with nothing before. */
function percentChange(previous: number, current: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null
  return wholePercentChange(previous, current)
}

describe('the overview, the window’s landing page', () => {
  it('lists every site of both accounts with the numbers of a direct v2 query for the same window', async () => {
    await open(h)
    const expected = [
      ...(await listedSites(h, 'demo')).map((site) => `demo/${site.domain}`),
      ...(await listedSites(h, 'work')).map((site) => `work/${site.domain}`),
      `work/${missing}`,
    ]
    expect(expected.length).toBe(7)
    const cards = await waitForNumbers(expected.length)
    expect(cards.map((card) => `${card.account}/${card.site}`).sort()).toEqual([...expected].sort())

    // The core's own answer (refresh none: no request) names each card's window and its first hour.
    const report = await h.value<OverviewReport>('overview.get', { refresh: 'none' })
    for (const card of cards.filter((entry) => entry.site !== missing)) {
      const kept = report.cards.find((entry) => entry.account === card.account && entry.site === card.site)!
      expect(kept.window).not.toBeNull()
      // Visitors and pageviews: a body the core never sent, so no cache can answer it.
      const result = await directQuery(card.account, {
        site_id: card.site,
        metrics: ['visitors', 'pageviews'],
        date_range: [kept.window!.from, kept.window!.to],
        dimensions: ['time:hour'],
        include: { time_labels: true },
      })
      const labels = result.meta.time_labels!
      const byHour = new Map(result.results.map((row) => [String(row.dimensions[0]), Number(row.metrics[0])]))
      const firstHour = kept.sparkline[0]!.hour
      const current = labels.filter((label) => label >= firstHour)
      const previous = labels.filter((label) => label < firstHour)
      expect(current.length, card.site).toBe(25)
      const sum = (hours: string[]): number =>
        hours.reduce((total, hour) => total + (byHour.get(hour) ?? 0), 0)
      expect(card.visitors, `${card.account}/${card.site}`).toBe(sum(current))
      expect(card.previousVisitors, `${card.account}/${card.site}`).toBe(sum(previous))
      expect(card.change).toBe(percentChange(sum(previous), sum(current)))
      expect(card.sparkline).toEqual(current.map((hour) => byHour.get(hour) ?? 0))
      expect(card.visitors).toBeGreaterThan(0)
      expect(card.state).toBe('fresh')
    }

    // The pinned site the server does not know fails on its own card; every other card has numbers.
    const failed = overview.card('work', missing)
    expect(await failed.getAttribute('data-state')).toBe('error')
    expect(await failed.getByTestId('card-error').getAttribute('data-code')).toBeTruthy()
    expect(await page.getByTestId('card-error').count()).toBe(1)
    expect(await page.getByTestId('error-panel').count()).toBe(0)

    // Current visitors where the tray samples them, from its samples: no request of their own.
    expect(await page.getByTestId('card-current').count()).toBe(1)
    expect(
      await overview.card('demo', 'shop.example.com').getByTestId('card-current').getAttribute('data-value'),
    ).toBe('17')

    // The refresh line counts every site and one request for each.
    expect(await overview.refreshLine.textContent()).toMatch(
      /^7 sites · 7 requests per refresh · next in \d+ min$/,
    )
    await overview.screenshot('overview-light.png')
    expect(problems).toEqual([])
  })

  it('puts the tray’s pins first, then sorts by visitors, change or name', async () => {
    await open(h)
    await waitForNumbers(7)
    const pinned = ['work/docs.example.net', 'demo/blog.example.org', `work/${missing}`]
    const rest = (cards: CardReading[]): CardReading[] => cards.filter((card) => !card.isPinned)

    const byVisitors = await overview.readCards()
    expect(byVisitors.slice(0, 3).map((card) => `${card.account}/${card.site}`)).toEqual(pinned)
    const visitors = rest(byVisitors).map((card) => card.visitors!)
    expect(visitors).toEqual([...visitors].sort((a, b) => b - a))

    await overview.sortBy('change')
    const byChange = await overview.readCards()
    expect(byChange.slice(0, 3).map((card) => `${card.account}/${card.site}`)).toEqual(pinned)
    const changes = rest(byChange).map((card) => card.change ?? Number.NEGATIVE_INFINITY)
    expect(changes).toEqual([...changes].sort((a, b) => b - a))

    await overview.sortBy('name')
    expect(await overview.order()).toEqual([
      ...pinned,
      'work/blog.example.org',
      'demo/docs.example.net',
      'demo/shop.example.com',
      'work/shop.example.com',
    ])
    expect(problems).toEqual([])
  })

  it('searches domains and accounts, and remembers the sort and the list layout', async () => {
    await open(h)
    await waitForNumbers(7)
    await overview.sortBy('name')
    await overview.search.fill('shop')
    expect(await overview.order()).toEqual(['demo/shop.example.com', 'work/shop.example.com'])
    await overview.search.fill('work docs')
    expect(await overview.order()).toEqual(['work/docs.example.net'])
    await overview.search.fill('nothing.here')
    expect(await overview.cards.count()).toBe(0)
    expect(await page.getByTestId('overview-no-match').textContent()).toBe(
      'No site or account matches “nothing.here”.',
    )
    await overview.search.press('Escape')
    expect(await overview.cards.count()).toBe(7)

    await overview.layout('list')
    await overview.screenshot('overview-list-light.png')
    await page.reload()
    await overview.waitUntilReady()
    expect(await overview.list.getAttribute('data-layout')).toBe('list')
    expect(await overview.list.getAttribute('data-sort')).toBe('name')
    expect(problems).toEqual([])
  })

  it('moves between cards with the arrows, opens one with Enter, and Back returns', async () => {
    await open(h)
    await waitForNumbers(7)
    await overview.sortBy('name')
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('/')
    expect(await overview.focused()).toBe('overview-search')
    await page.keyboard.type('shop')
    await page.keyboard.press('ArrowDown')
    expect(await overview.focused()).toBe('site-card:demo/shop.example.com')
    await page.keyboard.press('ArrowRight')
    expect(await overview.focused()).toBe('site-card:work/shop.example.com')
    await page.keyboard.press('ArrowRight')
    expect(await overview.focused()).toBe('site-card:work/shop.example.com')
    await page.keyboard.press('ArrowLeft')
    expect(await overview.focused()).toBe('site-card:demo/shop.example.com')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    const dashboard = new DashboardPage(page)
    await dashboard.waitUntilReady({ site: 'shop.example.com' })
    expect(await dashboard.root.getAttribute('data-account')).toBe('work')
    expect(new URL(page.url()).hash).toBe('#/dashboard')

    await page.goBack()
    await overview.waitUntilReady()
    expect(new URL(page.url()).hash).toBe('#/overview')
    expect(problems).toEqual([])
  })

  it('opens a card’s dashboard on a click, whose site switcher still moves between sites', async () => {
    await open(h)
    await waitForNumbers(7)
    await overview.card('work', 'blog.example.org').click()
    const dashboard = new DashboardPage(page)
    await dashboard.waitUntilReady({ site: 'blog.example.org' })
    expect(await dashboard.root.getAttribute('data-account')).toBe('work')
    expect(await page.getByTestId('nav-overview').getAttribute('aria-current')).toBeNull()
    expect(await page.getByTestId('nav-dashboard').getAttribute('aria-current')).toBe('page')

    await dashboard.siteSelect.click()
    await page
      .locator(
        '[data-testid="site-list"] [data-testid="site-option"][data-domain="docs.example.net"][data-account="demo"]',
      )
      .first()
      .click()
    await dashboard.waitUntilReady({ site: 'docs.example.net' })
    expect(await dashboard.root.getAttribute('data-account')).toBe('demo')

    await page.getByTestId('nav-overview').click()
    await overview.waitUntilReady()
    expect(await overview.cards.count()).toBe(7)
    expect(problems).toEqual([])
  })

  it('draws letter tiles until favicons are turned on in Settings, then each site’s icon from its server', async () => {
    // Answered asks only: one that timed out on a busy sandbox is asked again, and is not an icon kept.
    const faviconRequests = async (): Promise<number> =>
      (
        await h.value<{ exchanges: Array<{ url: string; status: number | null }> }>('debug.http', {
          limit: 500,
        })
      ).exchanges.filter((exchange) => exchange.url.includes('/favicon/sources/') && exchange.status !== null)
        .length
    await open(h)
    await waitForNumbers(7)
    expect(await page.getByTestId('site-icon-letter').count()).toBe(7)
    expect(await faviconRequests()).toBe(0)

    await page.goto(`${h.url}#/settings`)
    await page.getByTestId('site-icons-fetch').check()
    await expect.poll(() => page.getByTestId('site-icons-mode').textContent()).toBe('Favicons')
    await page.getByTestId('nav-overview').click()
    await overview.waitUntilReady()
    // Six sites have an icon on their server; the pinned name no account lists gets the placeholder: a tile.
    await expect.poll(() => page.getByTestId('site-icon-image').count(), { timeout: iconWaitMs }).toBe(6)
    const icon = overview.card('work', 'shop.example.com').getByTestId('site-icon-image')
    expect(await icon.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(await overview.card('work', missing).getByTestId('site-icon-letter').count()).toBe(1)
    expect(await faviconRequests()).toBe(7)
    await overview.screenshot('overview-favicons.png')

    // The Sources panel of a dashboard shows each referrer's icon beside its name; Direct has none.
    await page.goto(`${h.url}&site=shop.example.com&account=work&period=30d#/dashboard`)
    await page.locator('[data-app-state="ready"]').waitFor()
    const sources = page.getByTestId('panel-sources')
    await expect
      .poll(() => sources.locator('[data-value="Google"] [data-testid="source-icon-image"]').count(), {
        timeout: iconWaitMs,
      })
      .toBe(1)
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await iconTrail(sources)}`)
      })
    expect(
      await sources.locator('[data-value="Direct / None"] [data-testid="source-icon-image"]').count(),
    ).toBe(0)
    await page.getByTestId('nav-overview').click()
    await overview.waitUntilReady()

    // Kept: opening the window again asks the server for no icon again.
    const beforeReopen = await faviconRequests()
    await context.close()
    await open(h)
    await expect.poll(() => page.getByTestId('site-icon-image').count(), { timeout: iconWaitMs }).toBe(6)
    expect(await faviconRequests()).toBe(beforeReopen)

    await h.value('siteIcons.set', { fetch: false })
    await page.reload()
    await overview.waitUntilReady()
    expect(await page.getByTestId('site-icon-image').count()).toBe(0)
    expect(await page.getByTestId('site-icon-letter').count()).toBe(7)
    expect(problems).toEqual([])
  })

  it('saves a screenshot in dark mode', async () => {
    await open(h, { colorScheme: 'dark' })
    await waitForNumbers(7)
    await overview.screenshot('overview-dark.png')
    expect(problems).toEqual([])
  })
})

describe('an account whose hour is spent', () => {
  let spent: Harness
  let configDir: string
  const readAt = now - (2 * 60 + 5) * minute

  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'plausible-e2e-overview-'))
    spent = await startHarness({ PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_FROZEN_TIME: frozenAt })
    // 5 an hour, 1 kept for the window and the CLI: background refresh may spend 4, minus what is spent.
    await spent.value('accounts.add', {
      alias: 'work',
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      makeDefault: false,
      hourlyLimit: 5,
    })
    const sites = await listedSites(spent, 'work')
    let budget = await spent.value<{ usedThisHour: number }>('budget.status', { account: 'work' })
    for (let i = 0; budget.usedThisHour < 2; i++) {
      await spent.value('stats.query', {
        account: 'work',
        query: {
          site_id: sites[0]!.domain,
          metrics: ['visitors'],
          date_range: ['2026-01-01', `2026-01-0${i + 2}`],
        },
      })
      budget = await spent.value<{ usedThisHour: number }>('budget.status', { account: 'work' })
    }
    const { accounts } = await spent.value<{ accounts: Array<{ alias: string; baseUrl: string }> }>(
      'accounts.list',
      {},
    )
    const baseUrl = accounts.find((account) => account.alias === 'work')!.baseUrl
    // What an earlier run read 2 h 5 min ago (the file the core keeps, overview.json).
    await writeFile(
      join(configDir, 'overview.json'),
      JSON.stringify({
        version: 1,
        accounts: [
          {
            account: 'work',
            baseUrl,
            sites: sites.map((site) => ({ domain: site.domain, timezone: site.timezone })),
            listedAt: now - 10 * minute,
            lastRefreshAt: readAt,
          },
        ],
        cards: sites.map((site, index) => ({
          account: 'work',
          baseUrl,
          site: site.domain,
          visitors: 4321 + index,
          previousVisitors: 4000,
          change: percentChange(4000, 4321 + index),
          sparkline: Array.from({ length: 25 }, (_, hour) => ({
            hour: `2026-01-01 ${String(hour % 24).padStart(2, '0')}:00:00`,
            visitors: hour * 7,
          })),
          window: { from: '2025-12-30T00:00:00Z', to: '2026-01-01T23:59:59Z' },
          asOf: readAt,
        })),
      }),
    )
  })

  afterAll(async () => {
    if (spent) expect(await spent.close()).toBe(0)
    await rm(configDir, { recursive: true, force: true })
  })

  it('shows its last numbers with their age and the budget’s note, and the other account as usual', async () => {
    const before = await spent.value<{ usedThisHour: number }>('budget.status', { account: 'work' })
    await open(spent)
    await waitForNumbers(6)
    const cards = await overview.readCards()
    const work = cards.filter((card) => card.account === 'work')
    expect(work.map((card) => card.state)).toEqual(['budget', 'budget', 'budget'])
    expect(work.map((card) => card.visitors).sort()).toEqual([4321, 4322, 4323])
    for (const card of work) {
      const shown = overview.card('work', card.site)
      expect(await shown.getByTestId('card-age').textContent()).toBe('2 h ago')
      expect(await shown.getByTestId('card-age').getAttribute('datetime')).toBe(
        new Date(readAt).toISOString(),
      )
      expect(await shown.getByTestId('card-budget').textContent()).toMatch(
        /^Budget spent: numbers of \d{1,2}:\d{2}( [AP]M)?, next read after \d{1,2}:\d{2}( [AP]M)?\.$/,
      )
    }
    const demo = cards.filter((card) => card.account === 'demo')
    expect(demo.map((card) => card.state)).toEqual(['fresh', 'fresh', 'fresh'])
    expect(await page.getByTestId('card-budget').count()).toBe(3)
    expect(await page.getByTestId('card-age').count()).toBe(3)
    expect(await page.getByTestId('error-panel').count()).toBe(0)
    expect(await page.getByTestId('card-error').count()).toBe(0)

    // Asking again spends nothing of the spent hour: the window waits for it.
    await page.getByTestId('overview-refresh').click()
    await expect.poll(() => page.getByTestId('overview-refresh-line').getAttribute('data-busy')).toBe('false')
    const after = await spent.value<{ usedThisHour: number }>('budget.status', { account: 'work' })
    expect(after.usedThisHour).toBe(before.usedThisHour)
    expect((await overview.readCards()).filter((card) => card.state === 'budget').length).toBe(3)
    await overview.screenshot('overview-budget-spent.png')
    expect(problems).toEqual([])
  })
})
