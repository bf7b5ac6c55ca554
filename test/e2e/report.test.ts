// The report view end to end: the built CLI's `plausible ui` in Debian's Chromium on the Demo account. The
// dashboard's Report button opens the report with the top stats of a direct v2 query for the same range,
// Markdown is copied and exported, and the page runs without a console error or a CSP violation.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatMetric } from '../../src/shared/stats/format'
import type { Metric } from '../../src/shared/plausible/vocabulary'
import { startHarness, type Harness } from './harness'

let h: Harness
let context: BrowserContext
let page: Page
let problems: string[]
const site = 'shop.example.com'
const metrics = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration']
const labels = [
  'Unique visitors',
  'Total visits',
  'Total pageviews',
  'Views per visit',
  'Bounce rate',
  'Visit duration',
]

beforeAll(async () => {
  h = await startHarness()
  ;({ context, page, problems } = await h.newPage({ acceptDownloads: true }))
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.url).origin })
}, 60_000)
afterAll(async () => {
  await context?.close()
  await h?.close()
})

describe('the report view', () => {
  it('opens from the overview as one report of every site of every account, last 7 days against the 7 before', async () => {
    const url = new URL(h.url)
    url.hash = '#/overview'
    await page.goto(url.toString())
    await page.getByTestId('report-button').click()
    await page.getByTestId('report-view').waitFor({ timeout: 30_000 })
    expect(page.url()).toContain('#/report?scope=all-accounts&period=7d&compare=previous_period')
    const text = await page.getByTestId('report-view').innerText()
    for (const domain of ['shop.example.com', 'blog.example.org', 'docs.example.net'])
      expect(text, domain).toContain(domain)
  })

  it('opens from the dashboard with the top stats of a direct query, copies and exports Markdown', async () => {
    const url = new URL(h.url)
    url.searchParams.set('site', site)
    url.searchParams.set('period', '7d')
    url.hash = '#/dashboard'
    await page.goto(url.toString())
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('report-button').click()
    await page.getByTestId('report-view').waitFor({ timeout: 30_000 })
    expect(page.url()).toContain('#/report?site=shop.example.com')

    const direct = await h.query({ site_id: site, metrics, date_range: '7d' })
    const values = direct.results[0]?.metrics ?? []
    for (const [index, metric] of metrics.entries()) {
      const shown = await page.locator(`[data-testid="report-view"] [data-metric="${metric}"]`).innerText()
      expect(shown, metric).toBe(formatMetric(metric as Metric, values[index] ?? null))
    }
    expect(await page.locator('[data-testid="report-view"] svg polyline').count()).toBe(1)

    await page.getByTestId('report-copy-md').click()
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Markdown copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied.startsWith(`# Report for ${site}\n`)).toBe(true)
    for (const [index, label] of labels.entries())
      expect(copied).toContain(
        `| ${label} | ${formatMetric(metrics[index] as Metric, values[index] ?? null)} |`,
      )

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export-md').click(),
    ])
    expect(download.suggestedFilename()).toMatch(
      /^shop\.example\.com-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.md$/,
    )
    const exported = await readFile((await download.path()) ?? '', 'utf8')
    expect(exported).toBe(copied)

    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export-html').click(),
    ])
    const file = await readFile((await html.path()) ?? '', 'utf8')
    expect(file.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(file).not.toMatch(/<script/i)
    expect(problems).toEqual([])
  }, 90_000)

  it('adds a weekly scheduled report in Settings with a typed folder (plausible ui), and removes it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'e2e-scheduled-'))
    const url = new URL(h.url)
    url.hash = '#/settings'
    await page.goto(url.toString())
    const card = page.getByTestId('report-schedules-card')
    await card.waitFor({ timeout: 30_000 })
    await expect
      .poll(() => card.getByTestId('report-schedules-none').innerText())
      .toBe('No scheduled reports.')
    // No folder dialog in a browser: the field is typed, and there is no "Choose folder…" button.
    expect(await card.getByTestId('report-schedule-pick').count()).toBe(0)
    await card.getByTestId('report-schedule-what').selectOption({ label: `${site} (demo)` })
    await card.getByTestId('report-schedule-folder').fill(folder)
    await card.getByTestId('report-schedule-add').click()
    await card.getByTestId('report-schedule').waitFor()
    const list = await h.value<{ schedules: Array<Record<string, unknown>> }>('reportSchedules.list', {})
    expect(list.schedules).toEqual([
      expect.objectContaining({
        cadence: 'weekly',
        scope: 'site',
        site,
        account: 'demo',
        format: 'html',
        folder,
      }),
    ])
    expect(await card.getByTestId('report-schedule').innerText()).toContain(
      `Weekly, ${site} (demo), HTML into ${folder}`,
    )
    await card.getByTestId('report-schedule-remove').click()
    await card.getByTestId('report-schedules-none').waitFor()
    expect((await h.value<{ schedules: unknown[] }>('reportSchedules.list', {})).schedules).toEqual([])
    expect(problems).toEqual([])
  }, 60_000)
})
