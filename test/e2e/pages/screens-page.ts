// Locators and steps for the management screens (accounts, sites & goals, events, queue & budget,
// settings), so the screens tests read as what a person does.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'

export type ScreenName = 'dashboard' | 'accounts' | 'sites' | 'events' | 'queue' | 'settings'

export class ScreensPage {
  constructor(readonly page: Page) {}

  /** Waits for a screen whose first answers are in (its `data-screen-state`). */
  async waitFor(screen: ScreenName): Promise<void> {
    await this.page.locator(`[data-screen="${screen}"][data-screen-state="ready"]`).waitFor()
  }

  /** `g` then the screen's letter, the keyboard way between screens. */
  async jump(key: 'd' | 'a' | 's' | 'e' | 'q' | ','): Promise<void> {
    await this.page.locator('body').click({ position: { x: 5, y: 5 } })
    await this.page.keyboard.press('g')
    await this.page.keyboard.press(key)
  }

  account(alias: string): Locator {
    return this.page.locator(`[data-testid="account-card"][data-alias="${alias}"]`)
  }

  async addAccount(input: { baseUrl: string; alias: string; apiKey: string; hourlyLimit?: number }) {
    const form = this.page.getByTestId('add-account')
    await form.getByTestId('add-base-url').fill(input.baseUrl)
    await form.getByTestId('add-alias').fill(input.alias)
    await form.getByTestId('add-api-key').fill(input.apiKey)
    await form.getByTestId('add-hourly-limit').fill(input.hourlyLimit ? String(input.hourlyLimit) : '')
    await form.getByTestId('add-submit').click()
  }

  get addForm(): Locator {
    return this.page.getByTestId('add-account')
  }

  /** The events screen picks a site among every account's; the sites screen an account, then its site. */
  async chooseSite(testId: 'sites-site' | 'events-site', account: string, domain?: string): Promise<void> {
    if (testId === 'events-site') {
      await this.page.getByTestId(testId).selectOption(`${account}/${domain}`)
      return
    }
    await this.page.getByTestId('sites-account').selectOption(account)
    if (domain) await this.page.getByTestId('sites-site').selectOption(domain)
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(resolve('test-results'), { recursive: true })
    await this.page.screenshot({ path: resolve('test-results', name), fullPage: true })
  }
}
