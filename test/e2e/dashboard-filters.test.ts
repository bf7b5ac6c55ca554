// Filters as on the web (issue 19 item 6), end to end in Chromium against the Demo sandbox: values
// suggested from a search query, regions and cities picked by name, a pill opened for editing, "has not
// done" a goal, and saved segments applied by name. Expected numbers are the same host's own answers to
// v2 queries written out here.
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness, type QueryResult } from './harness'
import { defaultPanels, openDashboard, topStatsShown, type DashboardPage } from './pages/dashboard-page'

let h: Harness
let account: string
let context: BrowserContext
let page: Page
let dashboard: DashboardPage
let problems: string[]
let range: [string, string]
const shop = 'shop.example.com'

type Filter = unknown[]

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

async function openShop(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<void> {
  ;({ context, page, problems, dashboard } = await openDashboard(
    h,
    `&site=${shop}&account=${account}&period=30d`,
    options,
  ))
  await dashboard.waitUntilReady({ range: '30d' })
  range = await dashboard.shownRange()
}

/** Every panel's listed rows, the top stats and the graph equal direct queries under `filters`. */
async function expectEverythingFilteredBy(filters: Filter[], count: number): Promise<void> {
  await page.locator(`[data-app-state="ready"][data-filters="${count}"]`).waitFor()
  await dashboard.waitForPanels(defaultPanels.map((p) => p.id))
  for (const panel of defaultPanels) {
    const expected = await q({
      site_id: shop,
      metrics: panel.metrics,
      date_range: range,
      dimensions: panel.dimensions,
      filters,
      include: { total_rows: true },
      pagination: { limit: 100, offset: 0 },
    })
    const rows = expected.results
      .slice(0, 9)
      .map((row) => [String(row.dimensions[0]), Number(row.metrics[0])])
    expect(await dashboard.panelRows(panel.id), panel.id).toEqual(rows)
  }
  const totals = await q({
    site_id: shop,
    metrics: [...topStatsShown],
    date_range: range,
    filters,
  })
  expect(await dashboard.topStatValues()).toEqual(totals.results[0]!.metrics)
  expect(totals.results[0]!.metrics[0]).toBeGreaterThan(0)
  const daily = await q({
    site_id: shop,
    metrics: ['visitors'],
    date_range: range,
    dimensions: ['time:day'],
    filters,
    include: { time_labels: true },
  })
  const byDay = new Map(daily.results.map((row) => [String(row.dimensions[0]), row.metrics[0] ?? 0]))
  expect(await dashboard.chartSeries()).toEqual(
    (daily.meta.time_labels ?? []).map((label) => [label, byDay.get(label) ?? 0]),
  )
}

const editor = (): ReturnType<Page['getByTestId']> => page.getByTestId('filter-editor')

/** Waits until the suggestions answer `search` (typing settled, the answer in) and reads them. */
async function suggestionsFor(search: string): Promise<Array<[string, string]>> {
  await editor()
    .locator(`[data-testid="filter-suggestions"][data-state="ready"][data-answered="${search}"]`)
    .waitFor()
  return editor()
    .getByTestId('filter-suggestion')
    .evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-value') ?? '', b.textContent ?? '']))
}

async function chooseDimension(dimension: string): Promise<void> {
  await page.getByTestId('filter-button').click()
  await editor().getByTestId('filter-dimension').selectOption(dimension)
}

describe('filters as on the web', () => {
  it('suggests values from a search query as you type, equal to a direct v2 query', async () => {
    await openShop()
    await chooseDimension('event:page')
    // Nothing typed: the top ten pages.
    const top = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['event:page'],
      pagination: { limit: 10, offset: 0 },
    })
    expect(await suggestionsFor('')).toEqual(
      top.results.map((r) => [String(r.dimensions[0]), String(r.dimensions[0])]),
    )
    // Typed in capitals: the server looks any case.
    await editor().getByTestId('filter-value').fill('PRODUCTS')
    const found = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['event:page'],
      filters: [['contains', 'event:page', ['PRODUCTS'], { case_sensitive: false }]],
      pagination: { limit: 10, offset: 0 },
    })
    expect(found.results.length).toBeGreaterThan(1)
    expect(await suggestionsFor('PRODUCTS')).toEqual(
      found.results.map((r) => [String(r.dimensions[0]), String(r.dimensions[0])]),
    )
    // A suggestion picked and applied filters the dashboard by it.
    const first = String(found.results[0]!.dimensions[0])
    await editor().locator(`[data-testid="filter-suggestion"][data-value="${first}"]`).click()
    await editor().getByTestId('filter-apply').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    expect(await page.getByTestId('filter-chip-edit').textContent()).toBe(`Page is ${first}`)
    expect(problems).toEqual([])
  })

  it('finds regions and cities by name, sends their code and id, and shows names on the pills', async () => {
    await openShop()
    await chooseDimension('visit:region')
    await editor().getByTestId('filter-value').fill('bav')
    expect(await suggestionsFor('bav')).toEqual([['DE-BY', 'Bavaria']])
    // Enter takes the first match: a typed name is never sent as a region.
    await editor().getByTestId('filter-value').press('Enter')
    expect(await editor().getByTestId('filter-value-chip').locator('.chip__text').allTextContents()).toEqual([
      'Bavaria',
    ])
    await editor().getByTestId('filter-apply').click()
    await expectEverythingFilteredBy([['is', 'visit:region', ['DE-BY']]], 1)
    expect(await page.getByTestId('filter-chip-edit').textContent()).toBe('Region is Bavaria')

    await chooseDimension('visit:city')
    await editor().getByTestId('filter-value').fill('MUN')
    const cities = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['visit:city', 'visit:city_name'],
      filters: [
        ['is', 'visit:region', ['DE-BY']],
        ['contains', 'visit:city_name', ['MUN'], { case_sensitive: false }],
      ],
      pagination: { limit: 10, offset: 0 },
    })
    expect(await suggestionsFor('MUN')).toEqual(
      cities.results.map((r) => [String(r.dimensions[0]), String(r.dimensions[1])]),
    )
    expect(cities.results.map((r) => r.dimensions)).toEqual([[2867714, 'Munich']])
    await editor().locator('[data-testid="filter-suggestion"][data-value="2867714"]').click()
    await editor().getByTestId('filter-apply').click()
    await expectEverythingFilteredBy(
      [
        ['is', 'visit:region', ['DE-BY']],
        ['is', 'visit:city', [2867714]],
      ],
      2,
    )
    expect(await page.getByTestId('filter-chip-edit').allTextContents()).toEqual([
      'Region is Bavaria',
      'City is Munich',
    ])
    expect(problems).toEqual([])
  })

  it('opens a pill’s filter for editing from the keyboard, and saving replaces that filter', async () => {
    await openShop()
    await chooseDimension('visit:region')
    await editor().getByTestId('filter-value').fill('berl')
    await suggestionsFor('berl')
    await editor().locator('[data-testid="filter-suggestion"][data-value="DE-BE"]').click()
    await editor().getByTestId('filter-apply').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()

    // Tab to the pill and press Enter: the editor opens with the pill's filter in it.
    await page.getByTestId('filter-chip-edit').focus()
    await page.keyboard.press('Enter')
    await editor().waitFor()
    expect(await editor().getAttribute('data-editing')).toBe('true')
    expect(await editor().getByTestId('filter-dimension').inputValue()).toBe('visit:region')
    expect(await editor().getByTestId('filter-operator').inputValue()).toBe('is')
    expect(await editor().getByTestId('filter-value-chip').locator('.chip__text').allTextContents()).toEqual([
      'Berlin',
    ])
    await editor().getByTestId('filter-operator').selectOption('is_not')
    await editor().getByTestId('filter-value').fill('hamb')
    await suggestionsFor('hamb')
    await editor().getByTestId('filter-value').press('Enter')
    await editor().getByTestId('filter-apply').click()

    await expectEverythingFilteredBy([['is_not', 'visit:region', ['DE-BE', 'DE-HH']]], 1)
    expect(await page.getByTestId('filter-chip-edit').allTextContents()).toEqual([
      'Region is not Berlin or Hamburg',
    ])
    // Esc in the editor closes it and keeps the filters.
    await page.getByTestId('filter-chip-edit').click()
    await editor().waitFor()
    await page.keyboard.press('Escape')
    await editor().waitFor({ state: 'detached' })
    expect(await dashboard.root.getAttribute('data-filters')).toBe('1')
    expect(problems).toEqual([])
  })

  it('filters by "has not done" a goal, every number equal to a direct v2 query', async () => {
    // A goal nobody reached: the breakdown cannot list it, the site's goals (Sites API) can.
    await h.value('goals.add', { account, site: shop, goalType: 'event', eventName: 'Newsletter signup' })
    await openShop()
    await chooseDimension('event:goal')
    await editor().getByTestId('filter-operator').selectOption('has_not_done')
    await editor().getByTestId('filter-value').fill('sign')
    const converting = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['event:goal'],
      filters: [['contains', 'event:goal', ['sign'], { case_sensitive: false }]],
      pagination: { limit: 10, offset: 0 },
    })
    expect(converting.results.map((r) => r.dimensions[0])).toEqual(['Signup'])
    await expect
      .poll(() =>
        editor()
          .getByTestId('filter-suggestion')
          .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-value'))),
      )
      .toEqual(['Signup', 'Newsletter signup'])
    expect(await suggestionsFor('sign')).toEqual([
      ['Signup', 'Signup'],
      ['Newsletter signup', 'Newsletter signup'],
    ])
    await editor().getByTestId('filter-value').press('Enter')
    await editor().getByTestId('filter-apply').click()
    await expectEverythingFilteredBy([['has_not_done', ['is', 'event:goal', ['Signup']]]], 1)
    expect(await page.getByTestId('filter-chip-edit').textContent()).toBe('Has not done goal Signup')
    // The visits without the goal are fewer than all of them, and not a conversion view.
    const all = await q({ site_id: shop, metrics: ['visits'], date_range: range })
    const without = await q({
      site_id: shop,
      metrics: ['visits'],
      date_range: range,
      filters: [['has_not_done', ['is', 'event:goal', ['Signup']]]],
    })
    expect(without.results[0]!.metrics[0]).toBeLessThan(all.results[0]!.metrics[0]!)
    expect(await dashboard.topStatValue('visits')).toBe(without.results[0]!.metrics[0])
    expect(problems).toEqual([])
  })

  it('saves segments by id and name, refuses one the server does not have, and applies one to every panel', async () => {
    await openShop()
    await page.getByTestId('segments-button').click()
    const menu = page.getByTestId('segment-menu')
    await expect
      .poll(() => menu.getByTestId('segment-note').textContent())
      .toContain('not list, create, edit or delete')
    // Another site's segment: the server says it is not accessible, nothing is saved.
    await menu.getByTestId('segment-id').fill('21')
    await menu.getByTestId('segment-name').fill('Hacker News readers')
    await menu.getByTestId('segment-save').click()
    await expect
      .poll(() => menu.getByTestId('segment-error').textContent())
      .toContain("Some segments don't exist or aren't accessible")
    expect(await menu.getByTestId('segment-apply').count()).toBe(0)
    // The address of a dashboard with the segment applied holds its id.
    await menu.getByTestId('segment-id').fill(`https://plausible.io/${shop}?f=is,segment,11`)
    await menu.getByTestId('segment-name').fill('German visitors')
    await menu.getByTestId('segment-save').click()
    await menu.locator('[data-testid="segment-apply"][data-segment-id="11"]').waitFor()
    expect(await menu.getByTestId('segment-apply').allTextContents()).toEqual(['German visitors'])

    await menu.getByTestId('segment-apply').click()
    await expectEverythingFilteredBy([['is', 'segment', [11]]], 1)
    expect(await page.getByTestId('filter-chip-edit').textContent()).toBe('Segment is German visitors')
    // A segment is the server's filters: the same numbers as its own filter.
    const byCountry = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      filters: [['is', 'visit:country', ['DE']]],
    })
    expect(await dashboard.topStatValue('visitors')).toBe(byCountry.results[0]!.metrics[0])

    // The filter editor offers saved segments by name too.
    await chooseDimension('segment')
    await editor().getByTestId('filter-value').fill('germ')
    expect(await suggestionsFor('germ')).toEqual([['11', 'German visitors']])
    await page.keyboard.press('Escape')
    // Kept per site on this computer: a reload lists it again.
    await page.reload()
    await dashboard.waitUntilReady({ range: '30d' })
    await page.getByTestId('segments-button').click()
    expect(await page.getByTestId('segment-apply').allTextContents()).toEqual(['German visitors'])
    expect(problems.filter((p) => !p.includes('400'))).toEqual([])
  })

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violation with the editor and the segments open (%s); screenshots',
    async (colorScheme) => {
      await openShop({ colorScheme })
      const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
      const serious = async (): Promise<string[]> => {
        await page.evaluate(axeSource)
        const violations = (await page.evaluate(async () => {
          const axe = (
            globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: unknown[] }> } }
          ).axe
          return (await axe.run({ resultTypes: ['violations'] })).violations
        })) as Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }>
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${JSON.stringify(n.target)}`))
      }
      await chooseDimension('visit:city')
      await editor().getByTestId('filter-value').fill('ber')
      await suggestionsFor('ber')
      expect(await serious()).toEqual([])
      await mkdir(resolve('test-results'), { recursive: true })
      await page.screenshot({ path: resolve('test-results', `filter-editor-${colorScheme}.png`) })
      await page.keyboard.press('Escape')
      await page.getByTestId('segments-button').click()
      await page.getByTestId('segment-menu').waitFor()
      expect(await serious()).toEqual([])
      await page.screenshot({ path: resolve('test-results', `segments-menu-${colorScheme}.png`) })
    },
  )
})
