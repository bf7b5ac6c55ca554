// The dashboard end to end: the built CLI's `plausible ui` on a fresh config (the Demo account), Debian's
// Chromium through playwright-core, and the numbers checked against the same host's own answers.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Wire } from '../../src/shared/contract/wire'
import { formatMetric } from '../../src/shared/stats/format'
import { startCli } from '../helpers/spawn-cli'
import { DashboardPage, topStatsShown } from './pages/dashboard-page'
import { wholePercentChange } from './percent-change'

/** The flags environment.md §5 found to work for Debian's Chromium in a container. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

interface Ui {
  url: string
  port: number
}

let work: string
let ui: Ui
let stopUi: () => Promise<number | null>
let browser: Browser
let context: BrowserContext
let page: Page
let dashboard: DashboardPage
/** Console errors, page errors and CSP violations seen by the current page: a clean page has none. */
let problems: string[]

/** Asks the same `plausible ui` the page uses, with its token: the expected values come from here. */
async function call<T>(name: string, input: unknown): Promise<Wire<T>> {
  const url = new URL(ui.url)
  const response = await fetch(`${url.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-plausible-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  })
  return (await response.json()) as Wire<T>
}

async function value<T>(name: string, input: unknown): Promise<T> {
  const wire = await call<T>(name, input)
  if (!wire.ok) throw new Error(`${name} failed: ${wire.error.code} ${wire.error.message}`)
  return wire.value
}

interface AccountList {
  accounts: Array<{ alias: string; isDefault: boolean }>
}
interface SiteList {
  sites: Array<{ domain: string; timezone: string }>
}
interface QueryResult {
  results: Array<{ metrics: Array<number | null>; dimensions: string[] }>
  meta: { time_labels?: string[] }
}

async function defaultAccount(): Promise<string> {
  const { accounts } = await value<AccountList>('accounts.list', {})
  const account = accounts.find((entry) => entry.isDefault) ?? accounts[0]
  if (!account) throw new Error('the fresh config has no account: the Demo account was not added')
  return account.alias
}

async function expectedTopStats(
  account: string,
  site: string,
  range: string | [string, string],
): Promise<Array<number | null>> {
  const result = await value<QueryResult>('stats.query', {
    account,
    query: { site_id: site, metrics: [...topStatsShown], date_range: range },
  })
  return result.results[0]?.metrics ?? []
}

/** The complete axis of the range with the server's values, zero where the server sent no row (§4.8). */
async function expectedDailySeries(
  account: string,
  site: string,
  range: string,
): Promise<Array<[string, number]>> {
  const result = await value<QueryResult>('stats.query', {
    account,
    query: {
      site_id: site,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['time:day'],
      include: { time_labels: true },
    },
  })
  const byDay = new Map(result.results.map((row) => [row.dimensions[0], row.metrics[0] ?? 0]))
  return (result.meta.time_labels ?? []).map((label) => [label, byDay.get(label) ?? 0])
}

async function expectTopStatsToShow(expected: Array<number | null>): Promise<void> {
  for (const [index, metric] of topStatsShown.entries()) {
    const raw = expected[index] ?? null
    expect(await dashboard.topStatValue(metric), metric).toBe(raw)
    expect(await dashboard.topStatText(metric), metric).toBe(formatMetric(metric, raw))
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'plausible-e2e-'))
  const home = join(work, 'home')
  const temp = join(work, 'tmp')
  await mkdir(home, { recursive: true })
  await mkdir(temp, { recursive: true })
  const started = await startCli<Ui>(['ui', '--port', '0', '--json'], {
    PLAUSIBLE_CONFIG_DIR: join(work, 'config'),
    HOME: home,
    TMPDIR: temp,
    XDG_CONFIG_HOME: join(home, '.config'),
  })
  ui = started.first
  stopUi = started.stop
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    // Chromium writes ~/.config/chromium and ~/.cache/dconf: keep them in the throwaway home.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
    },
  })
})

afterAll(async () => {
  await browser?.close()
  if (stopUi) expect(await stopUi()).toBe(0)
  if (work) await rm(work, { recursive: true, force: true })
})

beforeEach(async () => {
  // A fresh context per test: its own sessionStorage, so each test proves the token URL works.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  dashboard = new DashboardPage(page)
  problems = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
    })
  })
})

afterEach(async () => {
  await context?.close()
})

describe('plausible ui dashboard', () => {
  it('shows the Demo site with exactly the sandbox numbers for the last 30 days', async () => {
    await dashboard.open(`${ui.url}#/dashboard`)
    await dashboard.waitUntilReady({ range: '30d' })

    // Once the page's requests are done (realtime is its last), its budget line matches the core's
    // ledger: read before this test spends requests of its own. budget.status itself spends none.
    await page.locator('[data-testid="realtime-visitors"][data-value]:not([data-value=""])').waitFor()
    expect(Number(await dashboard.realtime.getAttribute('data-value'))).toBeGreaterThanOrEqual(0)
    const budget = await value<{ remainingThisHour: number; hourlyLimit: number }>('budget.status', {})
    expect(budget.remainingThisHour).toBeLessThan(budget.hourlyLimit)
    await expect
      .poll(async () => Number(await dashboard.budgetRemaining.getAttribute('data-value')))
      .toBe(budget.remainingThisHour)

    const account = await defaultAccount()
    const { sites } = await value<SiteList>('sites.list', { account })
    const site = sites[0]?.domain
    expect(site).toBeTruthy()
    expect(await dashboard.site()).toBe(site)
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=')

    await expectTopStatsToShow(await expectedTopStats(account, site!, '30d'))
    expect(await dashboard.topStatValue('visitors')).toBeGreaterThan(0)

    await expect.poll(() => dashboard.chartPoints.count()).toBe(30)
    expect(await dashboard.chartSeries()).toEqual(await expectedDailySeries(account, site!, '30d'))

    expect(await dashboard.siteOptions()).toEqual(sites.map((entry) => entry.domain))
    await mkdir(resolve('test-results'), { recursive: true })
    await page.screenshot({ path: resolve('test-results/dashboard.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('follows the range picker and the site select to the matching numbers', async () => {
    await dashboard.open(`${ui.url}#/dashboard`)
    await dashboard.waitUntilReady()
    const account = await defaultAccount()
    const { sites } = await value<SiteList>('sites.list', { account })
    const other = sites[1]?.domain ?? sites[0]!.domain

    await dashboard.chooseRange('7d')
    await dashboard.waitUntilReady({ range: '7d' })
    const first = (await dashboard.site())!
    await expectTopStatsToShow(await expectedTopStats(account, first, '7d'))
    expect(await dashboard.chartSeries()).toEqual(await expectedDailySeries(account, first, '7d'))
    expect(await dashboard.chartPoints.count()).toBe(7)

    await dashboard.chooseSite(other)
    await dashboard.waitUntilReady({ range: '7d', site: other })
    await expectTopStatsToShow(await expectedTopStats(account, other, '7d'))
    // The selection lives in the address, so a reload keeps it.
    expect(new URL(page.url()).searchParams.get('period')).toBe('7d')
    expect(new URL(page.url()).searchParams.get('site')).toBe(other)
    expect(problems).toEqual([])
  })

  it('draws today by the hour without points for hours that have not started', async () => {
    await dashboard.open(`${ui.url}&period=day#/dashboard`)
    await dashboard.waitUntilReady({ range: 'day' })
    const series = await dashboard.chartSeries()
    expect(series.length).toBeGreaterThan(0)
    expect(series.length).toBeLessThanOrEqual(25)
    for (const [label] of series) expect(label).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00:00$/)
    expect(problems).toEqual([])
  })

  it('shows each top stat’s change against the previous period with no comparison chosen', async () => {
    await dashboard.open(`${ui.url}&period=30d#/dashboard`)
    await dashboard.waitUntilReady({ range: '30d' })
    expect(await dashboard.root.getAttribute('data-comparison')).toBe('off')
    const account = await defaultAccount()
    const site = (await dashboard.site())!
    const attribute = async (name: string): Promise<string> => (await dashboard.root.getAttribute(name))!
    const [current] = await expectedTopStats(account, site, [
      await attribute('data-period-first'),
      await attribute('data-period-last'),
    ])
    // The previous period as a chosen comparison would take it (weekdays matched, as Plausible does).
    const [previous] = await expectedTopStats(account, site, [
      await attribute('data-change-first'),
      await attribute('data-change-last'),
    ])
    const expected = previous === 0 ? (current! > 0 ? 100 : 0) : wholePercentChange(previous!, current!)
    await expect.poll(() => dashboard.changeOf('visitors')).toBe(expected)
    // No "vs." line: that is for a chosen comparison.
    expect(await page.getByTestId('top-stat-previous-visitors').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('asks with imported data when switched on, and says what the server answered about it', async () => {
    await dashboard.open(`${ui.url}&period=7d#/dashboard`)
    await dashboard.waitUntilReady({ range: '7d' })
    expect(await page.getByTestId('imports-notice').count()).toBe(0)
    await page.getByTestId('imports-switch').check()
    await expect.poll(() => new URL(page.url()).searchParams.get('with_imported')).toBe('true')
    await dashboard.waitUntilReady({ range: '7d' })
    const account = await defaultAccount()
    const site = (await dashboard.site())!
    const first = (await dashboard.root.getAttribute('data-period-first'))!
    const last = (await dashboard.root.getAttribute('data-period-last'))!
    const direct = await value<QueryResult & { meta: { imports_skip_reason?: string } }>('stats.query', {
      account,
      query: { site_id: site, metrics: ['visitors'], date_range: [first, last], include: { imports: true } },
    })
    // The Demo sites have no imported data: the server says so, and the window says it in words.
    expect(direct.meta.imports_skip_reason).toBe('no_imported_data')
    await expect
      .poll(() => page.getByTestId('imports-notice').textContent())
      .toBe('This site has no imported data.')
    expect(await dashboard.topStatValue('visitors')).toBe(direct.results[0]!.metrics[0])
    await page.getByTestId('imports-switch').uncheck()
    await expect.poll(() => page.getByTestId('imports-notice').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('answers H, N and P with their periods, / with the site search and 0 with the overview', async () => {
    await dashboard.open(`${ui.url}#/dashboard`)
    await dashboard.waitUntilReady()
    const account = await defaultAccount()
    const site = (await dashboard.site())!

    await page.keyboard.press('n')
    await dashboard.waitUntilReady({ range: '91d' })
    const first = await dashboard.root.getAttribute('data-period-first')
    const last = await dashboard.root.getAttribute('data-period-last')
    expect(await dashboard.chart.getAttribute('data-buckets')).toBe('91')
    await expectTopStatsToShow(await expectedTopStats(account, site, [first!, last!]))
    await page.keyboard.press('p')
    await dashboard.waitUntilReady({ range: 'month' })
    expect(await dashboard.root.getAttribute('data-period-first')).toMatch(/-01$/)
    await page.keyboard.press('h')
    await dashboard.waitUntilReady({ range: '24h' })
    // The menu names each period with its letter.
    await dashboard.rangePicker.click()
    expect(await page.getByTestId('period-option-91d').textContent()).toContain('N')
    await page.keyboard.press('Escape')

    await page.keyboard.press('/')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('site-search')
    expect(await page.getByTestId('site-search').inputValue()).toBe('')
    await page.keyboard.press('Escape')
    await page.keyboard.press('0')
    await page.locator('[data-screen="overview"][data-screen-state="ready"]').waitFor()
    expect(problems).toEqual([])
  })

  it('dashes the running bucket, shows the change in the tooltip and zooms into a clicked day', async () => {
    await dashboard.open(`${ui.url}&period=day#/dashboard`)
    await dashboard.waitUntilReady({ range: 'day' })
    await dashboard.waitForChartDots()
    // Today is still running: its last hour is joined dashed to the one before (in the first hour of the
    // site's day there is none before it), and today's hours do not zoom.
    const hours = (await dashboard.chartSeries()).length
    expect(await page.locator('.chart__running path.recharts-curve').count()).toBe(hours >= 2 ? 1 : 0)
    expect(await page.locator('.chart--zoomable').count()).toBe(0)

    await dashboard.chooseRange('7d')
    await dashboard.waitUntilReady({ range: '7d' })
    await page.keyboard.press('x')
    await page.locator('[data-app-state="ready"][data-comparison="previous_period"]').waitFor()
    await dashboard.waitForChartDots()
    expect(await page.locator('.chart__running path.recharts-curve').count()).toBe(0)
    const [label, value, previous] = (await dashboard.chartComparison())[2]!
    const third = dashboard.chartPoints.nth(2)
    const box = (await third.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const change = page.getByTestId('chart-tooltip-change')
    await change.waitFor()
    const expected =
      previous === null ? null : previous === 0 ? (value > 0 ? 100 : 0) : wholePercentChange(previous, value)
    expect(await change.getAttribute('data-value')).toBe(expected === null ? '' : String(expected))

    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await dashboard.waitUntilReady({ range: 'day' })
    expect(await dashboard.root.getAttribute('data-period-first')).toBe(label)
    expect(problems).toEqual([])
  })

  it('keeps the theme chosen in Settings over the system’s, across a reload, until it follows the system again', async () => {
    const pageColour = (): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.goto(`${ui.url}#/settings`)
    await page.getByTestId('appearance-card').waitFor()
    const light = await pageColour()
    await page.getByTestId('theme-dark').check()
    await expect.poll(pageColour).not.toBe(light)
    const dark = await pageColour()
    await page.reload()
    await page.getByTestId('appearance-card').waitFor()
    expect(await pageColour()).toBe(dark)
    expect(await page.getByTestId('theme-dark').isChecked()).toBe(true)
    await page.getByTestId('theme-system').check()
    await expect.poll(pageColour).toBe(light)
    expect(problems).toEqual([])
  })

  it('stays readable at 200% zoom in dark mode: nothing overflows sideways', async () => {
    // 200% zoom of a 1280px window is a 640 CSS-pixel viewport at twice the pixel density.
    await context.close()
    context = await browser.newContext({
      viewport: { width: 640, height: 800 },
      deviceScaleFactor: 2,
      colorScheme: 'dark',
    })
    page = await context.newPage()
    dashboard = new DashboardPage(page)
    await dashboard.open(`${ui.url}#/dashboard`)
    await dashboard.waitUntilReady()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await expect.poll(() => dashboard.chartPoints.count()).toBe(30)
    for (const metric of topStatsShown) expect(await dashboard.topStat(metric).isVisible(), metric).toBe(true)
    await mkdir(resolve('test-results'), { recursive: true })
    await page.screenshot({ path: resolve('test-results/dashboard-200-dark.png'), fullPage: true })
  })

  it('shows the core’s error for a site the server does not know, with its message, hint and a retry', async () => {
    const missing = 'not-a-site.example'
    await dashboard.open(`${ui.url}&site=${missing}`)
    await dashboard.waitUntilError()

    const account = await defaultAccount()
    const wire = await call('stats.query', {
      account,
      query: { site_id: missing, metrics: [...topStatsShown], date_range: '30d' },
    })
    expect(wire.ok).toBe(false)
    if (wire.ok) return
    await expect.poll(() => dashboard.errorPanel.getAttribute('data-code')).toBe(wire.error.code)
    expect(await dashboard.errorMessage.textContent()).toBe(wire.error.message)
    expect(await dashboard.errorHint.textContent()).toBe(wire.error.hint)

    await dashboard.retryButton.click()
    await dashboard.waitUntilError()
    await dashboard.errorPanel.waitFor()
    // Only the failed call itself may log (the browser reports nothing: errors travel as envelopes).
    expect(problems).toEqual([])
  })
})
