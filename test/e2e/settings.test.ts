// The settings screen and the tray's samples end to end: the built CLI's `plausible ui` in Debian's
// Chromium with a Demo account, a second account on a cloud sandbox, and a config dir this file seeds
// with realtime history as the tray writes it. What the screen saves is read back from the core (the
// contract) and from the glance.json the host writes.
import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startCli } from '../helpers/spawn-cli'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

interface SandboxInfo {
  baseUrl: string
  apiKey: string
}

let h: Harness
let cloud: { info: SandboxInfo; child: ChildProcess; stop(): Promise<number | null> }
let configDir: string
let context: BrowserContext
let page: Page
let screens: ScreensPage
let problems: string[]

const shop = 'shop.example.com'
const blog = 'blog.example.org'
const minute = 60_000

/** What the tray sampled for demo/blog before this window opened: 12 readings, one every 2 minutes. */
const seededAt = Date.now()
const seededRecent: Array<[number, number]> = Array.from({ length: 12 }, (_, i) => [
  seededAt - (24 - 2 * i) * minute,
  [3, 5, 8, 13, 21, 34, 4321, 34, 21, 13, 8, 5][i]!,
])
/** And its 24-hour ring: one 5-minute bucket an hour for the last 10 hours, [start, min, max, sum, n]. */
const seededDay: Array<[number, number, number, number, number]> = Array.from({ length: 10 }, (_, i) => {
  const start = Math.floor((seededAt - (10 - i) * 3_600_000) / 300_000) * 300_000
  return [start, i, i + 4, (2 * i + 4) * 2, 2]
})

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'plausible-e2e-settings-'))
  await mkdir(configDir, { recursive: true, mode: 0o700 })
  await writeFile(
    join(configDir, 'realtime-history.json'),
    JSON.stringify({
      version: 1,
      sites: [{ account: 'demo', site: blog, recent: seededRecent, day: seededDay }],
    }),
  )
  const sandbox = startCli<SandboxInfo>(['sandbox', '--port', '0', '--mode', 'cloud', '--json'])
  ;[h, cloud] = await Promise.all([
    startHarness({ PLAUSIBLE_CONFIG_DIR: configDir }),
    sandbox.then((started) => ({ info: started.first, child: started.child, stop: started.stop })),
  ])
  await h.value('accounts.add', {
    alias: 'work',
    baseUrl: cloud.info.baseUrl,
    apiKey: cloud.info.apiKey,
    makeDefault: false,
  })
})

afterAll(async () => {
  await cloud?.stop()
  if (h) expect(await h.close()).toBe(0)
  await rm(configDir, { recursive: true, force: true })
})

afterEach(async () => {
  await context?.close()
})

async function open(address: string, options = {}): Promise<void> {
  ;({ context, page, problems } = await h.newPage(options))
  screens = new ScreensPage(page)
  await page.goto(`${h.url}${address}`)
}

const pinRows = (): Promise<string[]> =>
  page
    .getByTestId('pin-row')
    .evaluateAll((rows) =>
      rows.map((row) => `${row.getAttribute('data-account')}/${row.getAttribute('data-site')}`),
    )

const rule = (account: string, site: string) =>
  page.locator(`[data-testid="rule-row"][data-account="${account}"][data-site="${site}"]`)

interface GlanceFile {
  pins: unknown
  alerts: unknown
  tray: unknown
}

