// Page metrics and the details' extra columns (issue 19 items 3 and 7) in Chromium through `plausible ui`
// against the Demo sandbox: time on page and scroll depth in the Pages panel, its details and the top stats
// under a page filter; entrances, exits and conversions as the web dashboard's reports name them — every
// number equal to a direct v2 query. An account on an older server (no scroll_depth in its schema) loses the
// column, keeps the panel, and is remembered.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { formatMetric } from '../../src/shared/stats/format'
import type { Metric } from '../../src/shared/plausible/vocabulary'
import { startHarness, type Harness, type QueryResult } from './harness'
import { openDashboard, type DashboardPage } from './pages/dashboard-page'

let h: Harness
let older: RunningSandbox
let context: BrowserContext | undefined
let page: Page
let dashboard: DashboardPage
let problems: string[]
let demo: string
const shop = 'shop.example.com'

beforeAll(async () => {
  h = await startHarness()
  demo = await h.defaultAccount()
  older = await startSandbox({ port: 0, mode: 'cloud', withoutMetrics: ['scroll_depth'] })
  await h.value('accounts.add', { alias: 'older', baseUrl: older.baseUrl, apiKey: older.apiKey })
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
  await older?.close()
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

const q = (query: Record<string, unknown>, account = demo): Promise<QueryResult> => h.query(query, account)

async function open(account = demo, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  ;({ context, page, problems, dashboard } = await openDashboard(
    h,
    `&site=${shop}&account=${account}&period=30d`,
    { colorScheme },
  ))
  await dashboard.waitUntilReady({ range: '30d' })
  await dashboard.waitForPanels(['pages'])
}

/** Rows of a direct breakdown as [value, ...metrics formatted as the window writes them]. */
async function formattedRows(
  range: [string, string],
  dimension: string,
  metrics: Metric[],
  options: { account?: string; orderBy?: Array<[string, string]>; limit?: number } = {},
): Promise<string[][]> {
  const result = await q(
    {
      site_id: shop,
      metrics,
      date_range: range,
      dimensions: [dimension],
      ...(options.orderBy ? { order_by: options.orderBy } : {}),
      pagination: { limit: options.limit ?? 100, offset: 0 },
    },
    options.account,
  )
  return result.results.map((row) => [
    String(row.dimensions[0]),
    ...metrics.map((metric, index) => formatMetric(metric, row.metrics[index] ?? null)),
  ])
}

/** The details table as [value, ...cells] and its column headers. */
async function detailsTable(): Promise<{ headers: string[]; rows: string[][] }> {
  const modal = page.locator('[data-testid="details-modal"][data-state="ready"]')
  await modal.waitFor()
  const headers = await modal.locator('thead th').allTextContents()
  const rows = await modal
    .getByTestId('details-row')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-value') ?? '',
        ...[...tr.querySelectorAll('td[data-metric]')].map((td) => td.textContent ?? ''),
      ]),
    )
  return { headers, rows }
}

async function panelCells(id: string): Promise<string[][]> {
  return dashboard
    .panel(id)
    .getByTestId('panel-row')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-value') ?? '',
        ...[...row.querySelectorAll('.row__metric')].map((cell) => cell.textContent ?? ''),
      ]),
    )
}

