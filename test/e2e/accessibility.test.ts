// Every route of the window, light and dark, checked by axe-core in the page: no serious or critical
// violation. Run against `plausible ui` with the Demo account and a cloud sandbox account, so the screens
// that list sites, goals and events have rows to check, not only their empty states.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { startHarness, type Harness } from './harness'

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: unknown[]; failureSummary?: string }>
}

const routes: Array<{ hash: string; ready: string }> = [
  { hash: '#/overview', ready: '[data-screen="overview"][data-screen-state="ready"]' },
  { hash: '&period=30d#/dashboard', ready: '[data-app-state="ready"]' },
  // Realtime: the minute graph answered, its panels over the last half hour.
  { hash: '&period=realtime#/dashboard', ready: '[data-testid="realtime-graph"][data-answered="30"]' },
  { hash: '#/accounts', ready: '[data-screen="accounts"][data-screen-state="ready"]' },
  { hash: '#/sites', ready: '[data-screen="sites"][data-screen-state="ready"]' },
  { hash: '#/events', ready: '[data-screen="events"][data-screen-state="ready"]' },
  { hash: '#/queue', ready: '[data-screen="queue"][data-screen-state="ready"]' },
  { hash: '#/settings', ready: '[data-screen="settings"][data-screen-state="ready"]' },
  { hash: '#/report', ready: '[data-screen="report"][data-screen-state="ready"]' },
]

let axeSource: string
let sandbox: RunningSandbox
let h: Harness
let context: BrowserContext | undefined
let page: Page

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  sandbox = await startSandbox({ port: 0, mode: 'cloud' })
  h = await startHarness()
  await h.value('accounts.add', { alias: 'work', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey })
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
  await sandbox?.close()
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

/** axe's serious and critical findings on the page as it is now, one line per element. */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: unknown[] }> } }
    ).axe
    return (await axe.run({ resultTypes: ['violations'] })).violations
  })
  return (violations as Violation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.impact} ${violation.id} (${violation.help}) at ${JSON.stringify(node.target)}`,
      ),
    )
}

describe.each(['light', 'dark'] as const)('the window in %s mode', (colorScheme) => {
  it.each(routes)('has no serious or critical axe violation on $hash', async ({ hash, ready }) => {
    ;({ context, page } = await h.newPage({ colorScheme }))
    await page.goto(`${h.url}${hash}`)
    await page.locator(ready).first().waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    expect(await seriousViolations()).toEqual([])
  })

  it('has no serious or critical axe violation with the Locations map shown', async () => {
    ;({ context, page } = await h.newPage({ colorScheme }))
    await page.goto(`${h.url}&period=30d#/dashboard`)
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('tab-locations-map').click()
    await page.locator('[data-testid="map-country"]').first().waitFor()
    // A focused country shows its tooltip: checked too.
    await page.locator('[data-testid="map-country"]').first().focus()
    await page.getByTestId('map-tooltip').waitFor()
    expect(await seriousViolations()).toEqual([])
  })
})
