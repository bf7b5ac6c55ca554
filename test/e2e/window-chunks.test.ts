// The window's code on demand, through the built CLI's `plausible ui` in Debian's Chromium: the dashboard
// paints without fetching a management screen or the details modal; a screen's chunk arrives when the
// screen is asked for (keyboard or direct address), as JavaScript the page's CSP accepts, without a blank
// stand-in between two screens.
import type { BrowserContext, Page, Response } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness'
import { DashboardPage } from './pages/dashboard-page'
import { ScreensPage } from './pages/screens-page'

let h: Harness
let context: BrowserContext
let page: Page
let problems: string[]
/** Every chunk the page fetched, by its name without the hash (`accounts`), with its content type. */
let fetched: Map<string, string>

const chunkName = (url: string): string | null => /\/assets\/([a-z-]+?)-[\w-]{8}\.js$/.exec(url)?.[1] ?? null
const onDemand = ['accounts', 'sites', 'events', 'queue', 'settings', 'details-modal', 'world-map']

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
})

afterEach(async () => {
  await context?.close()
})

async function open(hash = ''): Promise<void> {
  ;({ context, page, problems } = await h.newPage())
  fetched = new Map()
  page.on('response', (response: Response) => {
    const name = chunkName(response.url())
    if (name) fetched.set(name, response.headers()['content-type'] ?? '')
  })
  // Whether the stand-in for a loading screen was ever in the page, however briefly.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-screen-loading]')) document.documentElement.dataset.shellSeen = 'yes'
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto(`${h.url}${hash}`)
}

const shellSeen = async (): Promise<boolean> =>
  (await page.locator('html').getAttribute('data-shell-seen')) === 'yes'

describe('the window loads its screens on demand', () => {
  it('paints the dashboard, graph included, without fetching a screen or the details modal', async () => {
    await open('#/dashboard')
    const dashboard = new DashboardPage(page)
    await dashboard.waitUntilReady()
    await dashboard.chartPoints.first().waitFor()
    expect(onDemand.filter((name) => fetched.has(name))).toEqual([])
    expect(fetched.has('main-graph')).toBe(true)
    expect(fetched.has('recharts')).toBe(true)
    expect(problems).toEqual([])
  })

  it('fetches a screen when the keyboard asks for it, and keeps the dashboard up until it is in', async () => {
    await open('#/dashboard')
    await new DashboardPage(page).waitUntilReady()
    const screens = new ScreensPage(page)
    await screens.jump('a')
    await screens.waitFor('accounts')
    expect(fetched.get('accounts')).toBe('text/javascript; charset=utf-8')
    expect(fetched.has('settings')).toBe(false)
    await screens.jump(',')
    await screens.waitFor('settings')
    expect(fetched.get('settings')).toBe('text/javascript; charset=utf-8')
    expect(await shellSeen()).toBe(false)
    expect(problems).toEqual([])
  })

  it('paints the overview, the landing page, without fetching a screen', async () => {
    await open()
    await page.locator('[data-screen="overview"][data-screen-state="ready"]').waitFor()
    expect(onDemand.filter((name) => fetched.has(name))).toEqual([])
    expect(await shellSeen()).toBe(false)
    expect(problems).toEqual([])
  })

  it('opens a screen from its address, as the tray’s “Settings…” does', async () => {
    await open('#/settings')
    const screens = new ScreensPage(page)
    await screens.waitFor('settings')
    expect(fetched.has('settings')).toBe(true)
    expect(onDemand.filter((name) => name !== 'settings' && fetched.has(name))).toEqual([])
    expect(await page.locator('[data-screen-loading]').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('fetches the world map when the Locations panel’s Map tab is first shown', async () => {
    await open('#/dashboard')
    await new DashboardPage(page).waitUntilReady()
    await page.locator('[data-panel="locations"][data-state="ready"]').waitFor()
    expect(fetched.has('world-map')).toBe(false)
    await page.getByTestId('tab-locations-map').click()
    await page.getByTestId('world-map').waitFor()
    expect(fetched.get('world-map')).toBe('text/javascript; charset=utf-8')
    expect(problems).toEqual([])
  })

  it('fetches the details modal on the first click of Details', async () => {
    await open('#/dashboard')
    await new DashboardPage(page).waitUntilReady()
    await page.locator('[data-panel="locations"][data-state="ready"]').waitFor()
    expect(fetched.has('details-modal')).toBe(false)
    await page.getByTestId('details-locations').click()
    await page.locator('[data-testid="details-modal"][data-state="ready"]').waitFor()
    expect(fetched.get('details-modal')).toBe('text/javascript; charset=utf-8')
    expect(problems).toEqual([])
  })
})
