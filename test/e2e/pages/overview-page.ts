// Locators and steps for the overview (the window's landing page), so its tests read as what a person does.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'

/** What a card shows, read from its data attributes (the raw numbers behind the text). */
export interface CardReading {
  account: string
  site: string
  state: string
  isPinned: boolean
  visitors: number | null
  previousVisitors: number | null
  change: number | null
  asOf: string
  sparkline: number[]
}

const numberOrNull = (raw: string | null): number | null => (raw === null || raw === '' ? null : Number(raw))

export class OverviewPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.waitUntilReady()
  }

  /** The screen has its first answer from the core (cards may still be on their way). */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-screen="overview"][data-screen-state="ready"]').waitFor()
  }

  get cards(): Locator {
    return this.page.getByTestId('site-card')
  }

  card(account: string, site: string): Locator {
    return this.page.locator(`[data-testid="site-card"][data-account="${account}"][data-site="${site}"]`)
  }

  get search(): Locator {
    return this.page.getByTestId('overview-search')
  }

  get refreshLine(): Locator {
    return this.page.getByTestId('overview-refresh-line')
  }

  get list(): Locator {
    return this.page.getByTestId('overview-cards')
  }

  async sortBy(sort: 'visitors' | 'change' | 'name'): Promise<void> {
    await this.page.getByTestId(`overview-sort-${sort}`).click()
    await this.page.locator(`[data-testid="overview-cards"][data-sort="${sort}"]`).waitFor()
  }

  async layout(layout: 'grid' | 'list'): Promise<void> {
    await this.page.getByTestId(`overview-layout-${layout}`).click()
    await this.page.locator(`[data-testid="overview-cards"][data-layout="${layout}"]`).waitFor()
  }

  /** Every card as shown, in the order shown. */
  async readCards(): Promise<CardReading[]> {
    const raw = await this.cards.evaluateAll((cards) =>
      cards.map((card) => ({
        account: card.getAttribute('data-account') ?? '',
        site: card.getAttribute('data-site') ?? '',
        state: card.getAttribute('data-state') ?? '',
        isPinned: card.getAttribute('data-pinned') === 'true',
        visitors: card.getAttribute('data-visitors'),
        previousVisitors: card.getAttribute('data-previous-visitors'),
        change: card.getAttribute('data-change'),
        asOf: card.getAttribute('data-as-of') ?? '',
        sparkline: card.querySelector('[data-testid="card-sparkline"]')?.getAttribute('data-points') ?? '',
      })),
    )
    return raw.map((card) => ({
      ...card,
      visitors: numberOrNull(card.visitors),
      previousVisitors: numberOrNull(card.previousVisitors),
      change: numberOrNull(card.change),
      sparkline: card.sparkline === '' ? [] : card.sparkline.split(',').map(Number),
    }))
  }

  /** `account/site` of every card, in the order shown. */
  async order(): Promise<string[]> {
    return (await this.readCards()).map((card) => `${card.account}/${card.site}`)
  }

  /** The `data-testid` of what has the keyboard focus, with its card's account/site when it is a card. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      const id = element?.getAttribute('data-testid') ?? element?.tagName ?? ''
      return id === 'site-card'
        ? `site-card:${element?.getAttribute('data-account')}/${element?.getAttribute('data-site')}`
        : id
    })
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(resolve('test-results'), { recursive: true })
    await this.page.screenshot({ path: resolve('test-results', name), fullPage: true })
  }
}
