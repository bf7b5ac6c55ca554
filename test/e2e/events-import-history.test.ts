// The Events screen's import history end to end (issue 18): the same file imported twice by the CLI into
// the config folder `plausible ui` serves, then listed in Chromium with the second run set against the
// first — all of its events repeats, skipped.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/spawn-cli'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

const shop = 'shop.example.com'
let h: Harness

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
})

describe('the Events screen', () => {
  it('lists two imports of one file, the second compared with the first', async () => {
    const file = join(h.env.PLAUSIBLE_CONFIG_DIR!, '..', 'events.ndjson')
    writeFileSync(
      file,
      ['/a', '/b', '/c']
        .map((path) => JSON.stringify({ name: 'pageview', url: `https://${shop}${path}`, domain: shop }))
        .join('\n'),
    )
    const first = await runCli(['events', 'import', file, '--json'], h.env)
    expect(first.code, first.stderr).toBe(0)
    const second = await runCli(['events', 'import', file, '--json'], h.env)
    expect(second.code, second.stderr).toBe(0)
    const firstId = (JSON.parse(first.stdout) as { importId: string }).importId
    const secondId = (JSON.parse(second.stdout) as { importId: string }).importId

    const { context, page, problems } = await h.newPage()
    try {
      const screens = new ScreensPage(page)
      await page.goto(`${h.url}#/events`)
      await screens.waitFor('events')
      const runs = page.getByTestId('import-history').getByTestId('import-run')
      await runs.nth(1).waitFor()
      expect(await runs.count()).toBe(2)
      expect(await runs.nth(0).getAttribute('data-id')).toBe(secondId)
      expect(await runs.nth(0).getAttribute('data-previous')).toBe(firstId)
      expect(await runs.nth(0).getByTestId('import-comparison').textContent()).toBe(
        'accepted 3 → 0 (-3); repeats skipped 0 → 3 (+3)',
      )
      expect(await runs.nth(1).getByTestId('import-comparison').textContent()).toBe(
        'first run of this source',
      )
      expect(await runs.nth(0).locator('td.num').allTextContents()).toEqual(['3', '0', '0', '3'])
      await screens.screenshot('events-import-history.png')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
