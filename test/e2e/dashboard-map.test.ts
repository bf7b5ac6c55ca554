// The Locations map (issue 19 item 9) in Chromium through `plausible ui` against the Demo sandbox: each
// country's visitors, shade and tooltip equal a direct v2 query (visitors by visit:country), a click on a
// country — or Enter on a focused one — filters every panel, and the lists carry flags. Screenshots of the
// map in light and dark land in test-results/.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { countryFlag, countryShade, visitorsPhrase } from '../../src/shared/stats/country-map'
import { startHarness, type Harness, type QueryResult } from './harness'
import { openDashboard, type DashboardPage } from './pages/dashboard-page'

let h: Harness
let context: BrowserContext | undefined
let page: Page
let dashboard: DashboardPage
let problems: string[]
const shop = 'shop.example.com'

type Filter = [string, string, string[]]

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

const q = (query: Record<string, unknown>): Promise<QueryResult> => h.query(query)

/** The shop's last 30 days with the Locations panel on its map, every country drawn. */
async function openMap(colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  ;({ context, page, problems, dashboard } = await openDashboard(h, `&site=${shop}&period=30d`, {
    colorScheme,
  }))
  await dashboard.waitUntilReady({ range: '30d' })
  await page.getByTestId('tab-locations-map').click()
  await page.locator('[data-testid="panel-locations"][data-tab="map"][data-state="ready"]').waitFor()
  await page.getByTestId('world-map').waitFor()
}

/** Each shaded country as code → [visitors, shade], read from the drawn paths. */
async function drawnCountries(): Promise<Record<string, [number, number]>> {
  const drawn = await page
    .getByTestId('map-country')
    .evaluateAll((paths) =>
      paths.map((path) => [
        path.getAttribute('data-country') ?? '',
        Number(path.getAttribute('data-visitors')),
        Number(path.getAttribute('data-shade')),
      ]),
    )
  return Object.fromEntries(drawn.map(([code, visitors, shade]) => [code, [visitors, shade]]))
}

/** A computed colour as 0–255 channels: Chromium writes color-mix() results as `color(srgb r g b)`. */
function rgbOf(css: string): number[] {
  const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)\)$/.exec(css)
  if (srgb) return srgb.slice(1, 4).map((channel) => Math.round(Number(channel) * 255))
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(css)
  if (rgb) return rgb.slice(1, 4).map(Number)
  throw new Error(`Not a colour: ${css}`)
}

/** A panel's first nine rows as [value, visitors] from a direct query: what the panel lists. */
async function expectedRows(
  range: [string, string],
  dimensions: string[],
  filters: Filter[],
): Promise<Array<[string, number]>> {
  const result = await q({
    site_id: shop,
    metrics: ['visitors'],
    date_range: range,
    dimensions,
    filters,
    pagination: { limit: 100, offset: 0 },
  })
  return result.results.slice(0, 9).map((row) => [String(row.dimensions[0]), Number(row.metrics[0])])
}

