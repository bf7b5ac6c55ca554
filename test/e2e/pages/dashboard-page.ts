// Locators for the dashboard, so tests read as behaviour and survive markup changes in one place.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import type { PeriodKey } from '../../../src/shared/stats/periods'
import type { TopStatMetric } from '../../../src/shared/stats/top-stats'
import type { Harness } from '../harness'

/** A panel of the default dashboard, with the breakdown its rows come from. */
export interface PanelCase {
  id: string
  dimensions: string[]
  metrics: string[]
}

/** The panels a dashboard shows by default, each on its first tab. */
export const defaultPanels: PanelCase[] = [
  { id: 'sources', dimensions: ['visit:source'], metrics: ['visitors', 'bounce_rate', 'visit_duration'] },
  { id: 'pages', dimensions: ['event:page'], metrics: ['visitors', 'pageviews', 'bounce_rate'] },
  {
    id: 'locations',
    dimensions: ['visit:country', 'visit:country_name'],
    metrics: ['visitors', 'percentage'],
  },
  { id: 'devices', dimensions: ['visit:browser'], metrics: ['visitors', 'percentage'] },
  { id: 'goals', dimensions: ['event:goal'], metrics: ['visitors', 'events', 'conversion_rate'] },
]

/** The top stats in the order the dashboard shows them (without a goal filter). */
export const topStatsShown = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
] as const

