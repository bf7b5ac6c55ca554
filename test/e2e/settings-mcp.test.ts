// Settings → Agents (MCP) end to end: the built CLI's `plausible ui` in Debian's Chromium shows, for each
// MCP client, the very snippet `plausible mcp --print-config <client>` prints, and copies it.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/spawn-cli'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

let h: Harness
let context: BrowserContext
let page: Page
let problems: string[]

beforeAll(async () => {
  h = await startHarness()
  ;({ context, page, problems } = await h.newPage())
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.url).origin })
}, 60_000)
afterAll(async () => {
  await context?.close()
  await h?.close()
})

describe('the Agents (MCP) card', () => {
  it('shows each client’s --print-config snippet and copies the one shown', async () => {
    await page.goto(`${h.url}#/settings`)
    await new ScreensPage(page).waitFor('settings')
    const snippet = page.getByTestId('mcp-snippet')
    for (const client of ['claude', 'vscode', 'cursor']) {
      await page.getByTestId(`mcp-client-${client}`).click()
      const printed = await runCli(['mcp', '--print-config', client], h.env)
      expect([client, printed.code, printed.stderr]).toEqual([client, 0, ''])
      expect([client, await snippet.inputValue()]).toEqual([client, printed.stdout])
    }
    await page.getByTestId('mcp-copy').click()
    await expect.poll(() => page.getByTestId('mcp-copy-status').textContent()).toBe('Copied.')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await snippet.inputValue())
    expect(problems).toEqual([])
  })
})
