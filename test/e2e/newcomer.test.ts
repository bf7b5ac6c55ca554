// The newcomer's path, for real: on a throwaway copy of the checkout, the README's first command as written
// (npm ci && npm start, through npm and the project's own scripts), on a machine without an Electron binary
// or a display. It must print the window's URL, hand it to the browser ($BROWSER, stubbed here), show the
// Demo's sites with numbers on the overview in Chromium, open one's dashboard, and stop with every process
// it started on Ctrl-C, exit 0.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  copyCheckout,
  pathWithThisNode,
  processesInGroup,
  readmeFirstCommands,
  spawnInGroup,
} from '../helpers/checkout-copy'
import { chromiumArgs } from './harness'
import { DashboardPage } from './pages/dashboard-page'
import { OverviewPage } from './pages/overview-page'

const installMs = 240_000

let checkout: string

beforeAll(() => {
  checkout = copyCheckout()
})

afterAll(() => {
  rmSync(checkout, { recursive: true, force: true })
})

describe("the README's first command on a fresh copy", () => {
  it(
    'installs, serves the Demo dashboard in the browser, and stops cleanly on Ctrl-C',
    { timeout: 360_000 },
    async () => {
      const [first] = readmeFirstCommands()
      expect(first).toBe('npm ci && npm start')

      const home = join(checkout, '.newcomer-home')
      mkdirSync(home, { recursive: true })
      const opened = join(home, 'opened-url')
      const opener = join(home, 'browser.sh')
      writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`)
      chmodSync(opener, 0o755)

      const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithThisNode(), BROWSER: opener, CI: 'true' }
      // A machine with no display and no Electron binary: the browser path is the one under test.
      for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'PLAUSIBLE_FORCE_UI', 'ELECTRON_OVERRIDE_DIST_PATH'])
        delete env[name]
      for (const name of Object.keys(env)) if (name.startsWith('PLAUSIBLE_')) delete env[name]
      env.PLAUSIBLE_CONFIG_DIR = join(home, 'config')

      const run = spawnInGroup(first ?? '', checkout, env)
      const groupId = run.child.pid ?? 0
      try {
        await run.waitFor(/> exec node scripts\/start\.mjs/, installMs)
        const startedAt = Date.now()
        const url = await run.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/, 60_000)
        // npm start alone (the build, then plausible ui) prints the URL within 30 s.
        expect(Date.now() - startedAt).toBeLessThan(30_000)
        await expect.poll(() => readFileSync(opened, 'utf8'), { timeout: 10_000 }).toBe(url)
        expect(run.output()).toContain('Opened in your browser')

        const browser = await chromium.launch({
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: chromiumArgs,
        })
        try {
          const page = await browser.newPage()
          // The window opens on the overview: the Demo account's sites, each with its numbers.
          const overview = new OverviewPage(page)
          await overview.open(url)
          await page
            .locator('[data-testid="site-card"][data-account="demo"]:not([data-as-of=""])')
            .first()
            .waitFor()
          const card = (await overview.readCards()).find((entry) => entry.asOf !== '')!
          expect(card.visitors).toBeGreaterThan(0)
          await overview.card(card.account, card.site).click()
          const dashboard = new DashboardPage(page)
          await dashboard.waitUntilReady({ site: card.site })
          expect(await dashboard.site()).toMatch(/\./)
          expect(await dashboard.topStatValue('visitors')).toBeGreaterThan(0)
          expect(await dashboard.topStatText('visitors')).toMatch(/\d/)
          // The site switcher names the account beside the site: the built-in Demo account.
          expect(await page.locator('.site-switcher__account').first().innerText()).toMatch(/demo/i)
        } finally {
          await browser.close()
        }
      } finally {
        if (run.child.exitCode === null) process.kill(-groupId, 'SIGINT')
      }

      const code = await new Promise<number | null>((resolve) => {
        if (run.child.exitCode !== null) return resolve(run.child.exitCode)
        run.child.once('exit', (exitCode) => resolve(exitCode))
      })
      expect(code, run.output().slice(-2000)).toBe(0)
      await expect.poll(() => processesInGroup(groupId), { timeout: 5_000 }).toEqual([])
    },
  )
})