describe('time on page and scroll depth', () => {
  it('lists them on Top Pages and in its details, equal to a direct query, sortable by scroll depth', async () => {
    await open()
    const range = await dashboard.shownRange()
    expect(await dashboard.panel('pages').locator('.rows__head').textContent()).toBe(
      'PageVisitorsTime on pageScroll depth',
    )
    const listed = await formattedRows(range, 'event:page', ['visitors', 'time_on_page', 'scroll_depth'])
    expect(await panelCells('pages')).toEqual(listed.slice(0, 9))

    await page.getByTestId('details-pages').click()
    const all: Metric[] = ['visitors', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth']
    const details = await detailsTable()
    expect(details.headers).toEqual([
      'Page',
      'Visitors',
      'Pageviews',
      'Bounce rate',
      'Time on page',
      'Scroll depth',
    ])
    expect(details.rows).toEqual(await formattedRows(range, 'event:page', all))
    expect(details.rows.some((row) => row[5] !== '-')).toBe(true)

    // Most scrolled first: the server's order for the same sort, the page breaking ties.
    await page.getByTestId('details-sort-scroll_depth').click()
    await expect
      .poll(async () => (await detailsTable()).rows)
      .toEqual(
        await formattedRows(range, 'event:page', all, {
          orderBy: [
            ['scroll_depth', 'desc'],
            ['event:page', 'asc'],
          ],
        }),
      )
    expect(problems).toEqual([])
  })

  it('shows the page’s scroll depth and time on page in the top stats under a page filter', async () => {
    await open()
    const range = await dashboard.shownRange()
    await dashboard.panel('pages').locator('[data-testid="panel-row"][data-value="/pricing"]').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    const direct = await q({
      site_id: shop,
      metrics: ['visitors', 'visits', 'pageviews', 'bounce_rate', 'scroll_depth', 'time_on_page'],
      date_range: range,
      filters: [['is', 'event:page', ['/pricing']]],
    })
    const [visitors, visits, pageviews, bounceRate, scrollDepth, timeOnPage] = direct.results[0]!.metrics
    expect(scrollDepth).toBeGreaterThan(0)
    expect(timeOnPage).toBeGreaterThan(0)
    expect(await dashboard.topStatValue('visitors')).toBe(visitors)
    expect(await dashboard.topStatValue('visits')).toBe(visits)
    expect(await dashboard.topStatValue('pageviews')).toBe(pageviews)
    expect(await dashboard.topStatValue('bounce_rate')).toBe(bounceRate)
    expect(await dashboard.topStatValue('scroll_depth')).toBe(scrollDepth)
    expect(await dashboard.topStatValue('time_on_page')).toBe(timeOnPage)
    expect(await dashboard.topStatText('time_on_page')).toBe(formatMetric('time_on_page', timeOnPage ?? null))
    // Views per visit and visit duration say nothing about one page: not shown.
    expect(await dashboard.topStat('views_per_visit').count()).toBe(0)
    expect(await dashboard.topStat('visit_duration').count()).toBe(0)
    expect(problems).toEqual([])
  })
})

describe('the details’ extra columns', () => {
  it('counts entrances and exits, and conversions, under the web dashboard’s names', async () => {
    await open()
    const range = await dashboard.shownRange()
    await page.getByTestId('tab-pages-entry').click()
    await page.locator('[data-testid="panel-pages"][data-tab="entry"][data-state="ready"]').waitFor()
    await page.getByTestId('details-pages').click()
    const entry = await detailsTable()
    expect(entry.headers).toEqual([
      'Entry page',
      'Unique entrances',
      'Total entrances',
      'Bounce rate',
      'Visit duration',
    ])
    expect(entry.rows).toEqual(
      await formattedRows(range, 'visit:entry_page', ['visitors', 'visits', 'bounce_rate', 'visit_duration']),
    )
    await page.getByTestId('details-close').click()

    await page.getByTestId('tab-pages-exit').click()
    await page.locator('[data-testid="panel-pages"][data-tab="exit"][data-state="ready"]').waitFor()
    await page.getByTestId('details-pages').click()
    // Exit rate is worked out from two direct queries: the exits over the page's pageviews.
    const exits = await q({
      site_id: shop,
      metrics: ['visitors', 'visits'],
      date_range: range,
      dimensions: ['visit:exit_page'],
      pagination: { limit: 100, offset: 0 },
    })
    const pages = exits.results.map((row) => String(row.dimensions[0]))
    const views = await q({
      site_id: shop,
      metrics: ['pageviews'],
      date_range: range,
      dimensions: ['event:page'],
      filters: [['is', 'event:page', pages]],
    })
    const viewsOf = new Map(views.results.map((row) => [String(row.dimensions[0]), Number(row.metrics[0])]))
    await expect.poll(async () => (await detailsTable()).rows.every((row) => row[3] !== '…')).toBe(true)
    const exit = await detailsTable()
    expect(exit.headers).toEqual(['Exit page', 'Unique exits', 'Total exits', 'Exit rate'])
    expect(exit.rows).toEqual(
      exits.results.map((row) => {
        const page = String(row.dimensions[0])
        const rate = Math.round((Number(row.metrics[1]) / viewsOf.get(page)!) * 1000) / 10
        return [
          page,
          formatMetric('visitors', row.metrics[0]!),
          formatMetric('visits', row.metrics[1]!),
          `${rate}%`,
        ]
      }),
    )
    expect(exit.rows.length).toBeGreaterThan(3)
    await page.getByTestId('details-close').click()

    await page.getByTestId('details-goals').click()
    const goals = await detailsTable()
    expect(goals.headers).toEqual(['Goal', 'Uniques', 'Total', 'CR'])
    expect(goals.rows).toEqual(
      await formattedRows(range, 'event:goal', ['visitors', 'events', 'conversion_rate']),
    )
    expect(problems).toEqual([])
  })
})

describe('an older server without scroll_depth', () => {
  it('drops the column and keeps the panel, and remembers it for the account only', async () => {
    await open('older')
    const range = await dashboard.shownRange()
    // The refused first ask shows as a failure for a moment, then the panel asks again without scroll depth.
    await page
      .locator('[data-testid="panel-pages"][data-state="ready"] [data-testid="panel-row"]')
      .first()
      .waitFor()
    expect(await dashboard.panel('pages').locator('.rows__head').textContent()).toBe(
      'PageVisitorsTime on page',
    )
    expect(await panelCells('pages')).toEqual(
      (await formattedRows(range, 'event:page', ['visitors', 'time_on_page'], { account: 'older' })).slice(
        0,
        9,
      ),
    )
    expect(await page.evaluate(() => localStorage.getItem('plausible-desktop:unsupported-metrics'))).toBe(
      '{"older":["scroll_depth"]}',
    )
    await page.getByTestId('details-pages').click()
    expect((await detailsTable()).headers).toEqual([
      'Page',
      'Visitors',
      'Pageviews',
      'Bounce rate',
      'Time on page',
    ])
    await context!.close()

    // The Demo account's server knows scroll depth: its Pages panel still lists it.
    ;({ context, page, problems, dashboard } = await openDashboard(
      h,
      `&site=${shop}&account=${demo}&period=30d`,
    ))
    await page.evaluate(() =>
      localStorage.setItem('plausible-desktop:unsupported-metrics', '{"older":["scroll_depth"]}'),
    )
    await page.reload()
    await dashboard.waitUntilReady({ range: '30d' })
    await dashboard.waitForPanels(['pages'])
    expect(await dashboard.panel('pages').locator('.rows__head').textContent()).toBe(
      'PageVisitorsTime on pageScroll depth',
    )
  })
})

describe('revenue under a goal filter', () => {
  it('is asked once where the server has no revenue metrics, remembered, and the top stats stay', async () => {
    await open()
    const range = await dashboard.shownRange()
    const goal = [['is', 'event:goal', ['Signup']]]
    // The Demo server's plan has no revenue metrics: it refuses them in words.
    const refused = await h.call('stats.query', {
      account: demo,
      query: { site_id: shop, metrics: ['total_revenue'], date_range: range, filters: goal },
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'QUERY_INVALID',
        message: expect.stringContaining('does not have access to the revenue metrics feature'),
      },
    })
    await dashboard.panel('goals').locator('[data-testid="panel-row"][data-value="Signup"]').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('plausible-desktop:unsupported-metrics')))
      .toBe(JSON.stringify({ [demo]: ['total_revenue'] }))
    expect(await page.getByTestId('revenue-stats').count()).toBe(0)
    const conversions = await q({
      site_id: shop,
      metrics: ['visitors', 'events', 'conversion_rate'],
      date_range: range,
      filters: goal,
    })
    expect(await dashboard.topStatValue('visitors')).toBe(conversions.results[0]!.metrics[0])
    expect(await dashboard.topStatValue('conversion_rate')).toBe(conversions.results[0]!.metrics[2])
  })
})

describe('screenshots', () => {
  it.each(['light', 'dark'] as const)('saves the Pages panel and its details in %s', async (scheme) => {
    await open(demo, scheme)
    await mkdir(resolve('test-results'), { recursive: true })
    await dashboard.panel('pages').screenshot({ path: resolve('test-results', `pages-panel-${scheme}.png`) })
    await page.getByTestId('details-pages').click()
    await detailsTable()
    await page
      .getByTestId('details-modal')
      .screenshot({ path: resolve('test-results', `details-pages-${scheme}.png`) })
    expect(problems).toEqual([])
  })
})
