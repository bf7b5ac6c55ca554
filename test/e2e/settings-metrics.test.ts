// Settings → Metrics endpoint end to end (issue 18): turned on in Chromium through `plausible ui`, the
// URL the card shows answers GET /metrics with text a real Prometheus parser reads, holding the numbers of
// budget.status; a taken port or an address other machines reach is refused in words; and a host that
// starts with the choice on but its port taken says "Not serving", never "Serving".
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { BudgetSnapshot, CallOutput, QueueInspection } from '../../src/shared/contract'
import { parseMetrics } from '../helpers/prometheus'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

let h: Harness | undefined
let blocker: Server | undefined
let seededDir: string | undefined

afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)))
  blocker = undefined
})
afterAll(async () => {
  if (h) expect(await h.close()).toBe(0)
  if (seededDir) await rm(seededDir, { recursive: true, force: true })
})

/** A port another program holds. */
async function takenPort(): Promise<number> {
  blocker = createServer()
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve))
  return (blocker.address() as { port: number }).port
}

async function openSettings(
  harness: Harness,
): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const { context, page, problems } = await harness.newPage()
  await page.goto(`${harness.url}#/settings`)
  await new ScreensPage(page).waitFor('settings')
  await page.getByTestId('metrics-endpoint-state').waitFor()
  return { page, problems, close: () => context.close() }
}

async function saveAddress(page: Page, address: string): Promise<void> {
  await page.getByTestId('metrics-endpoint-address').fill(address)
  await page.getByTestId('metrics-endpoint-address-save').click()
}

const stateOf = (page: Page): Promise<string | null> =>
  page.getByTestId('metrics-endpoint-state').getAttribute('data-state')

