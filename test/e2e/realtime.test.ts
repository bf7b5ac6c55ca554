// Realtime end to end (issue 19 item 8): the last 30 minutes minute by minute, each minute's numbers equal
// to a direct v2 query for that minute's range, the half hour's totals and panels against direct queries
// for the window, what one refresh costs, and screenshots in light and dark.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, startNearlySpentHarness, type Harness, type QueryResult } from './harness'
import { DashboardPage, defaultPanels } from './pages/dashboard-page'

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

const q = (query: Record<string, unknown>): Promise<QueryResult> => h.query(query, account)

/** The page's contract calls by name, since it was opened. */
let calls: Record<string, number>

/** Realtime for shop.example.com, the page's clock held still so no refresh moves the window mid-test. */
async function openRealtime(options = {}): Promise<void> {
  ;({ context, page, problems } = await h.newPage(options))
  calls = {}
  page.on('request', (request) => {
    const name = /\/api\/call\/([^/?]+)/.exec(request.url())?.[1]
    if (name) calls[name] = (calls[name] ?? 0) + 1
  })
  await context.clock.setFixedTime(Date.now())
  dashboard = new DashboardPage(page)
  await dashboard.open(`${h.url}&site=${shop}&account=${account}&period=realtime`)
  await page.locator('[data-testid="realtime-graph"][data-answered="30"]').waitFor()
  await dashboard.waitForChartDots()
}

interface Minute {
  label: string
  range: [string, string]
  running: boolean
  visitors: number
  pageviews: number
}

async function minutesShown(): Promise<Minute[]> {
  return page.getByTestId('realtime-minute').evaluateAll((items) =>
    items.map((item) => ({
      label: item.getAttribute('data-label') ?? '',
      range: JSON.parse(item.getAttribute('data-range') ?? '[]') as [string, string],
      running: item.getAttribute('data-running') === 'true',
      visitors: Number(item.getAttribute('data-visitors')),
      pageviews: Number(item.getAttribute('data-pageviews')),
    })),
  )
}

