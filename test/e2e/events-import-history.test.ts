// The Events screen's import history end to end (issue 18): the same file imported twice by the CLI into
// the config folder `plausible ui` serves, then listed in Chromium with the second run set against the
// first — all of its events repeats, skipped; and the same for a file imported twice from the window's
// importer, recorded by the core from what each of its sends became.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallOutput } from '../../src/shared/contract'
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

  it('records a file imported twice from the window: two runs, the second all repeats skipped', async () => {
    const { context, page, problems } = await h.newPage()
    try {
      const screens = new ScreensPage(page)
      await page.goto(`${h.url}#/events`)
      await screens.waitFor('events')
      await screens.chooseSite('events-site', 'demo', shop)
      const importer = page.getByTestId('importer')
      const file = {
        name: 'window-events.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(
          [
            { name: 'pageview', url: `https://${shop}/window-a`, domain: shop },
            { name: 'Signup', url: `https://${shop}/window-b`, domain: shop },
            { name: 'Signup', url: `https://${shop}/window-c`, domain: shop },
            { name: 'pageview', url: 'data:text/plain,x', domain: shop },
          ]
            .map((line) => JSON.stringify(line))
            .join('\n'),
        ),
      }
      for (const repeated of ['0', '3']) {
        await importer.getByTestId('import-file').setInputFiles(file)
        await importer.locator('[data-testid="import-send"]:enabled').click()
        await importer
          .locator(`[data-testid="import-summary"][data-done="true"][data-repeated="${repeated}"]`)
          .waitFor()
      }

      // Recorded by the core, as a CLI run is: the newest two runs are the window's.
      const { imports } = await h.value<CallOutput<'imports.list'>>('imports.list', {})
      const [second, first] = imports
      expect(imports).toHaveLength(4)
      expect([first?.source.path, second?.source.path]).toEqual([
        'window-events.ndjson',
        'window-events.ndjson',
      ])
      expect(first).toMatchObject({
        account: 'demo',
        source: { format: 'ndjson', digest: expect.stringMatching(/^[0-9a-f]{16}$/) },
        linesRead: 4,
        accepted: 3,
        failed: 0,
        refused: { 'url: scheme is not allowed': 1 },
        repeatsSkipped: 0,
        names: { pageview: 1, Signup: 2 },
        comparison: null,
      })
      expect(second).toMatchObject({
        source: { digest: first?.source.digest },
        accepted: 0,
        repeatsSkipped: 3,
        finishedAt: expect.any(String),
        comparison: { previousId: first?.id },
      })

      const runs = page.getByTestId('import-history').getByTestId('import-run')
      await expect.poll(() => runs.count()).toBe(4)
      expect(await runs.nth(0).getAttribute('data-id')).toBe(second?.id)
      expect(await runs.nth(0).getAttribute('data-previous')).toBe(first?.id)
      expect(await runs.nth(0).getByTestId('import-comparison').textContent()).toBe(
        'accepted 3 → 0 (-3); repeats skipped 0 → 3 (+3)',
      )
      expect(await runs.nth(1).getByTestId('import-comparison').textContent()).toBe(
        'first run of this source',
      )
      expect(await runs.nth(0).locator('td.num').allTextContents()).toEqual(['4', '0', '1', '3'])
      expect(await runs.nth(1).locator('td.num').allTextContents()).toEqual(['4', '3', '1', '0'])
      await screens.screenshot('events-window-import-history.png')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
