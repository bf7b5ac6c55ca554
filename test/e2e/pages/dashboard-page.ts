// Locators for the dashboard, so tests read as behaviour and survive markup changes in one place.
import type { Locator, Page } from 'playwright-core'
import type { RangeKey } from '../../../src/shared/stats/ranges'
import type { TopStatMetric } from '../../../src/shared/stats/top-stats'

export class DashboardPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('[data-app-state]')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
  }

  /** Waits for the readiness marker the app root sets once the data for this selection has rendered. */
  async waitUntilReady(selection: { range?: RangeKey; site?: string } = {}): Promise<void> {
    let selector = '[data-app-state="ready"]'
    if (selection.range) selector += `[data-range="${selection.range}"]`
    if (selection.site) selector += `[data-site="${selection.site}"]`
    await this.page.locator(selector).waitFor()
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

  async topStatText(metric: TopStatMetric): Promise<string> {
    return (await this.topStat(metric).locator('.top-stat__value').textContent()) ?? ''
  }

  get chart(): Locator {
    return this.page.getByTestId('visitors-chart')
  }

  get chartPoints(): Locator {
    return this.page.getByTestId('chart-point')
  }

  /** Each drawn point as [bucket label, visitors]. */
  async chartSeries(): Promise<Array<[string, number]>> {
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

  async chooseRange(range: RangeKey): Promise<void> {
    await this.rangePicker.selectOption(range)
  }

  async chooseSite(domain: string): Promise<void> {
    await this.siteSelect.selectOption({ label: domain })
  }

  async siteOptions(): Promise<string[]> {
    return this.siteSelect.locator('option').allTextContents()
  }

  get realtime(): Locator {
    return this.page.getByTestId('realtime-visitors')
  }

  get budgetRemaining(): Locator {
    return this.page.getByTestId('budget-remaining')
  }

  get errorPanel(): Locator {
    return this.page.getByTestId('error-panel')
  }

  get errorMessage(): Locator {
    return this.page.getByTestId('error-message')
  }

  get errorHint(): Locator {
    return this.page.getByTestId('error-hint')
  }

  get retryButton(): Locator {
    return this.page.getByTestId('retry-button')
  }
}