describe('settings screen', () => {
  it('opens directly at #/settings, the address the tray’s Settings… item loads', async () => {
    await open('#/settings')
    await screens.waitFor('settings')
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page')
    await page.getByTestId('pins-empty').waitFor()
    expect(await page.getByTestId('tray-status-none').textContent()).toContain('no site is pinned')
    expect(problems).toEqual([])
  })

  it('is reached with g then , from another screen', async () => {
    await open('#/queue')
    await screens.waitFor('queue')
    await screens.jump(',')
    await screens.waitFor('settings')
    expect(new URL(page.url()).hash).toBe('#/settings')
  })

  it('pins sites of two accounts, reorders them by keyboard, and sets alerts the core then holds exactly', async () => {
    await open('#/settings')
    await screens.waitFor('settings')

    // Every site of every account is offered, as the dashboard's switcher lists them.
    const offered = await page
      .getByTestId('pin-choice')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    expect(offered).toEqual(expect.arrayContaining([`demo/${blog}`, `demo/${shop}`, `work/${shop}`]))

    await page.getByTestId('pin-choice').selectOption(`work/${shop}`)
    await page.getByTestId('pin-add').click()
    await expect.poll(pinRows).toEqual([`work/${shop}`])
    await page.getByTestId('pin-choice').selectOption(`demo/${blog}`)
    await page.getByTestId('pin-add').click()
    await expect.poll(pinRows).toEqual([`work/${shop}`, `demo/${blog}`])
    expect(await page.getByTestId('pin-choice').locator(`option[value="work/${shop}"]`).count()).toBe(0)
    await page.getByTestId('pins-note').filter({ hasText: 'Saved' }).waitFor()

    // Move the blog up with the keyboard: focus stays on the moved row, so a second press would move it on.
    const blogUp = page.locator(`[data-testid="pin-row"][data-site="${blog}"]`).getByTestId('pin-up')
    await blogUp.focus()
    await page.keyboard.press('Enter')
    await expect.poll(pinRows).toEqual([`demo/${blog}`, `work/${shop}`])
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Move ${blog} (demo) down`)
    expect(await page.getByTestId('pins-primary').textContent()).toContain(`${blog} (demo) is first`)
    expect(
      await page.locator(`[data-testid="pin-row"][data-site="${blog}"]`).getByTestId('pin-primary').count(),
    ).toBe(1)
    expect(await h.value('pins.list', {})).toEqual({
      pins: [
        { account: 'demo', site: blog },
        { account: 'work', site: shop },
      ],
    })

    // A drop line above the spike line is refused as typed, and nothing is saved.
    await rule('demo', blog).getByTestId('rule-spike').fill('20')
    await rule('demo', blog).getByTestId('rule-drop').fill('50')
    const refusal = rule('demo', blog).getByTestId('rule-drop-problem')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('The drop line must be below the spike line (20)')
    expect(await page.getByTestId('alerts-save').isDisabled()).toBe(true)
    await rule('work', shop).getByTestId('rule-spike').fill('ten')
    expect(await rule('work', shop).getByTestId('rule-spike-problem').textContent()).toContain(
      'whole number of visitors',
    )
    expect((await h.value<{ rules: unknown[] }>('alerts.get', {})).rules).toEqual([])

    await rule('demo', blog).getByTestId('rule-drop').fill('5')
    await rule('work', shop).getByTestId('rule-spike').fill('')
    await rule('work', shop).getByTestId('rule-drop').fill('2')
    expect(await page.getByTestId('rule-drop-problem').count()).toBe(0)
    await page.getByTestId('quiet-on').check()
    await page.getByTestId('quiet-start').fill('22:30')
    await page.getByTestId('quiet-end').fill('22:30')
    await page.getByTestId('quiet-problem').filter({ hasText: 'silences nothing' }).waitFor()
    await page.getByTestId('quiet-end').fill('06:45')
    await page.getByTestId('alerts-max').fill('0')
    await page.getByTestId('max-problem').waitFor()
    await page.getByTestId('alerts-max').fill('3')
    expect(await page.getByTestId('quiet-problem').count()).toBe(0)
    await page.getByTestId('alerts-save').click()
    await page.locator('[data-testid="alerts-note"][data-state="saved"]').waitFor()

    await page.getByTestId('tray-calm').check()
    await page.locator('[data-testid="tray-calm-note"][data-state="saved"]').waitFor()
    await page.getByTestId('tray-start-at-login').check()
    await page.locator('[data-testid="tray-start-at-login-note"][data-state="saved"]').waitFor()

    const alerts = {
      enabled: true,
      rules: [
        { account: 'demo', site: blog, spikeAt: 20, dropBelow: 5 },
        { account: 'work', site: shop, spikeAt: null, dropBelow: 2 },
      ],
      quietHours: { start: '22:30', end: '06:45' },
      maxPerHour: 3,
    }
    const tray = { startAtLogin: true, calm: true, isPollingPaused: false }
    expect(await h.value('alerts.get', {})).toEqual(alerts)
    expect(await h.value('tray.get', {})).toEqual({ settings: tray, polling: [] })
    const file = JSON.parse(await readFile(join(configDir, 'glance.json'), 'utf8')) as GlanceFile
    expect(file).toEqual({
      version: 1,
      pins: [
        { account: 'demo', site: blog },
        { account: 'work', site: shop },
      ],
      alerts,
      tray,
      // Untouched on this page: site icons and the metrics endpoint stay off.
      siteIcons: { fetch: false },
      metricsEndpoint: { enabled: false, address: '127.0.0.1:9464', allowNonLoopback: false },
    })
    await screens.screenshot('screens-settings.png')

    // A fresh page shows what the core holds, not what this one typed.
    await page.reload()
    await screens.waitFor('settings')
    expect(await rule('demo', blog).getByTestId('rule-spike').inputValue()).toBe('20')
    expect(await rule('work', shop).getByTestId('rule-drop').inputValue()).toBe('2')
    expect(await page.getByTestId('quiet-start').inputValue()).toBe('22:30')
    expect(await page.getByTestId('alerts-max').inputValue()).toBe('3')
    expect(await page.getByTestId('tray-calm').isChecked()).toBe(true)
    expect(problems).toEqual([])
  })

  it('turns alerts off and pauses polling at once, and unpins a site with its alert lines', async () => {
    await open('#/settings')
    await screens.waitFor('settings')
    await page.getByTestId('alerts-enabled').uncheck()
    await page.locator('[data-testid="alerts-enabled-note"][data-state="saved"]').waitFor()
    await page.getByTestId('tray-paused').check()
    await page.getByTestId('tray-status-none').filter({ hasText: 'Paused' }).waitFor()
    await page.locator(`[data-testid="pin-row"][data-site="${shop}"]`).getByTestId('pin-remove').click()
    await expect.poll(pinRows).toEqual([`demo/${blog}`])

    expect(await h.value('pins.list', {})).toEqual({ pins: [{ account: 'demo', site: blog }] })
    await expect
      .poll(() => h.value('alerts.get', {}))
      .toEqual({
        enabled: false,
        rules: [{ account: 'demo', site: blog, spikeAt: 20, dropBelow: 5 }],
        quietHours: { start: '22:30', end: '06:45' },
        maxPerHour: 3,
      })
    expect(await h.value<{ settings: unknown }>('tray.get', {})).toMatchObject({
      settings: { isPollingPaused: true, calm: true, startAtLogin: true },
    })
    expect(problems).toEqual([])
  })

  it('draws in dark mode at 200% zoom', async () => {
    await open('#/settings', {
      colorScheme: 'dark',
      deviceScaleFactor: 2,
      viewport: { width: 640, height: 900 },
    })
    await screens.waitFor('settings')
    await page.getByTestId('pin-row').first().waitFor()
    await screens.screenshot('screens-settings-dark-200.png')
    expect(problems).toEqual([])
  })
})

describe('realtime sparkline from the tray’s samples', () => {
  it('is drawn from the tray’s history the moment the realtime view opens', async () => {
    await open(`&site=${blog}&account=demo&period=realtime`)
    const line = page.locator('[data-testid="realtime-sparkline"][data-history-state="ready"]')
    await line.waitFor()
    expect(await page.getByTestId('site-current').textContent()).toBe(blog)
    expect(await line.getAttribute('data-tray-samples')).toBe('12')
    // Both counts read at once: the window may add a sample of its own between two reads.
    const [own, all] = await line.evaluate((element) => [
      Number(element.getAttribute('data-window-samples')),
      Number(element.getAttribute('data-samples')),
    ])
    expect(all).toBe(12 + own)
    // 4321 is the tray's peak; the Demo sandbox's own reading is far below it.
    expect(await line.getAttribute('data-max')).toBe('4321')
    const curve = line.getByTestId('sparkline-recent').locator('path.recharts-area-curve')
    await curve.waitFor()
    expect((await curve.getAttribute('d'))?.length).toBeGreaterThan(20)
    expect(await page.getByTestId('sparkline-source').textContent()).toMatch(
      /^Last 30 minutes(: 12 samples taken by the tray| as the tray sampled them \(12 samples\))/,
    )
    expect(await line.getByTestId('sparkline-day').getAttribute('data-buckets')).toBe('10')
    await line.getByTestId('sparkline-day-line').locator('path.recharts-area-curve').waitFor()
    await screens.screenshot('dashboard-realtime-tray-samples.png')
    expect(problems).toEqual([])
  })

  it('says the line fills from the window for a site the tray never sampled', async () => {
    await open(`&site=${shop}&account=work&period=realtime`)
    const line = page.locator('[data-testid="realtime-sparkline"][data-history-state="ready"]')
    await line.waitFor()
    expect(await line.getAttribute('data-tray-samples')).toBe('0')
    expect(await page.getByTestId('sparkline-source').textContent()).toContain(
      'The line fills in as this window samples current visitors',
    )
    expect(await page.getByTestId('sparkline-day').count()).toBe(0)
  })
})