describe('realtime: the last 30 minutes by the minute', () => {
  it('graphs 30 minute buckets whose numbers equal a direct v2 query for each minute', async () => {
    await openRealtime()
    const minutes = await minutesShown()
    expect(minutes).toHaveLength(30)
    // Consecutive whole minutes in the site's time (Europe/Berlin), the last one running.
    for (const [index, minute] of minutes.entries()) {
      expect(minute.label).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/)
      expect(minute.range[0]).toBe(`${minute.label.replace(' ', 'T')}${minute.range[0].slice(19)}`)
      expect(minute.running).toBe(index === 29)
      if (index > 0)
        expect(Date.parse(minute.range[0]) - Date.parse(minutes[index - 1]!.range[0])).toBe(60_000)
      if (index < 29) expect(Date.parse(minute.range[1]) - Date.parse(minute.range[0])).toBe(59_000)
    }
    expect(Date.parse(minutes[29]!.range[1]) - Date.parse(minutes[29]!.range[0])).toBeLessThan(60_000)

    for (const minute of minutes) {
      const direct = await q({ site_id: shop, metrics: ['visitors', 'pageviews'], date_range: minute.range })
      expect([minute.label, minute.visitors, minute.pageviews]).toEqual([
        minute.label,
        direct.results[0]!.metrics[0],
        direct.results[0]!.metrics[1],
      ])
    }
    // What the view says its first load costs: 30 minutes, the totals and 5 panels, and current visitors.
    await dashboard.waitForPanels(['sources', 'pages', 'locations', 'devices', 'goals'])
    await page.locator('[data-testid="realtime-total-visitors"]:not([data-value=""])').waitFor()
    await page.locator('[data-testid="realtime-visitors"]:not([data-value=""])').waitFor()
    expect([calls['stats.query'], calls['stats.realtime']]).toEqual([36, 1])
    // The demo shop has traffic in the last half hour: the test compares real numbers, not zeros.
    expect(minutes.reduce((sum, minute) => sum + minute.pageviews, 0)).toBeGreaterThan(0)

    // The graph draws the same 30 minutes (visitors), labelled as minutes.
    const realtime = page.getByTestId('realtime-view')
    expect(await realtime.getByTestId('visitors-chart').getAttribute('data-interval')).toBe('time:minute')
    expect(await dashboard.chartSeries()).toEqual(minutes.map((minute) => [minute.label, minute.visitors]))
    expect(problems).toEqual([])
  })

  it('shows the half hour’s totals and every panel for that window, equal to direct queries', async () => {
    await openRealtime()
    const range = JSON.parse((await page.getByTestId('realtime-view').getAttribute('data-range'))!) as [
      string,
      string,
    ]
    expect(Date.parse(range[1]) - Date.parse(range[0])).toBeGreaterThanOrEqual(29 * 60_000)
    expect(Date.parse(range[1]) - Date.parse(range[0])).toBeLessThan(30 * 60_000)
    await page.locator('[data-testid="realtime-total-visitors"]:not([data-value=""])').waitFor()
    const totals = await q({ site_id: shop, metrics: ['visitors', 'pageviews'], date_range: range })
    expect(Number(await page.getByTestId('realtime-total-visitors').getAttribute('data-value'))).toBe(
      totals.results[0]!.metrics[0],
    )
    expect(Number(await page.getByTestId('realtime-total-pageviews').getAttribute('data-value'))).toBe(
      totals.results[0]!.metrics[1],
    )

    const cases = [
      { id: 'sources', dimension: 'visit:source', metrics: ['visitors', 'bounce_rate', 'visit_duration'] },
      { id: 'pages', dimension: 'event:page', metrics: ['visitors', 'pageviews', 'bounce_rate'] },
      { id: 'devices', dimension: 'visit:browser', metrics: ['visitors', 'percentage'] },
    ]
    await dashboard.waitForPanels(['sources', 'pages', 'locations', 'devices', 'goals'])
    for (const panel of cases) {
      const direct = await q({
        site_id: shop,
        metrics: panel.metrics,
        date_range: range,
        dimensions: [panel.dimension],
      })
      const shown = await dashboard.panelRows(panel.id)
      expect(shown.length).toBeGreaterThan(0)
      expect(shown, panel.id).toEqual(
        direct.results.slice(0, shown.length).map((row) => [String(row.dimensions[0]), row.metrics[0]]),
      )
    }
    // No Details or CSV in realtime: its window moves with every refresh.
    expect(await page.getByTestId('details-sources').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('re-asks only the running minute on Refresh: finished minutes cannot change', async () => {
    await openRealtime()
    const minutesAsked: Array<[string, string]> = []
    page.on('request', (request) => {
      if (!request.url().includes('/api/call/stats.query')) return
      const { query } = JSON.parse(request.postData() ?? '{}') as { query: { date_range: [string, string] } }
      const [from, to] = query.date_range
      if (Date.parse(to) - Date.parse(from) < 60_000) minutesAsked.push(query.date_range)
    })
    const running = (await minutesShown())[29]!
    await page.getByTestId('refresh').click()
    await expect.poll(() => minutesAsked.length).toBe(1)
    await page.waitForTimeout(1_000)
    expect(minutesAsked).toEqual([running.range])
    expect(problems).toEqual([])
  })

  it('says how often it refreshes and what a refresh costs', async () => {
    await openRealtime()
    expect(await page.getByTestId('realtime-poll').textContent()).toMatch(/^Updates every \d+ s/)
    expect(await page.getByTestId('realtime-cost').textContent()).toBe(
      'The public API has no minute buckets, so each minute is one request: the first load costs 37 requests, each refresh 8 (current visitors, the half hour’s totals, the running minute and 5 panels) and one for each minute finished since the last.',
    )
  })

  it('says on today’s graph why it is hourly, and opens the minutes from there', async () => {
    ;({ context, page, problems } = await h.newPage())
    dashboard = new DashboardPage(page)
    await dashboard.open(`${h.url}&site=${shop}&account=${account}&period=day`)
    await dashboard.waitUntilReady({ range: 'day' })
    expect(await dashboard.chart.getAttribute('data-interval')).toBe('time:hour')
    expect(await page.getByTestId('minute-interval-note').textContent()).toBe(
      'Today is drawn by the hour: Plausible’s public API has no minute buckets, and asking each minute of the day would take up to 1,440 requests. The last 30 minutes by the minute: Realtime (R)',
    )
    await page.getByTestId('minute-interval-realtime').click()
    await page.locator('[data-testid="realtime-graph"][data-answered="30"]').waitFor()
    expect(await dashboard.root.getAttribute('data-range')).toBe('realtime')
    expect(await page.getByTestId('minute-interval-note').count()).toBe(0)
    // Yesterday (E) is a day in the past: drawn by the hour with no note.
    await dashboard.open(`${h.url}&site=${shop}&account=${account}&period=day`)
    await dashboard.waitUntilReady({ range: 'day' })
    const today = await dashboard.root.getAttribute('data-period-first')
    await page.keyboard.press('e')
    await page
      .locator(`[data-app-state="ready"][data-range="day"]:not([data-period-first="${today}"])`)
      .waitFor()
    expect(await page.getByTestId('minute-interval-note').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('saves screenshots in light and dark', async () => {
    await openRealtime()
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    await dashboard.screenshot('realtime-light.png')
    await context.close()
    await openRealtime({ colorScheme: 'dark' })
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    await dashboard.screenshot('realtime-dark.png')
    expect(problems).toEqual([])
  })
})

describe('realtime in a nearly spent hour', () => {
  let low: Harness
  beforeAll(async () => {
    low = await startNearlySpentHarness()
  })
  afterAll(async () => {
    if (low) expect(await low.close()).toBe(0)
  })

  it('asks no minute and says the graph is paused, and why', async () => {
    ;({ context, page, problems } = await low.newPage())
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/call/stats.query')) asked.push(request.postData() ?? '')
    })
    await page.goto(`${low.url}&site=${shop}&account=demo&period=realtime`)
    await page.getByTestId('realtime-graph-paused').waitFor()
    expect(await page.getByTestId('realtime-graph-paused').textContent()).toBe(
      'The minute graph is paused to keep the rest of this hour’s budget: it would cost 37 requests. It fills in when the hour resets.',
    )
    expect(await page.getByTestId('realtime-poll').textContent()).toBe(
      'Updates paused to keep the rest of this hour’s budget.',
    )
    await page.waitForTimeout(1_000)
    expect(await page.getByTestId('realtime-graph').getAttribute('data-answered')).toBe('0')
    // Not one single-minute range was asked: every stats query of the page spans the half hour or more.
    const spans = asked.map((body) => {
      const { query } = JSON.parse(body) as { query: { date_range: [string, string] } }
      return Date.parse(query.date_range[1]) - Date.parse(query.date_range[0])
    })
    expect(spans.length).toBeGreaterThan(0)
    expect(spans.filter((span) => span < 60_000)).toEqual([])
  })
})
