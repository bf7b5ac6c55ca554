// Keys stay off clear text, in the window: the add form asks for consent before it sends a key over plain
// http to another machine — a box that appears only for such a URL and must be ticked before "Check and
// add" does anything — and the account keeps the consent. The sandbox, reached through this machine's
// network address (not loopback), stands for a self-hosted server without https. The core refuses the
// same call without the consent, whoever makes it.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { insecureHttpConsentLabel } from '../../src/shared/plain-http'
import { networkAddress, relayOnNetwork, type NetworkRelay } from '../helpers/network-relay'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

let h: Harness
let sandbox: RunningSandbox
let relay: NetworkRelay
let remote: { baseUrl: string; apiKey: string; connections: () => number }
let context: BrowserContext
let page: Page
let screens: ScreensPage
let problems: string[]

beforeAll(async () => {
  if (!networkAddress) return
  ;[h, sandbox] = await Promise.all([startHarness(), startSandbox({ port: 0 })])
  relay = await relayOnNetwork(sandbox.baseUrl, networkAddress)
  remote = { baseUrl: relay.baseUrl, apiKey: sandbox.apiKey, connections: relay.connections }
})
afterAll(async () => {
  await relay?.close()
  await sandbox?.close()
  if (h) expect(await h.close()).toBe(0)
})
afterEach(async () => {
  await context?.close()
})

async function openAccounts(): Promise<void> {
  ;({ context, page, problems } = await h.newPage())
  screens = new ScreensPage(page)
  await page.goto(`${h.url}#/accounts`)
  await screens.waitFor('accounts')
}

interface Account {
  alias: string
  baseUrl: string
  allowInsecureHttp?: boolean
}

describe.runIf(networkAddress !== undefined)('adding an account whose server has only plain http', () => {
  it('asks for consent only for plain http to another machine', async () => {
    await openAccounts()
    const form = screens.addForm
    const consent = form.getByTestId('add-insecure-http')
    for (const [url, isAsked] of [
      [remote.baseUrl, true],
      [remote.baseUrl.replace('http://', 'https://'), false],
      ['http://127.0.0.1:8000', false],
      ['http://localhost:8000', false],
      ['http://[::1]:8000', false],
      ['https://plausible.io', false],
    ] as const) {
      await form.getByTestId('add-base-url').fill(url)
      expect(await consent.count(), url).toBe(isAsked ? 1 : 0)
    }
    expect(problems).toEqual([])
  })

  it('sends nothing until the box is ticked, then adds the account with its consent kept', async () => {
    await openAccounts()
    const form = screens.addForm
    await form.getByTestId('add-base-url').fill(remote.baseUrl)
    await form.getByTestId('add-alias').fill('lan')
    await form.getByTestId('add-api-key').fill(remote.apiKey)
    const box = form.getByTestId('add-allow-insecure-http')
    expect(await form.getByTestId('add-insecure-http').locator('label').textContent()).toBe(
      insecureHttpConsentLabel,
    )
    expect(await box.isChecked()).toBe(false)
    const submit = form.getByTestId('add-submit')
    expect(await submit.isDisabled()).toBe(true)
    // Enter in a field submits the form: still nothing leaves, the key stays where it was typed.
    await form.getByTestId('add-alias').press('Enter')
    expect(await form.getByTestId('add-api-key').inputValue()).toBe(remote.apiKey)
    expect(remote.connections()).toBe(0)

    await screens.screenshot('screens-accounts-plain-http.png')
    await box.check()
    expect(await submit.isEnabled()).toBe(true)
    await submit.click()
    await form.getByTestId('add-done').waitFor()
    expect(await form.getByTestId('add-api-key').inputValue()).toBe('')
    expect(await box.count()).toBe(1)
    expect(await box.isChecked()).toBe(false) // the next account asks again

    const { accounts } = await h.value<{ accounts: Account[] }>('accounts.list', {})
    expect(accounts.find((account) => account.alias === 'lan')).toMatchObject({
      baseUrl: remote.baseUrl,
      allowInsecureHttp: true,
    })
    // The consent is the account's: its reads go through.
    const stats = await h.call('stats.query', {
      account: 'lan',
      query: { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d' },
    })
    expect(stats.ok).toBe(true)
    expect(await page.content()).not.toContain(remote.apiKey)
    expect(problems).toEqual([])
  })

  it('is refused by the core without the consent, whoever calls, before the key is sent', async () => {
    const before = remote.connections()
    const wire = await h.call('accounts.add', {
      alias: 'sneaky',
      baseUrl: remote.baseUrl,
      apiKey: remote.apiKey,
    })
    expect(wire).toMatchObject({ ok: false, error: { code: 'INSECURE_HTTP' } })
    expect(remote.connections()).toBe(before)
  })
})
