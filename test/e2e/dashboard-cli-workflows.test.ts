// The dashboard's "CLI workflows" preset end to end (issue 18): the 200-command CLI-analytics fixture is
// imported with `events import --from cli-events` into the sandbox `plausible ui` serves; in Chromium the
// preset (reached by keyboard) filters on the goal CLI Workflow, sets the goal up when the site has none,
// and its tables — runs by workflow × outcome, failed runs by failing step — equal direct v2 queries and
// the outcomes the fixture is built to make.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary } from '../../src/shared/contract'
import { cliEventsFixture, fixtureExpected, fixtureRules } from '../helpers/cli-events-fixture'
import { runCli } from '../helpers/spawn-cli'
import { DashboardPage } from './pages/dashboard-page'
import { startHarness, type Harness } from './harness'

const site = 'shop.example.com'
let h: Harness

beforeAll(async () => {
  h = await startHarness()
  // Sent to the sandbox this `plausible ui` serves (the Demo account's), by its address.
  const { accounts } = await h.value<{ accounts: AccountSummary[] }>('accounts.list', {})
  const demoBaseUrl = accounts.find((account) => account.isDemo)?.baseUrl ?? ''
  const dir = join(h.env.PLAUSIBLE_CONFIG_DIR!, '..')
  const file = join(dir, 'usage.ndjson')
  const rules = join(dir, 'rules.json')
  writeFileSync(
    file,
    cliEventsFixture()
      .map((event) => JSON.stringify(event))
      .join('\n'),
    { mode: 0o600 },
  )
  writeFileSync(rules, JSON.stringify(fixtureRules), { mode: 0o600 })
  const imported = await runCli(
    [
      'events',
      'import',
      '--from',
      'cli-events',
      file,
      '--site',
      site,
      '--workflows',
      rules,
      '--base-url',
      demoBaseUrl,
      '--json',
    ],
    h.env,
  )
  expect(imported.code, imported.stdout + imported.stderr).toBe(0)
  expect(JSON.parse(imported.stdout)).toMatchObject({ events: 225, delivered: 225 })
}, 120_000)

afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
})

describe('the CLI workflows preset', () => {
  it('answers which workflows fail, and at which step, with the server’s numbers', async () => {
    const { context, page, problems } = await h.newPage()
    try {
      const dashboard = new DashboardPage(page)
      await dashboard.open(`${h.url}&period=day&site=${site}#/dashboard`)
      await dashboard.waitUntilReady({ range: 'day', site })
      const preset = page.getByTestId('cli-workflows-preset')
      expect(await preset.getAttribute('aria-pressed')).toBe('false')
      // By keyboard: focus the button, Enter.
      await preset.focus()
      await page.keyboard.press('Enter')
      expect(await preset.getAttribute('aria-pressed')).toBe('true')
      expect(await page.getByTestId('filter-chip-edit').allTextContents()).toEqual(['Goal is CLI Workflow'])

      // The site has no such goal yet: the server refuses the filter, and the card offers to add it.
      const card = page.getByTestId('cli-workflows')
      await card.getByTestId('cli-workflows-add-goal').click()
      await page.locator('[data-testid="cli-workflows"][data-state="ready"]').waitFor({ timeout: 30_000 })
      const { goals } = await h.value<{ goals: Array<{ eventName: string | null }> }>('goals.list', { site })
      expect(goals.map((goal) => goal.eventName)).toContain('CLI Workflow')

      const first = (await dashboard.root.getAttribute('data-period-first')) ?? ''
      const last = (await dashboard.root.getAttribute('data-period-last')) ?? ''
      const goal = ['is', 'event:goal', ['CLI Workflow']]
      const byOutcome = await h.query({
        site_id: site,
        metrics: ['events'],
        date_range: [first, last],
        dimensions: ['event:props:workflow', 'event:props:outcome'],
        filters: [goal],
      })
      const expected = new Map<string, Record<string, number>>()
      for (const { dimensions, metrics } of byOutcome.results) {
        const row = expected.get(String(dimensions[0])) ?? { SUCCESS: 0, FAILED: 0, ABANDONED: 0 }
        row[String(dimensions[1])] = Number(metrics[0])
        expected.set(String(dimensions[0]), row)
      }
      // The server holds what the fixture is built to make: release and deploy, five runs per outcome.
      expect(Object.fromEntries(expected)).toEqual({
        release: { SUCCESS: 5, FAILED: 5, ABANDONED: 5 },
        deploy: { SUCCESS: 5, FAILED: 5, ABANDONED: 0 },
      })
      expect(fixtureExpected.workflows.reduce((sum, { count }) => sum + count, 0)).toBe(25)

      const rows = card.getByTestId('cli-workflow-row')
      const shown: Record<string, Record<string, number>> = {}
      for (let index = 0; index < (await rows.count()); index += 1) {
        const row = rows.nth(index)
        const counts: Record<string, number> = {}
        for (const outcome of ['SUCCESS', 'FAILED', 'ABANDONED'])
          counts[outcome] = Number(await row.locator(`[data-outcome="${outcome}"]`).textContent())
        shown[(await row.getAttribute('data-workflow')) ?? ''] = counts
      }
      expect(shown).toEqual(Object.fromEntries(expected))
      // The most failures first, ties by runs: release (15 runs) before deploy (10).
      expect(await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-workflow')))).toEqual([
        'release',
        'deploy',
      ])
      expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
        'release',
        '5',
        '5',
        '5',
        '15',
        '33.3%',
      ])

      const bySteps = await h.query({
        site_id: site,
        metrics: ['events'],
        date_range: [first, last],
        dimensions: ['event:props:workflow', 'event:props:failing_step'],
        filters: [goal, ['is', 'event:props:outcome', ['FAILED']]],
      })
      const steps = card.getByTestId('cli-failing-step-row')
      const shownSteps = await steps.evaluateAll((list) =>
        list.map(
          (row) =>
            `${row.getAttribute('data-workflow')} ${row.getAttribute('data-step')} ${row.querySelector('td.num')?.textContent}`,
        ),
      )
      expect(shownSteps.sort()).toEqual(
        bySteps.results
          .map(({ dimensions, metrics }) => `${dimensions[0]} ${dimensions[1]} ${metrics[0]}`)
          .sort(),
      )
      expect(shownSteps.sort()).toEqual(['deploy deploy 5', 'release test 5'])
      await page.screenshot({ path: 'test-results/dashboard-cli-workflows.png', fullPage: true })

      // Off again: the goal filter goes, and the card with it.
      await preset.click()
      expect(await preset.getAttribute('aria-pressed')).toBe('false')
      expect(await page.getByTestId('cli-workflows').count()).toBe(0)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