describe('the metrics endpoint card', () => {
  it('serves /metrics once turned on, at the URL it shows, and refuses a taken port or a non-loopback address', async () => {
    h = await startHarness()
    const { page, problems, close } = await openSettings(h)
    try {
      const card = page.getByTestId('metrics-endpoint-card')
      expect(await stateOf(page)).toBe('off')
      expect(await page.getByTestId('metrics-endpoint-address').inputValue()).toBe('127.0.0.1:9464')
      expect(await card.getByTestId('metrics-endpoint-url').count()).toBe(0)

      // Port 0: a free port, so the test binds nothing fixed.
      await saveAddress(page, '127.0.0.1:0')
      await expect
        .poll(() => h!.value<CallOutput<'metricsEndpoint.get'>>('metricsEndpoint.get', {}))
        .toMatchObject({ address: '127.0.0.1:0', enabled: false })
      await page.getByTestId('metrics-endpoint-enabled').check()
      await expect.poll(() => stateOf(page)).toBe('serving')
      expect(await page.getByTestId('metrics-endpoint-state').textContent()).toBe('Serving')
      const url = (await page.getByTestId('metrics-endpoint-url').textContent()) ?? ''
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
      expect((await h.value<CallOutput<'metricsEndpoint.get'>>('metricsEndpoint.get', {})).url).toBe(url)

      const response = await fetch(url)
      expect([response.status, response.headers.get('content-type')]).toEqual([
        200,
        'text/plain; version=0.0.4; charset=utf-8',
      ])
      const metrics = parseMetrics(await response.text())
      const budget = await h.value<BudgetSnapshot>('budget.status', { account: 'demo' })
      const demo = { account: 'demo' }
      expect({
        limit: metrics.value('plausible_budget_hourly_limit', demo),
        reserve: metrics.value('plausible_budget_reserve', demo),
        types: [
          metrics.types.plausible_budget_hourly_limit,
          metrics.types.plausible_http_request_duration_seconds,
        ],
      }).toEqual({
        limit: budget.hourlyLimit,
        reserve: budget.reservedForInteractive,
        types: ['GAUGE', 'HISTOGRAM'],
      })
      const queue = await h.value<QueueInspection>('queue.inspect', {})
      expect([
        metrics.value('plausible_queue_jobs', { state: 'waiting' }),
        metrics.value('plausible_queue_jobs', { state: 'in-flight' }),
        metrics.value('plausible_queue_jobs', { state: 'failed' }),
      ]).toEqual([queue.pending, queue.inFlight, queue.failed])
      await new ScreensPage(page).screenshot('settings-metrics-endpoint.png')

      // A port another program holds: refused in words, and the endpoint keeps serving where it was.
      const port = await takenPort()
      await saveAddress(page, `127.0.0.1:${port}`)
      const form = page.getByTestId('metrics-endpoint-address-form')
      await form.getByTestId('form-error').waitFor()
      expect(await form.getByTestId('form-error-message').textContent()).toContain(
        `The metrics endpoint could not listen on 127.0.0.1:${port}: another program already uses that port`,
      )
      expect(await form.getByTestId('form-error-hint').textContent()).toBe(
        'Pick another port in the address (0 picks a free one), or stop what already listens there.',
      )
      expect(await stateOf(page)).toBe('serving')
      expect((await h.value<CallOutput<'metricsEndpoint.get'>>('metricsEndpoint.get', {})).address).toBe(
        '127.0.0.1:0',
      )

      // An address other machines reach, without the switch that allows it: refused before listening.
      await saveAddress(page, '0.0.0.0:0')
      await expect
        .poll(() => form.getByTestId('form-error-message').textContent())
        .toBe(
          'Refusing to serve metrics on 0.0.0.0: other machines could read them (account and site names, budgets), and the endpoint has no authentication.',
        )

      // Off: the switch and the server both.
      await page.getByTestId('metrics-endpoint-enabled').uncheck()
      await expect.poll(() => stateOf(page)).toBe('off')
      await expect(fetch(url)).rejects.toThrow()
      expect(problems).toEqual([])
    } finally {
      await close()
    }
  })

  it('says "Not serving" and why when it starts on with its port taken, and serves after a retry', async () => {
    const port = await takenPort()
    seededDir = await mkdtemp(join(tmpdir(), 'plausible-e2e-metrics-'))
    const configDir = join(seededDir, 'config')
    await mkdir(configDir, { recursive: true, mode: 0o700 })
    await writeFile(
      join(configDir, 'glance.json'),
      JSON.stringify({
        version: 1,
        pins: [],
        alerts: { enabled: true, rules: [], quietHours: null, maxPerHour: 4 },
        tray: { startAtLogin: false, calm: false, isPollingPaused: false },
        metricsEndpoint: { enabled: true, address: `127.0.0.1:${port}`, allowNonLoopback: false },
      }),
      { mode: 0o600 },
    )
    const seeded = await startHarness({ PLAUSIBLE_CONFIG_DIR: configDir })
    try {
      const { page, problems, close } = await openSettings(seeded)
      try {
        expect(await stateOf(page)).toBe('failed')
        expect(await page.getByTestId('metrics-endpoint-state').textContent()).toBe('Not serving')
        expect(await page.getByTestId('metrics-endpoint-url').count()).toBe(0)
        expect(await page.getByTestId('metrics-endpoint-error').textContent()).toContain(
          `could not listen on 127.0.0.1:${port}: another program already uses that port`,
        )
        // The port freed, turning it off and on again serves there.
        await new Promise((resolve) => blocker!.close(resolve))
        blocker = undefined
        await page.getByTestId('metrics-endpoint-enabled').uncheck()
        await expect.poll(() => stateOf(page)).toBe('off')
        await page.getByTestId('metrics-endpoint-enabled').check()
        await expect.poll(() => stateOf(page)).toBe('serving')
        const url = `http://127.0.0.1:${port}/metrics`
        expect(await page.getByTestId('metrics-endpoint-url').textContent()).toBe(url)
        expect((await fetch(url)).status).toBe(200)
        expect(problems).toEqual([])
      } finally {
        await close()
      }
    } finally {
      expect(await seeded.close()).toBe(0)
    }
  })
})
