// The sites screen's "Site" tab end to end: `plausible ui` in Debian's Chromium with an account on a cloud
// sandbox this file starts — tracker switches saved, the danger-zone link for a reset, a rename that the
// site select follows, and a delete that waits for the typed domain. Each change is read back from the core.
import type { ChildProcess } from 'node:child_process'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startCli } from '../helpers/spawn-cli'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

interface SandboxInfo {
  baseUrl: string
  apiKey: string
  sites: Array<{ domain: string }>
}

let h: Harness
let sandbox: { info: SandboxInfo; child: ChildProcess; stop(): Promise<number | null> }
let context: BrowserContext
let page: Page
let screens: ScreensPage
let problems: string[]
const shop = 'shop.example.com'

interface SiteAnswer {
  site: { domain: string; trackerScript?: Record<string, unknown> }
}

beforeAll(async () => {
  const [harness, started] = await Promise.all([
    startHarness(),
    startCli<SandboxInfo>(['sandbox', '--port', '0', '--mode', 'cloud', '--json']),
  ])
  h = harness
  sandbox = { info: started.first, child: started.child, stop: started.stop }
  await h.value('accounts.add', {
    alias: 'agency',
    baseUrl: sandbox.info.baseUrl,
    apiKey: sandbox.info.apiKey,
  })
})

afterAll(async () => {
  await sandbox?.stop()
  if (h) expect(await h.close()).toBe(0)
})

afterEach(async () => {
  await context?.close()
})

async function openSiteTab(domain: string): Promise<void> {
  ;({ context, page, problems } = await h.newPage())
  screens = new ScreensPage(page)
  await page.goto(`${h.url}#/sites`)
  await screens.waitFor('sites')
  await screens.chooseSite('sites-site', 'agency', domain)
  await page.getByTestId('sites-tab-site').click()
  await page.locator('[data-testid="site-panel"][data-state="ready"]').waitFor()
}

const domainsOf = async (): Promise<string[]> =>
  (await h.value<{ sites: Array<{ domain: string }> }>('sites.list', { account: 'agency' })).sites.map(
    (s) => s.domain,
  )

describe('the Site tab against a cloud sandbox', () => {
  it('saves tracker script switches and links the danger zone for a reset', async () => {
    await openSiteTab(shop)
    const before = await h.value<SiteAnswer>('sites.get', { account: 'agency', site: shop })
    const wasOn = before.site.trackerScript?.outboundLinks === true
    const submit = page.getByTestId('tracker-submit')
    expect(await submit.isDisabled()).toBe(true)
    await page.getByTestId('tracker-outboundLinks').setChecked(!wasOn)
    expect(await submit.textContent()).toBe('Save 1 change')
    await submit.click()
    await page.locator('[data-testid="tracker-submit"]:text("No changes")').waitFor()
    const after = await h.value<SiteAnswer>('sites.get', { account: 'agency', site: shop })
    expect(after.site.trackerScript?.outboundLinks).toBe(!wasOn)

    expect(await page.getByTestId('site-reset-link').getAttribute('href')).toBe(
      `${sandbox.info.baseUrl.replace(/\/+$/, '')}/${shop}/settings/danger-zone`,
    )
    await screens.screenshot('screens-site-settings.png')
    expect(problems).toEqual([])
  })

  it('renames a site, and the site select follows it to its new domain', async () => {
    await h.value('sites.create', {
      account: 'agency',
      domain: 'temp.example.com',
      timezone: 'Europe/Berlin',
    })
    await openSiteTab('temp.example.com')
    await page.getByTestId('rename-domain').fill('renamed.example.com')
    await page.getByTestId('rename-submit').click()
    await page
      .locator('[data-testid="sites-site"]')
      .filter({ has: page.locator('option:checked[value="renamed.example.com"]') })
      .waitFor()
    const domains = await domainsOf()
    expect(domains).toContain('renamed.example.com')
    expect(domains).not.toContain('temp.example.com')
    expect(problems).toEqual([])
  })

  it('deletes a site only once its domain is typed, and it leaves the list', async () => {
    await h.value('sites.create', { account: 'agency', domain: 'gone.example.com' })
    await openSiteTab('gone.example.com')
    const submit = page.getByTestId('delete-submit')
    await page.getByTestId('delete-confirm').fill('gone.example')
    expect(await submit.isDisabled()).toBe(true)
    expect(await domainsOf()).toContain('gone.example.com')
    await page.getByTestId('delete-confirm').fill('gone.example.com')
    await submit.click()
    await page
      .locator('[data-testid="sites-site"]')
      .filter({ hasNot: page.locator('option[value="gone.example.com"]') })
      .waitFor()
    expect(await domainsOf()).not.toContain('gone.example.com')
    expect(problems).toEqual([])
  })
})