describe('the Locations map', () => {
  it('draws every country of a direct query with its visitors, shade and tooltip', async () => {
    await openMap()
    const range = await dashboard.shownRange()
    const direct = await q({
      site_id: shop,
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['visit:country', 'visit:country_name'],
    })
    const max = Math.max(...direct.results.map((row) => Number(row.metrics[0])))
    const expected = Object.fromEntries(
      direct.results.map((row) => {
        const visitors = Number(row.metrics[0])
        return [String(row.dimensions[0]), [visitors, countryShade(visitors, max)]]
      }),
    )
    expect(Object.keys(expected).length).toBeGreaterThan(5)
    expect(await drawnCountries()).toEqual(expected)
    // Every Demo country has a shape at this scale: no country is named as too small to draw.
    expect(await page.getByTestId('map-undrawn').count()).toBe(0)

    // The most visited country is drawn in the full accent colour, the least in its lightest shade.
    const top = direct.results[0]!
    const fill = (code: string): Promise<number[]> =>
      page
        .locator(`[data-testid="map-country"][data-country="${code}"]`)
        .evaluate((path) => getComputedStyle(path).fill)
        .then(rgbOf)
    expect(await fill(String(top.dimensions[0]))).toEqual([99, 102, 241])
    const least = direct.results[direct.results.length - 1]!
    expect(await fill(String(least.dimensions[0]))).not.toEqual([99, 102, 241])

    // Hovering a country names it with its flag and its visitors, as the query has them.
    const germany = direct.results.find((row) => row.dimensions[0] === 'DE')!
    await page.locator('[data-testid="map-country"][data-country="DE"]').hover()
    const tooltip = page.getByTestId('map-tooltip')
    await expect.poll(() => tooltip.getAttribute('data-country')).toBe('DE')
    expect(await tooltip.getAttribute('data-visitors')).toBe(String(germany.metrics[0]))
    expect(await tooltip.textContent()).toBe(
      `${countryFlag('DE')} ${String(germany.dimensions[1])}${visitorsPhrase(Number(germany.metrics[0]))}`,
    )
    // A country nobody came from is background: not a button, not in the tab order.
    expect(await page.locator('.world-map__country[data-country="RU"]').getAttribute('tabindex')).toBeNull()
    expect(problems).toEqual([])
  })

  it('filters every panel by the country clicked', async () => {
    await openMap()
    const range = await dashboard.shownRange()
    await page.locator('[data-testid="map-country"][data-country="DE"]').click()
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    await expect.poll(() => page.getByTestId('filter-chip').textContent()).toContain('Country is Germany')
    const filters: Filter[] = [['is', 'visit:country', ['DE']]]
    const panels: Array<[string, string[]]> = [
      ['sources', ['visit:source']],
      ['pages', ['event:page']],
      ['devices', ['visit:browser']],
      ['goals', ['event:goal']],
    ]
    await dashboard.waitForPanels(panels.map(([id]) => id))
    for (const [id, dimensions] of panels)
      expect(await dashboard.panelRows(id), id).toEqual(await expectedRows(range, dimensions, filters))
    const totals = await q({ site_id: shop, metrics: ['visitors'], date_range: range, filters })
    expect(await dashboard.topStatValue('visitors')).toBe(totals.results[0]!.metrics[0])
    // The map itself now draws Germany alone, at full shade.
    await dashboard.waitForPanels(['locations'])
    await expect.poll(() => drawnCountries()).toEqual({ DE: [totals.results[0]!.metrics[0], 100] })
    expect(problems).toEqual([])
  })

  it('filters by a country reached with the keyboard, and lists countries and regions with flags', async () => {
    await openMap()
    const us = page.locator('[data-testid="map-country"][data-country="US"]')
    await us.focus()
    await expect.poll(() => page.getByTestId('map-tooltip').getAttribute('data-country')).toBe('US')
    expect(await us.getAttribute('aria-label')).toMatch(/^United States, [\d.]+k? visitors$/)
    await page.keyboard.press('Enter')
    await page.locator('[data-app-state="ready"][data-filters="1"]').waitFor()
    await expect
      .poll(() => page.getByTestId('filter-chip').textContent())
      .toContain('Country is United States')

    await page.getByTestId('tab-locations-countries').click()
    await dashboard.waitForPanels(['locations'])
    expect(
      await dashboard.panel('locations').locator('[data-testid="panel-row"][data-value="US"]').textContent(),
    ).toContain(`${countryFlag('US')} United States`)
    await page.getByTestId('tab-locations-regions').click()
    await page.locator('[data-testid="panel-locations"][data-tab="regions"][data-state="ready"]').waitFor()
    const region = dashboard.panel('locations').getByTestId('panel-row').first()
    expect(await region.getAttribute('data-value')).toMatch(/^US-/)
    expect(await region.locator('.row__flag').textContent()).toBe(`${countryFlag('US')} `)
    expect(problems).toEqual([])
  })

  it.each(['light', 'dark'] as const)('saves a screenshot of the map in %s', async (scheme) => {
    await openMap(scheme)
    await page.locator('[data-testid="map-country"][data-country="DE"]').hover()
    await page.getByTestId('map-tooltip').waitFor()
    await mkdir(resolve('test-results'), { recursive: true })
    await dashboard
      .panel('locations')
      .screenshot({ path: resolve('test-results', `dashboard-map-${scheme}.png`) })
    expect(problems).toEqual([])
  })
})
