// The Queue screen shows what the write journal could not do cleanly, in Debian's Chromium on `plausible
// ui`: job files it could not read (a line with the count, Retry and Delete, as `plausible queue corrupt`
// does) until the user acts, and jobs a crash may have delivered twice.
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

let h: Harness
let context: BrowserContext
let page: Page

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await context?.close()
  if (h) expect(await h.close()).toBe(0)
})

describe('the Queue screen', () => {
  it('counts unreadable job files until they are retried or deleted, and says what may repeat', async () => {
    const queueDir = join(h.env.PLAUSIBLE_CONFIG_DIR ?? '', 'queue')
    const corruptDir = join(queueDir, 'corrupt')
    // Two files the journal set aside: one mended by hand since (a Demo event), one still torn.
    const mended = 'mended-by-hand.json.1795000000000'
    const torn = 'torn.json.1795000000001'
    writeFileSync(
      join(corruptDir, mended),
      JSON.stringify({
        id: 'mended-by-hand',
        kind: 'event',
        account: 'demo',
        payload: {
          baseUrl: 'builtin:sandbox',
          isDemo: true,
          event: { name: 'pageview', url: 'https://shop.example.com/mended' },
        },
        createdAt: 0,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
      }),
    )
    writeFileSync(join(corruptDir, torn), '{"id":"torn","kind":"ev')
    // A job a crash cut short, as the worker records it when it takes the journal.
    writeFileSync(join(queueDir, 'possibly-delivered', 'cut-short'), '')

    let problems: string[]
    ;({ context, page, problems } = await h.newPage())
    const screens = new ScreensPage(page)
    await page.goto(`${h.url}#/queue`)
    await screens.waitFor('queue')
    const notice = page.getByTestId('queue-corrupt')
    await page.locator('[data-testid="queue-corrupt"][data-count="2"]').waitFor()
    expect(await notice.textContent()).toContain(`2 job files could not be read and wait in ${corruptDir}.`)
    expect(await page.getByTestId('queue-possibly-delivered').getAttribute('data-value')).toBe('1')

    await page.getByTestId('queue-corrupt-retry').click()
    await page.locator('[data-testid="queue-corrupt"][data-count="1"]').waitFor()
    expect(await page.getByTestId('queue-corrupt-kept').textContent()).toBe(
      `${torn}: it is not valid JSON; mend ${join(corruptDir, torn)} first`,
    )
    // The mended job went back into the journal and the window's process delivered it.
    await expect.poll(() => existsSync(join(queueDir, 'done', 'mended-by-hand.json'))).toBe(true)

    const remove = page.getByTestId('queue-corrupt-delete')
    await remove.click()
    expect(await remove.textContent()).toBe('Delete 1 file for good')
    expect(readdirSync(corruptDir)).toEqual([torn])
    await remove.click()
    await page.locator('[data-testid="queue-corrupt"]').waitFor({ state: 'detached' })
    expect(readdirSync(corruptDir)).toEqual([])
    expect(problems).toEqual([])
  })
})
