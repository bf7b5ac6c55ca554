// Annotations in the window (issue 19 item 12): added under the graph, kept by the core (the same file the
// CLI reads), drawn on the graph at their day, exported as CSV, listed in the dashboard's report when the
// date falls in its period (and not otherwise), removed again; a date that is not a day is refused.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { annotationsCsv, type Annotation } from '../../src/shared/annotations/annotation'
import { addDays } from '../../src/shared/stats/calendar'
import { startHarness, type Harness } from './harness'
import { openDashboard, type DashboardPage } from './pages/dashboard-page'

let h: Harness
let account: string
let context: BrowserContext
let page: Page
let dashboard: DashboardPage
let problems: string[]
const shop = 'shop.example.com'

beforeAll(async () => {
  h = await startHarness()
  account = await h.defaultAccount()
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
})

afterEach(async () => {
  await context?.close()
})

async function openWeek(options = {}): Promise<void> {
  ;({ context, page, problems, dashboard } = await openDashboard(
    h,
    `&site=${shop}&account=${account}&period=7d`,
    options,
  ))
  await dashboard.waitUntilReady({ range: '7d' })
  await dashboard.waitForChartDots()
}

const listed = async (): Promise<Annotation[]> =>
  (await h.value<{ annotations: Annotation[] }>('annotations.list', { account, site: shop })).annotations

describe('annotations in the window', () => {
  it('adds one under the graph, draws it at its day, exports it, lists it in the report, removes it', async () => {
    await openWeek()
    const first = (await dashboard.root.getAttribute('data-period-first'))!
    const inside = addDays(first, 2)
    // One outside the period, through the core as the CLI would add it: kept, but neither drawn nor listed.
    await h.value('annotations.add', {
      account,
      site: shop,
      date: addDays(first, -3),
      text: 'before the week',
    })

    await page.getByTestId('annotation-new').click()
    await page.getByTestId('annotation-date').fill(inside)
    await page.getByTestId('annotation-kind').selectOption('deploy')
    await page.getByTestId('annotation-text').fill('v2.3 released')
    await page.getByTestId('annotation-save').click()
    await page.locator(`[data-testid="annotation"][data-date="${inside}"]`).waitFor()
    expect(await page.getByTestId('annotation').count()).toBe(1)
    expect(await page.getByTestId('annotation-form').count()).toBe(0)

    // Kept by the core, in the config folder the CLI reads.
    const kept = await listed()
    expect(kept.map((entry) => [entry.date, entry.kind, entry.text])).toEqual([
      [addDays(first, -3), 'note', 'before the week'],
      [inside, 'deploy', 'v2.3 released'],
    ])
    const file = JSON.parse(readFileSync(join(h.env.PLAUSIBLE_CONFIG_DIR!, 'annotations.json'), 'utf8')) as {
      annotations: Annotation[]
    }
    expect(file.annotations).toEqual(kept)

    // Drawn on the graph at its day, and only that one.
    await expect
      .poll(async () => dashboard.chart.getAttribute('data-annotations'))
      .toBe(JSON.stringify([inside]))
    await expect.poll(() => page.locator('.chart__annotation').count()).toBe(1)
    await dashboard.screenshot('dashboard-annotations.png')

    // Export: every annotation of the site, as the CLI's export writes it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('annotations-export-csv').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${shop}-annotations.csv`)
    expect(readFileSync((await download.path())!, 'utf8')).toBe(annotationsCsv(kept))

    // The report of the same period lists the one within it.
    await page.getByTestId('report-button').click()
    await page.getByTestId('report-view').waitFor({ timeout: 30_000 })
    const insideId = kept[1]!.id
    await page.locator(`[data-testid="report-view"] [data-annotation="${insideId}"]`).waitFor()
    expect(await page.locator('[data-testid="report-view"] [data-annotation]').count()).toBe(1)
    expect(await page.locator(`[data-annotation="${insideId}"]`).innerText()).toBe(
      `${inside} · deploy · v2.3 released`,
    )
    await dashboard.screenshot('report-annotations.png')

    // Removed from the window: gone from the core, the list and the graph.
    await page.goBack()
    await dashboard.waitUntilReady({ range: '7d' })
    await page.getByTestId('annotation-remove').click()
    await expect.poll(() => page.getByTestId('annotation').count()).toBe(0)
    expect((await listed()).map((entry) => entry.text)).toEqual(['before the week'])
    await expect.poll(async () => dashboard.chart.getAttribute('data-annotations')).toBe('[]')
    expect(problems).toEqual([])
  })

  it('refuses a date that is not a day before sending anything', async () => {
    await openWeek({ colorScheme: 'dark' })
    const before = await listed()
    await page.getByTestId('annotation-new').click()
    await page.getByTestId('annotation-text').fill('no date')
    await page.getByTestId('annotation-date').fill('')
    expect(await page.getByTestId('annotation-problem').textContent()).toBe(
      'Date: use a calendar date as YYYY-MM-DD, for example 2026-12-07.',
    )
    expect(await page.getByTestId('annotation-save').isDisabled()).toBe(true)
    expect(await listed()).toEqual(before)
    expect(problems).toEqual([])
  })
})
