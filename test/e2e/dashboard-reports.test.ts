// The dashboard's reports end to end, against the Demo sandbox through the built CLI's `plausible ui`:
// panels, click-to-filter, comparisons, DST labels, shortcuts, details/CSV, offline and budget (realtime:
// realtime.test.ts).
// Expected numbers are the same host's own answers to v2 queries written out here by hand.
import { mkdir, readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, startNearlySpentHarness, type Harness, type QueryResult } from './harness'
import {
  defaultPanels,
  openDashboard,
  topStatsShown,
  type DashboardPage,
  type PanelCase,
} from './pages/dashboard-page'
import { wholePercentChange } from './percent-change'

let h: Harness
let account: string
let context: BrowserContext
let page: Page
let dashboard: DashboardPage
let problems: string[]
const shop = 'shop.example.com'
const blog = 'blog.example.org'

type Filter = [string, string, Array<string | number>]

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

async function open(search = '', options = {}): Promise<void> {
  ;({ context, page, problems, dashboard } = await openDashboard(h, search, options))
}

const q = (query: Record<string, unknown>): Promise<QueryResult> => h.query(query, account)

/** shop.example.com's last 30 days, the Locations panel on Cities, and its details open and answered. */
async function openCityDetails(options = {}): Promise<{ range: [string, string]; modal: Locator }> {
  await open(`&site=${shop}&account=${account}&period=30d`, options)
  await dashboard.waitUntilReady({ range: '30d' })
  await dashboard.waitForPanels(['locations'])
  const range = await dashboard.shownRange()
  await page.getByTestId('tab-locations-cities').click()
  await dashboard.waitForPanels(['locations'])
  await page.getByTestId('details-locations').click()
  await page.locator('[data-testid="details-modal"][data-state="ready"]').waitFor()
  return { range, modal: page.getByTestId('details-modal') }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The first nine rows of a breakdown as [value, visitors]: what a panel lists. */
async function expectedRows(
  site: string,
  range: [string, string],
  panel: PanelCase,
  filters: Filter[] = [],
): Promise<Array<[string, number]>> {
  const metrics =
    filters.some((f) => f[1] === 'event:goal') && panel.id !== 'goals'
      ? ['visitors', 'conversion_rate']
      : panel.metrics
  const result = await q({
    site_id: site,
    metrics,
    date_range: range,
    dimensions: panel.dimensions,
    ...(filters.length ? { filters } : {}),
    include: { total_rows: true },
    pagination: { limit: 100, offset: 0 },
  })
  return result.results.slice(0, 9).map((row) => [String(row.dimensions[0]), Number(row.metrics[0])])
}

async function expectedTopStats(
  site: string,
  range: unknown,
  filters: Filter[] = [],
): Promise<Array<number | null>> {
  const result = await q({
    site_id: site,
    metrics: [...topStatsShown],
    date_range: range,
    ...(filters.length ? { filters } : {}),
  })
  return result.results[0]?.metrics ?? []
}

async function expectedDaily(
  site: string,
  range: [string, string],
  filters: Filter[] = [],
): Promise<Array<[string, number]>> {
  const result = await q({
    site_id: site,
    metrics: ['visitors'],
    date_range: range,
    dimensions: ['time:day'],
    ...(filters.length ? { filters } : {}),
    include: { time_labels: true },
  })
  const byDay = new Map(result.results.map((row) => [String(row.dimensions[0]), row.metrics[0] ?? 0]))
  return (result.meta.time_labels ?? []).map((label) => [label, byDay.get(label) ?? 0])
}

/** Plausible's change: whole percent rounded half away from zero (0 → n: 100), bounce rate in points. */
function handChange(metric: string, before: number | null, after: number | null): number | null {
  if (before === null || after === null) return null
  if (metric === 'bounce_rate') return before > 0 ? after - before : null
  if (before === 0) return after > 0 ? 100 : 0
  return wholePercentChange(before, after)
}

describe('dashboard reports against the sandbox', () => {
  it('shows each panel with the sandbox’s own numbers for the range, and a custom property', async () => {
    // The window resolves "7d" as the server does: to the server's dates just before or just after it
    // opened (the two differ only when the site's midnight falls in between).
    const before = await h.datesOf(shop, '7d', account)
    await open(`&site=${shop}&account=${account}&period=7d`)
    await dashboard.waitUntilReady({ range: '7d' })
    const range = await dashboard.shownRange()
    expect([before, await h.datesOf(shop, '7d', account)]).toContainEqual(range)
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    for (const panel of defaultPanels) {
      const rows = await expectedRows(shop, range, panel)
      expect(rows.length, panel.id).toBeGreaterThan(0)
      expect(await dashboard.panelRows(panel.id), panel.id).toEqual(rows)
    }
    expect(await dashboard.topStatValues()).toEqual(await expectedTopStats(shop, range))

    // Properties: a name the server does not list yet, typed by the user.
    await dashboard.panel('properties').getByTestId('add-property').fill('plan')
    await dashboard.panel('properties').getByTestId('add-property').press('Enter')
    await dashboard.waitForPanels(['properties'])
    expect(await dashboard.panelRows('properties')).toEqual(
      await expectedRows(shop, range, {
        id: 'properties',
        dimensions: ['event:props:plan'],
        metrics: ['visitors', 'events', 'percentage'],
      }),
    )

    // Other tabs ask their own dimension.
    await page.getByTestId('tab-sources-utm_source').click()
    await dashboard.waitForPanels(['sources'])
    expect(await dashboard.panelRows('sources')).toEqual(
      await expectedRows(shop, range, {
        id: 'sources',
        dimensions: ['visit:utm_source'],
        metrics: ['visitors', 'bounce_rate', 'visit_duration'],
      }),
    )
    await page.getByTestId('tab-locations-cities').click()
    await dashboard.waitForPanels(['locations'])
    expect(await dashboard.panelRows('locations')).toEqual(
      await expectedRows(shop, range, {
        id: 'locations',
        dimensions: ['visit:city', 'visit:city_name'],
        metrics: ['visitors', 'percentage'],
      }),
    )
    expect(problems).toEqual([])
  })

  it.each(['light', 'dark'] as const)(
    "saves a screenshot of the Sources panel drilled into Google's referrer URLs in %s",
    async (colorScheme) => {
      await open(`&site=${shop}&account=${account}&period=30d`, { colorScheme })
      await dashboard.waitUntilReady({ range: '30d' })
      await dashboard.waitForPanels(['sources'])
      await dashboard.panel('sources').locator('[data-testid="panel-row"][data-value="Google"]').click()
      await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
      await dashboard.waitForPanels(['sources'])
      const range = await dashboard.shownRange()
      const referrers = await q({
        site_id: shop,
        metrics: ['visitors'],
        date_range: range,
        dimensions: ['visit:referrer'],
        filters: [['is', 'visit:source', ['Google']]],
      })
      // The drilled list is the referrers' own: its first row is the top referrer URL of Google's visits.
      expect((await dashboard.panelRows('sources'))[0]).toEqual([
        String(referrers.results[0]!.dimensions[0]),
        referrers.results[0]!.metrics[0],
      ])
      await mkdir(resolve('test-results'), { recursive: true })
      await dashboard
        .panel('sources')
        .screenshot({ path: resolve('test-results', `dashboard-drilldown-${colorScheme}.png`) })
      expect(problems).toEqual([])
    },
  )

  it('filters every panel, the top stats and the graph when a row is clicked, matching a direct query', async () => {
    await open(`&site=${shop}&account=${account}`)
    await dashboard.waitUntilReady({ range: '30d' })
    await dashboard.waitForPanels(['sources'])
    const range = await dashboard.shownRange()
    await dashboard.panel('sources').locator('[data-testid="panel-row"][data-value="Google"]').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    await expect.poll(() => page.getByTestId('filter-chip').textContent()).toContain('Source is Google')
    const filters: Filter[] = [['is', 'visit:source', ['Google']]]
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    // With one source picked, the Sources panel drills into its referrer URLs.
    const drilled = (panel: PanelCase): PanelCase =>
      panel.id === 'sources' ? { ...panel, dimensions: ['visit:referrer'] } : panel
    for (const panel of defaultPanels)
      expect(await dashboard.panelRows(panel.id), panel.id).toEqual(
        await expectedRows(shop, range, drilled(panel), filters),
      )
    expect((await dashboard.panelRows('sources')).length).toBeGreaterThan(0)
    expect(await dashboard.topStatValues()).toEqual(await expectedTopStats(shop, range, filters))
    expect(await dashboard.chartSeries()).toEqual(await expectedDaily(shop, range, filters))

    // A second click-filter (a country, sent as its code, shown by name) narrows further.
    await dashboard.panel('locations').locator('[data-testid="panel-row"][data-value="DE"]').click()
    await page.locator('[data-app-state="ready"][data-filters="2"]').waitFor()
    await expect
      .poll(() => page.getByTestId('filter-chip').nth(1).textContent())
      .toContain('Country is Germany')
    const both: Filter[] = [...filters, ['is', 'visit:country', ['DE']]]
    await dashboard.waitForPanels(['pages'])
    expect(await dashboard.panelRows('pages')).toEqual(
      await expectedRows(shop, range, defaultPanels[1]!, both),
    )
    expect(await dashboard.topStatValues()).toEqual(await expectedTopStats(shop, range, both))

    // A goal filter turns the top stats into conversions.
    await dashboard.panel('goals').locator('[data-testid="panel-row"][data-value="Signup"]').click()
    await page.locator('[data-app-state="ready"][data-filters="3"]').waitFor()
    const goal = await q({
      site_id: shop,
      metrics: ['visitors', 'events', 'conversion_rate'],
      date_range: range,
      filters: [...both, ['is', 'event:goal', ['Signup']]],
    })
    expect(await dashboard.topStatValue('conversion_rate' as never)).toBe(goal.results[0]!.metrics[2])

    // Esc clears every filter.
    await page.keyboard.press('Escape')
    await page.locator('[data-app-state="ready"][data-filters="0"]').waitFor()
    expect(await dashboard.topStatValues()).toEqual(await expectedTopStats(shop, range))
    expect(problems).toEqual([])
  })

  it('compares with the previous period: change percentages equal a hand computation from two queries', async () => {
    await open(`&site=${shop}&account=${account}&period=7d`)
    await dashboard.waitUntilReady({ range: '7d' })
    await page.keyboard.press('x')
    await page.locator('[data-app-state="ready"][data-comparison="previous_period"]').waitFor()
    const [first, last] = await dashboard.shownRange()
    // Seven days keep their weekdays a week earlier: matching the day of week moves nothing.
    const previous: [string, string] = [addDays(first, -7), addDays(last, -7)]
    expect(await dashboard.root.getAttribute('data-comparison-first')).toBe(previous[0])
    expect(await dashboard.root.getAttribute('data-comparison-last')).toBe(previous[1])
    const now = await expectedTopStats(shop, [first, last])
    const before = await expectedTopStats(shop, previous)
    for (const [index, metric] of topStatsShown.entries()) {
      const hand = handChange(metric, before[index] ?? null, now[index] ?? null)
      expect(await dashboard.changeOf(metric), metric).toBe(hand)
    }
    // Each listed source shows its visitors' change against the same source the week before.
    const sources = async (range: [string, string]): Promise<Map<string, number>> =>
      new Map(
        (
          await q({ site_id: shop, metrics: ['visitors'], date_range: range, dimensions: ['visit:source'] })
        ).results.map((row) => [String(row.dimensions[0]), Number(row.metrics[0])]),
      )
    const [sourcesNow, sourcesBefore] = [await sources([first, last]), await sources(previous)]
    const rows = dashboard.panel('sources').getByTestId('panel-row')
    await expect
      .poll(() =>
        dashboard.panel('sources').locator('[data-testid="row-change"]:not([data-value=""])').count(),
      )
      .toBe(await rows.count())
    for (const row of await rows.all()) {
      const source = (await row.getAttribute('data-value'))!
      const hand = handChange('visitors', sourcesBefore.get(source) ?? 0, sourcesNow.get(source) ?? null)
      expect(await row.getByTestId('row-change').getAttribute('data-value'), source).toBe(
        hand === null ? '' : String(hand),
      )
    }
    // The graph overlays the previous week day by day.
    const overlay = await dashboard.chartComparison()
    const previousSeries = await expectedDaily(shop, previous)
    expect(overlay.map(([, , c]) => c)).toEqual(previousSeries.map(([, v]) => v))
    await dashboard.screenshot('dashboard-compare.png')

    // Year over year, exact dates: one calendar year back.
    await page.getByTestId('comparison-picker').click()
    await page.getByTestId('comparison-option-year_over_year').click()
    await page.getByTestId('comparison-picker').click()
    await page.getByTestId('comparison-match-date').click()
    await page.keyboard.press('Escape')
    await page.locator('[data-app-state="ready"][data-comparison="year_over_year"]').waitFor()
    await expect
      .poll(() => dashboard.root.getAttribute('data-comparison-first'))
      .toBe(`${Number(first.slice(0, 4)) - 1}${first.slice(4)}`)
    expect(problems).toEqual([])
  })

  it('compares "today so far" with yesterday up to the same time of day', async () => {
    // Exact dates: yesterday (matching the weekday would pick the same day a week back, as Plausible does).
    await open(
      `&site=${shop}&account=${account}&period=day&comparison=previous_period&match_day_of_week=false`,
    )
    await page
      .locator('[data-app-state="ready"][data-comparison="previous_period"][data-range="day"]')
      .waitFor()
    const totals = JSON.parse((await dashboard.root.getAttribute('data-comparison-totals'))!) as [
      string,
      string,
    ]
    const [today] = await dashboard.shownRange()
    expect(totals[0]).toMatch(new RegExp(`^${addDays(today, -1)}T00:00:00[+-]\\d{2}:\\d{2}$`))
    expect(totals[1].slice(0, 10)).toBe(addDays(today, -1))
    // The cut is now's wall-clock time in Berlin, within the minutes this test has run.
    const berlinNow = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(Date.now())
    const cut = totals[1].slice(11, 16)
    const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
    // Around the clock: 23:59 and 00:00 are a minute apart.
    const apart = Math.abs(minutes(berlinNow) - minutes(cut))
    expect(Math.min(apart, 24 * 60 - apart)).toBeLessThanOrEqual(2)
    // Today keeps growing while the test runs: the change is checked on the numbers the page shows, and those
    // against a direct query made after them, which can only have more.
    const now = await dashboard.topStatValues()
    const later = await expectedTopStats(shop, [today, today])
    for (const index of [0, 2]) expect(now[index]).toBeLessThanOrEqual(later[index] ?? 0)
    const before = await expectedTopStats(shop, totals)
    expect(await dashboard.changeOf('visitors')).toBe(
      handChange('visitors', before[0] ?? null, now[0] ?? null),
    )
    expect(await dashboard.changeOf('pageviews')).toBe(
      handChange('pageviews', before[2] ?? null, now[2] ?? null),
    )
  })

  it('labels a UTC−05:00 site’s hours across DST changes: 25 buckets on the fall-back day, 23 on the spring one', async () => {
    await open(`&site=${blog}&account=${account}`)
    await dashboard.waitUntilReady({ site: blog })
    await dashboard.chooseCustomRange('2026-11-01', '2026-11-01')
    await page
      .locator('[data-app-state="ready"][data-range="custom"][data-period-first="2026-11-01"]')
      .waitFor()
    await expect.poll(() => dashboard.chart.getAttribute('data-buckets')).toBe('25')
    expect(await dashboard.chart.getAttribute('data-interval')).toBe('time:hour')

    const server = await q({
      site_id: blog,
      metrics: ['visitors'],
      date_range: ['2026-11-01', '2026-11-01'],
      dimensions: ['time:hour'],
      include: { time_labels: true },
    })
    const labels = server.meta.time_labels!
    expect(labels).toHaveLength(25)
    expect(labels.filter((label) => label === '2026-11-01 01:00:00')).toHaveLength(2)
    // Rows pair with labels in order: the repeated hour's two rows go to its two buckets.
    const seen = new Map<string, number>()
    const byKey = new Map<string, number>()
    for (const row of server.results) {
      const label = String(row.dimensions[0])
      const n = seen.get(label) ?? 0
      seen.set(label, n + 1)
      byKey.set(`${label}#${n}`, Number(row.metrics[0]))
    }
    const counted = new Map<string, number>()
    const expected = labels.map((label) => {
      const n = counted.get(label) ?? 0
      counted.set(label, n + 1)
      return [label, byKey.get(`${label}#${n}`) ?? 0]
    })
    expect(await dashboard.chartSeries()).toEqual(expected)

    // The tooltip tells the two 1 a.m.s apart by their zone.
    const ones = page.locator('[data-testid="chart-point"][data-label="2026-11-01 01:00:00"]')
    const zones: string[] = []
    for (const index of [0, 1]) {
      const box = (await ones.nth(index).boundingBox())!
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await expect.poll(() => page.getByTestId('chart-tooltip').textContent()).toMatch(/E[DS]T/)
      zones.push(((await page.getByTestId('chart-tooltip').textContent()) ?? '').match(/E[DS]T/)![0])
    }
    expect(zones).toEqual(['EDT', 'EST'])
    await dashboard.screenshot('dashboard-dst-fall-back.png')

    await dashboard.chooseCustomRange('2026-03-08', '2026-03-08')
    await page.locator('[data-app-state="ready"][data-period-first="2026-03-08"]').waitFor()
    await expect.poll(() => dashboard.chart.getAttribute('data-buckets')).toBe('23')
    const spring = (await dashboard.chartSeries()).map(([label]) => label)
    expect(spring).not.toContain('2026-03-08 02:00:00')
    expect(spring.slice(0, 3)).toEqual(['2026-03-08 00:00:00', '2026-03-08 01:00:00', '2026-03-08 03:00:00'])
    expect(problems).toEqual([])
  })

  it('answers the dashboard’s keyboard shortcuts and remembers each site’s view', async () => {
    await open(`&site=${shop}&account=${account}`)
    await dashboard.waitUntilReady({ range: '30d' })
    for (const [key, period] of [
      ['w', '7d'],
      ['t', '30d'],
      ['y', 'year'],
      ['l', '12mo'],
      ['a', 'all'],
      ['d', 'day'],
    ] as const) {
      await page.keyboard.press(key)
      await dashboard.waitUntilReady({ range: period })
    }
    // The day the window opened on: the months below are counted from it.
    const [today] = await dashboard.shownRange()
    await page.keyboard.press('m')
    await dashboard.waitUntilReady({ range: 'month' })
    expect(await dashboard.root.getAttribute('data-period-first')).toBe(`${today.slice(0, 7)}-01`)
    await page.keyboard.press('ArrowLeft')
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)
    await page.locator(`[data-app-state="ready"][data-period-first="${lastMonth}-01"]`).waitFor()
    await page.keyboard.press('ArrowRight')
    await page.locator(`[data-app-state="ready"][data-period-first="${today.slice(0, 7)}-01"]`).waitFor()
    await page.keyboard.press('e')
    await page.locator(`[data-app-state="ready"][data-period-first="${addDays(today, -1)}"]`).waitFor()
    expect(await page.getByTestId('period-label').textContent()).toBe('Yesterday')
    await page.keyboard.press('w')
    await page.keyboard.press('i')
    await expect.poll(() => dashboard.root.getAttribute('data-interval')).toBe('time:hour')
    await page.keyboard.press('i')
    await expect.poll(() => dashboard.root.getAttribute('data-interval')).toBe('time:day')
    await page.keyboard.press('x')
    await expect.poll(() => dashboard.root.getAttribute('data-comparison')).toBe('previous_period')
    await page.keyboard.press('x')
    await expect.poll(() => dashboard.root.getAttribute('data-comparison')).toBe('off')

    // A filter on this site, then site 2 by its number, then back: the first site's view returns.
    await dashboard.waitForPanels(['pages'])
    await dashboard.panel('pages').getByTestId('panel-row').first().click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    const { sites } = await h.value<{ sites: Array<{ domain: string }> }>('sites.list', { account })
    await page.keyboard.press('2')
    await dashboard.waitUntilReady({ site: sites[1]!.domain })
    expect(await dashboard.root.getAttribute('data-filters')).toBe('0')
    expect(await dashboard.root.getAttribute('data-range')).toBe('7d')
    await page.keyboard.press('1')
    await dashboard.waitUntilReady({ site: sites[0]!.domain, range: '7d' })
    expect(await dashboard.root.getAttribute('data-filters')).toBe('1')
    await dashboard.siteSelect.click()
    const recent = await page
      .locator('[data-testid="recent-sites"] [data-testid="site-option"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-domain')))
    expect(recent.slice(0, 2)).toEqual([sites[0]!.domain, sites[1]!.domain])
    // Search narrows the list, and each site shows its account.
    await page.getByTestId('site-search').fill('blog')
    const found = page.locator('[data-testid="site-list"] [data-testid="site-option"]')
    await expect.poll(() => found.count()).toBe(1)
    expect(await found.first().getAttribute('data-account')).toBe(account)
    await page.keyboard.press('Enter')
    await dashboard.waitUntilReady({ site: blog })
    // A reload comes back to the last site and its view.
    await page.reload()
    await dashboard.waitUntilReady({ site: blog })
    expect(problems).toEqual([])
  })

  it('offers the site’s custom properties from the server as tabs, without typing them', async () => {
    await h.value('props.add', { account, site: blog, property: 'author' })
    const { properties } = await h.value<{ properties: string[] }>('props.list', { account, site: blog })
    expect(properties).toContain('author')
    await open(`&site=${blog}&account=${account}&period=30d`)
    await dashboard.waitUntilReady({ range: '30d', site: blog })
    for (const property of properties)
      await dashboard.panel('properties').getByTestId(`tab-properties-${property}`).waitFor()
    expect(problems).toEqual([])
  })

  it('sorts details by a column and finds a row from deep in the list by its name', async () => {
    const { range, modal } = await openCityDetails()
    const rowsShown = (): Promise<Array<string | null>> =>
      modal.getByTestId('details-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-value')))
    const base = {
      site_id: shop,
      metrics: ['visitors', 'percentage'],
      date_range: range,
      dimensions: ['visit:city', 'visit:city_name'],
      pagination: { limit: 10000, offset: 0 },
    }

    // Fewest visitors first (a second click): the server's order, every page taking part.
    await page.getByTestId('details-sort-visitors').click()
    await expect.poll(() => modal.locator('th[aria-sort="descending"]').count()).toBe(1)
    await page.getByTestId('details-sort-visitors').click()
    await expect.poll(() => modal.locator('th[aria-sort="ascending"]').count()).toBe(1)
    await page.locator('[data-testid="details-modal"][data-state="ready"]').waitFor()
    const ascending = await q({
      ...base,
      order_by: [
        ['visitors', 'asc'],
        ['visit:city', 'asc'],
      ],
    })
    await expect
      .poll(rowsShown)
      .toEqual(ascending.results.slice(0, 100).map((row) => String(row.dimensions[0])))

    // A city from the third page of the unsorted list, found by its name typed in capitals.
    const all = await q(base)
    const deep = all.results[Math.min(210, all.results.length - 1)]!
    const name = String(deep.dimensions[1])
    await page.getByTestId('details-search').fill(name.toUpperCase())
    const found = await q({
      ...base,
      filters: [['contains', 'visit:city_name', [name.toUpperCase()], { case_sensitive: false }]],
      order_by: [
        ['visitors', 'asc'],
        ['visit:city', 'asc'],
      ],
    })
    await expect.poll(rowsShown).toEqual(found.results.slice(0, 100).map((row) => String(row.dimensions[0])))
    expect(await rowsShown()).toContain(String(deep.dimensions[0]))
    await page.keyboard.press('Escape')
    expect(problems).toEqual([])
  })

  it('opens details as a paged full list and exports the breakdown as CSV', async () => {
    const { range, modal } = await openCityDetails({ acceptDownloads: true })
    const all = await q({
      site_id: shop,
      metrics: ['visitors', 'percentage'],
      date_range: range,
      dimensions: ['visit:city', 'visit:city_name'],
      include: { total_rows: true },
      pagination: { limit: 10000, offset: 0 },
    })
    const total = all.meta.total_rows!
    expect(Number(await modal.getAttribute('data-total-rows'))).toBe(total)
    expect(await modal.getByTestId('details-row').count()).toBe(Math.min(100, total))
    if (total > 100) {
      await page.getByTestId('details-next').click()
      await page.locator('[data-testid="details-modal"][data-page="1"][data-state="ready"]').waitFor()
      const second = await modal
        .getByTestId('details-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-value')))
      expect(second).toEqual(all.results.slice(100, 200).map((row) => String(row.dimensions[0])))
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('details-export').click(),
    ])
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('City,City code,Visitors,%')
    expect(lines).toHaveLength(total + 1)
    const firstRow = all.results[0]!
    expect(lines[1]).toBe(
      `${firstRow.dimensions[1]},${firstRow.dimensions[0]},${firstRow.metrics[0]},${firstRow.metrics[1]}`,
    )
    expect(download.suggestedFilename()).toBe(`shop.example.com-cities-${range[0]}-${range[1]}.csv`)
    await page.keyboard.press('Escape')
    await expect.poll(() => modal.count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('keeps showing the last numbers "as of" their time when the host stops answering', async () => {
    await open(`&site=${shop}&account=${account}&period=28d`)
    await dashboard.waitUntilReady({ range: '28d' })
    const before = await dashboard.topStatValues()
    await page.route('**/api/call/stats.*', (route) => route.abort())
    await page.getByTestId('refresh').click()
    await page.getByTestId('offline-notice').waitFor()
    await page.locator('[data-app-state="offline"]').waitFor()
    expect(await dashboard.topStatValues()).toEqual(before)
    const asOf = Number(await page.getByTestId('offline-notice').getAttribute('data-as-of'))
    expect(Date.now() - asOf).toBeLessThan(120_000)
    await page.unroute('**/api/call/stats.*')
    await page.getByTestId('offline-retry').click()
    await dashboard.waitUntilReady({ range: '28d' })
    await expect.poll(() => page.getByTestId('offline-notice').count()).toBe(0)
  })

  it('saves screenshots of the dashboard in light and dark', async () => {
    await open(`&site=${shop}&account=${account}&period=30d`)
    await dashboard.waitUntilReady({ range: '30d' })
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    await dashboard.screenshot('dashboard-light.png')
    await context.close()
    await open(`&site=${shop}&account=${account}&period=30d&comparison=previous_period`, {
      colorScheme: 'dark',
    })
    await dashboard.waitUntilReady({ range: '30d' })
    await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
    await dashboard.screenshot('dashboard-dark.png')
    expect(problems).toEqual([])
  })
})

describe('a nearly spent hour', () => {
  let low: Harness
  beforeAll(async () => {
    low = await startNearlySpentHarness()
  })
  afterAll(async () => {
    if (low) expect(await low.close()).toBe(0)
  })

  it('says the budget is low, what still refreshes and when the hour resets', async () => {
    ;({ context, page, problems, dashboard } = await openDashboard(low, '#/dashboard'))
    await dashboard.waitUntilReady()
    await page.getByTestId('budget-notice').waitFor()
    const text = (await page.getByTestId('budget-notice').textContent()) ?? ''
    expect(text).toMatch(/Budget low: \d+ of 14 requests left this hour/)
    expect(text).toMatch(/Realtime updates are paused/)
    expect(text).toMatch(/resets at/)
  })
})