/** A new browser context on the harness with the window opened at `${h.url}${search}`. */
export async function openDashboard(
  h: Harness,
  search = '',
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[]; dashboard: DashboardPage }> {
  const { context, page, problems } = await h.newPage(options)
  const dashboard = new DashboardPage(page)
  await dashboard.open(`${h.url}${search}`)
  return { context, page, problems, dashboard }
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('[data-app-state]')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
  }

  /** A full-page screenshot into test-results/. */
  async screenshot(name: string): Promise<void> {
    await mkdir(resolve('test-results'), { recursive: true })
    await this.page.screenshot({ path: resolve('test-results', name), fullPage: true })
  }

  /** Waits for the readiness marker the app root sets once the data for this selection has rendered. */
  async waitUntilReady(selection: { range?: PeriodKey; site?: string } = {}): Promise<void> {
    let selector = '[data-app-state="ready"]'
    if (selection.range) selector += `[data-range="${selection.range}"]`
    if (selection.site) selector += `[data-site="${selection.site}"]`
    await this.page.locator(selector).waitFor()
  }

  /**
   * The dates the dashboard resolved its period to, when it opened. Direct queries compared with what it
   * shows use these: resolved again later, a relative period moves on at the site's midnight.
   */
  async shownRange(): Promise<[string, string]> {
    const first = await this.root.getAttribute('data-period-first')
    const last = await this.root.getAttribute('data-period-last')
    if (!first || !last) throw new Error(`The dashboard shows no dates (first ${first}, last ${last})`)
    return [first, last]
  }

  async waitUntilError(): Promise<void> {
    await this.page.locator('[data-app-state="error"]').waitFor()
  }

  async site(): Promise<string | null> {
    return this.root.getAttribute('data-site')
  }

  topStat(metric: TopStatMetric): Locator {
    return this.page.getByTestId(`top-stat-${metric}`)
  }

  /** The raw number behind a top stat (its `data-value`), as the server sent it. */
  async topStatValue(metric: TopStatMetric): Promise<number | null> {
    const raw = await this.topStat(metric).getAttribute('data-value')
    return raw === null || raw === '' ? null : Number(raw)
  }

  /** Every top stat's raw number, in the order of `topStatsShown`. */
  async topStatValues(): Promise<Array<number | null>> {
    const values: Array<number | null> = []
    for (const metric of topStatsShown) values.push(await this.topStatValue(metric))
    return values
  }

  async topStatText(metric: TopStatMetric): Promise<string> {
    return (await this.topStat(metric).locator('.top-stat__value').textContent()) ?? ''
  }

  /**
   * Waits for every dot the graph says it draws (`data-dots`): recharts paints them a frame or more
   * after the data is in, once its container is measured.
   */
  async waitForChartDots(): Promise<void> {
    await this.page.waitForFunction(() => {
      const chart = document.querySelector('[data-testid="visitors-chart"]')
      if (!chart) return false
      const dots = chart.querySelectorAll('[data-testid="chart-point"]').length
      return dots === Number(chart.getAttribute('data-dots'))
    })
  }

  /** Each drawn point as [bucket label, value, comparison value]. */
  async chartComparison(): Promise<Array<[string, number, number | null]>> {
    await this.waitForChartDots()
    return this.chartPoints.evaluateAll((points) =>
      points.map((point) => {
        const raw = point.getAttribute('data-comparison-value')
        return [
          point.getAttribute('data-label') ?? '',
          Number(point.getAttribute('data-value')),
          raw ? Number(raw) : null,
        ]
      }),
    )
  }

  get chart(): Locator {
    return this.page.getByTestId('visitors-chart')
  }

  get chartPoints(): Locator {
    return this.page.getByTestId('chart-point')
  }

  /** Each drawn point as [bucket label, visitors]. */
  async chartSeries(): Promise<Array<[string, number]>> {
    await this.waitForChartDots()
    return this.chartPoints.evaluateAll((points) =>
      points.map((point) => [
        point.getAttribute('data-label') ?? '',
        Number(point.getAttribute('data-value')),
      ]),
    )
  }

  get rangePicker(): Locator {
    return this.page.getByTestId('range-picker')
  }

  get siteSelect(): Locator {
    return this.page.getByTestId('site-select')
  }

  /** A period menu entry: day, yesterday, realtime, 24h, 7d, 28d, 30d, month, last_month, year, 6mo, 12mo, all. */
  async chooseRange(id: string): Promise<void> {
    await this.rangePicker.click()
    await this.page.getByTestId(`period-option-${id}`).click()
  }

  /** A custom range through the calendar: a click on the first day, one on the last. */
  async chooseCustomRange(from: string, to: string): Promise<void> {
    await this.rangePicker.click()
    await this.page.getByTestId('period-option-custom').click()
    const calendar = this.page.getByTestId('calendar')
    for (const date of [from, to]) {
      const month = date.slice(0, 7)
      for (let i = 0; i < 36; i++) {
        const shown = await this.visibleMonth(calendar)
        if (shown === month) break
        await calendar.getByRole('button', { name: shown > month ? 'Previous month' : 'Next month' }).click()
      }
      await calendar.locator(`[data-date="${date}"]`).click()
    }
  }

  private async visibleMonth(calendar: Locator): Promise<string> {
    const first = await calendar.locator('[data-date]').nth(10).getAttribute('data-date')
    return (first ?? '').slice(0, 7)
  }

  async chooseSite(domain: string): Promise<void> {
    await this.siteSelect.click()
    await this.page
      .locator(`[data-testid="site-list"] [data-testid="site-option"][data-domain="${domain}"]`)
      .click()
  }

  async siteOptions(): Promise<string[]> {
    await this.siteSelect.click()
    const domains = await this.page
      .locator('[data-testid="site-list"] [data-testid="site-option"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-domain') ?? ''))
    await this.page.keyboard.press('Escape')
    return domains
  }

  panel(id: string): Locator {
    return this.page.getByTestId(`panel-${id}`)
  }

  async waitForPanels(ids: string[]): Promise<void> {
    for (const id of ids) await this.page.locator(`[data-testid="panel-${id}"][data-state="ready"]`).waitFor()
  }

  /** A panel's listed rows as [value, visitors]. */
  async panelRows(id: string): Promise<Array<[string, number]>> {
    return this.panel(id)
      .getByTestId('panel-row')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-value') ?? '', Number(row.getAttribute('data-visitors'))]),
      )
  }

  async changeOf(metric: string): Promise<number | null> {
    const raw = await this.page.getByTestId(`top-stat-change-${metric}`).getAttribute('data-value')
    return raw === null || raw === '' ? null : Number(raw)
  }

  get realtime(): Locator {
    return this.page.getByTestId('realtime-visitors')
  }

  get budgetRemaining(): Locator {
    return this.page.getByTestId('budget-remaining')
  }

  get errorPanel(): Locator {
    return this.page.getByTestId('main-card').getByTestId('error-panel')
  }

  get errorMessage(): Locator {
    return this.page.getByTestId('main-card').getByTestId('error-message')
  }

  get errorHint(): Locator {
    return this.page.getByTestId('main-card').getByTestId('error-hint')
  }

  get retryButton(): Locator {
    return this.page.getByTestId('main-card').getByTestId('retry-button')
  }
}
