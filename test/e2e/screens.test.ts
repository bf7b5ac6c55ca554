// The management screens end to end: the built CLI's `plausible ui` (Demo account) in Debian's Chromium, plus
// sandboxes this file starts itself — a cloud one to add a real account with a key (wrong key first), create a
// goal, send an event and import a file; a CE one whose missing Sites API must read as a sentence, not a button.
import type { ChildProcess } from 'node:child_process'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BudgetSnapshot } from '../../src/shared/contract'
import { runCli, startCli } from '../helpers/spawn-cli'
import { startHarness, type Harness } from './harness'
import { ScreensPage } from './pages/screens-page'

interface SandboxInfo {
  baseUrl: string
  apiKey: string
  statsOnlyKey: string
  mode: 'cloud' | 'ce'
  hourlyLimit: number
  sites: Array<{ domain: string; timezone: string }>
}

interface Sandbox {
  info: SandboxInfo
  child: ChildProcess
  stop(): Promise<number | null>
}

async function startSandbox(mode: 'cloud' | 'ce'): Promise<Sandbox> {
  const started = await startCli<SandboxInfo>(['sandbox', '--port', '0', '--mode', mode, '--json'])
  return { info: started.first, child: started.child, stop: started.stop }
}

let h: Harness
let cloud: Sandbox
let ce: Sandbox
let context: BrowserContext
let page: Page
let screens: ScreensPage
let problems: string[]
const shop = 'shop.example.com'

beforeAll(async () => {
  ;[h, cloud, ce] = await Promise.all([startHarness(), startSandbox('cloud'), startSandbox('ce')])
})

afterAll(async () => {
  await Promise.all([cloud?.stop(), ce?.stop()])
  if (h) expect(await h.close()).toBe(0)
})

afterEach(async () => {
  await context?.close()
})

async function open(hash: string, options = {}): Promise<void> {
  ;({ context, page, problems } = await h.newPage(options))
  screens = new ScreensPage(page)
  await page.goto(`${h.url}${hash}`)
}

interface AccountList {
  accounts: Array<{ alias: string; maskedKey: string | null; keySource: string; hourlyLimit: number }>
}

describe('management screens against the sandbox', () => {
  it('refuses a wrong key with the typed error and hint, stores nothing, and clears the key field', async () => {
    await open('#/accounts')
    await screens.waitFor('accounts')
    await screens.addAccount({
      baseUrl: cloud.info.baseUrl,
      alias: 'work',
      apiKey: 'wrong-key-0123456789abcdef',
    })

    const error = screens.addForm.getByTestId('form-error')
    await error.waitFor()
    expect(await error.getAttribute('data-code')).toBe('AUTH_INVALID')
    expect(await screens.addForm.getByTestId('form-error-message').textContent()).toContain(
      'The key was not stored.',
    )
    expect((await screens.addForm.getByTestId('form-error-hint').textContent())?.length).toBeGreaterThan(10)
    expect(await screens.addForm.getByTestId('add-api-key').inputValue()).toBe('')
    expect(await screens.addForm.getByTestId('add-api-key').getAttribute('type')).toBe('password')
    const { accounts } = await h.value<AccountList>('accounts.list', {})
    expect(accounts.map((a) => a.alias)).not.toContain('work')
    await screens.screenshot('screens-accounts-wrong-key.png')
  })

  it('adds the right key after checking it, shows where it is kept and what the server can do, never the key', async () => {
    await open('#/accounts')
    await screens.waitFor('accounts')
    await screens.addAccount({
      baseUrl: cloud.info.baseUrl,
      alias: 'work',
      apiKey: cloud.info.apiKey,
      hourlyLimit: 500,
    })
    await screens.addForm.getByTestId('add-done').waitFor()
    expect(await screens.addForm.getByTestId('add-api-key').inputValue()).toBe('')

    const card = screens.account('work')
    await card.waitFor()
    expect(await card.getAttribute('data-default')).toBe('true')
    const masked = `${cloud.info.apiKey.slice(0, 4)}…${cloud.info.apiKey.slice(-4)}`
    expect(await card.getByTestId('account-masked-key').textContent()).toBe(masked)
    expect(await card.getByTestId('account-hourly-limit').textContent()).toBe('500')
    const { accounts } = await h.value<AccountList>('accounts.list', {})
    const work = accounts.find((a) => a.alias === 'work')
    expect(await card.getByTestId('account-key-source').getAttribute('data-source')).toBe(work?.keySource)
    expect(['keychain', 'file']).toContain(work?.keySource)

    const capabilities = card.locator('[data-testid="account-capabilities"][data-state="ready"]')
    await capabilities.waitFor()
    expect(await capabilities.getByTestId('cap-sites-api').getAttribute('data-value')).toBe('available')
    expect(await capabilities.getByTestId('cap-key-kind').getAttribute('data-value')).toBe('provisioning')
    expect(await capabilities.getByTestId('cap-stats-v2').getAttribute('data-value')).toBe('true')

    // Set a daily cap from the screen, then read it back from the core.
    await card.getByTestId('account-budget').click()
    await card.getByTestId('budget-daily').fill('2000')
    await card.getByTestId('budget-submit').click()
    await card.getByTestId('account-daily-cap').filter({ hasText: '2,000' }).waitFor()
    const after = await h.value<{ accounts: Array<{ alias: string; dailyCap?: number }> }>(
      'accounts.list',
      {},
    )
    expect(after.accounts.find((a) => a.alias === 'work')?.dailyCap).toBe(2000)

    expect(await page.content()).not.toContain(cloud.info.apiKey)
    await screens.screenshot('screens-accounts.png')
    expect(problems).toEqual([])
  })

  it('creates a goal on the sites screen, reached with the keyboard', async () => {
    await open('#/accounts')
    await screens.waitFor('accounts')
    await screens.jump('s')
    await screens.waitFor('sites')
    await screens.chooseSite('sites-site', 'work', shop)
    const panel = page.locator('[data-testid="goals-panel"][data-state="ready"]')
    await panel.waitFor()
    await panel.getByTestId('goal-type').selectOption('event')
    await panel.getByTestId('goal-target').fill('Newsletter')
    await panel.getByTestId('goal-add').click()
    await panel.locator('[data-testid="goal-row"][data-name="Newsletter"]').waitFor()

    const listed = await h.value<{ goals: Array<{ displayName: string; eventName: string | null }> }>(
      'goals.list',
      { account: 'work', site: shop },
    )
    expect(listed.goals.find((g) => g.displayName === 'Newsletter')?.eventName).toBe('Newsletter')
    await screens.screenshot('screens-sites.png')
    expect(problems).toEqual([])
  })

  it('checks an event as it is typed, sends it through the journal and shows the receipt', async () => {
    await open('#/events')
    await screens.waitFor('events')
    await screens.chooseSite('events-site', 'work', shop)
    const composer = page.getByTestId('composer')
    await composer.getByTestId('event-name').fill('Newsletter')
    await composer.getByTestId('event-url').fill('data:text/html,hi')
    await composer.getByTestId('problem-url').waitFor()
    expect(await composer.getByTestId('problem-url').textContent()).toContain('scheme is not allowed')
    expect(await composer.getByTestId('event-send').isDisabled()).toBe(true)

    await composer.getByTestId('event-url').fill(`https://${shop}/welcome`)
    await composer.locator('[data-testid="rules-status"][data-ok="true"]').waitFor()
    await composer.locator('[data-testid="goal-check"][data-match="yes"]').waitFor()
    // An event no goal counts: the composer says so and adds the goal on the spot.
    await composer.getByTestId('event-name').fill('Webinar signup')
    await composer.locator('[data-testid="goal-check"][data-match="no"]').waitFor()
    await composer.getByTestId('goal-check-add').click()
    await composer.locator('[data-testid="goal-check"][data-match="yes"]').waitFor()
    const goals = await h.value<{ goals: Array<{ eventName: string | null }> }>('goals.list', {
      account: 'work',
      site: shop,
    })
    expect(goals.goals.map((g) => g.eventName)).toContain('Webinar signup')
    await composer.getByTestId('event-name').fill('Newsletter')
    await composer.locator('[data-testid="goal-check"][data-match="yes"]').waitFor()
    await composer.getByTestId('event-add-prop').click()
    await composer.getByTestId('event-prop-key').fill('plan')
    await composer.getByTestId('event-prop-value').fill('pro')

    await composer.getByTestId('event-send').click()
    const receipt = composer.getByTestId('event-receipt')
    await receipt.waitFor()
    expect(await receipt.getAttribute('data-status')).toBe('accepted')

    // The same event for a domain the server does not know: a 202 with x-plausible-dropped, said as such.
    await composer.getByTestId('event-domain').fill('unknown.example')
    await composer.getByTestId('event-url').fill('https://unknown.example/')
    await composer.getByTestId('event-send').click()
    await composer.locator('[data-testid="event-receipt"][data-status="dropped"]').waitFor()
    expect(await composer.getByTestId('receipt-why').textContent()).toContain(
      'most likely unknown.example is not a site on this server',
    )
    await screens.screenshot('screens-events.png')
    expect(problems).toEqual([])
  })

  it('imports an NDJSON file with a preview, a dry run, a progress bar and a summary', async () => {
    await open('#/events')
    await screens.waitFor('events')
    await screens.chooseSite('events-site', 'work', shop)
    const importer = page.getByTestId('importer')
    const lines = [
      { name: 'pageview', url: `https://${shop}/import-once-a`, domain: shop },
      { name: 'pageview', url: `https://${shop}/import-once-b`, domain: shop },
      { name: 'Newsletter', url: `https://${shop}/c`, domain: shop, props: { plan: 'free' } },
      { name: 'pageview', url: 'data:text/plain,x', domain: shop },
    ]
    await importer.getByTestId('import-file').setInputFiles({
      name: 'events.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n')),
    })
    const counts = importer.getByTestId('import-counts')
    await counts.waitFor()
    expect(await counts.getAttribute('data-valid')).toBe('3')
    expect(await counts.getAttribute('data-invalid')).toBe('1')
    expect(await importer.getByTestId('import-row').count()).toBe(4)

    await importer.getByTestId('import-dry-run').click()
    const dry = importer.getByTestId('import-dry-run-result')
    await dry.waitFor()
    expect(await dry.textContent()).toContain('3 events would be journaled')
    expect(await dry.textContent()).toContain('line 4: url: scheme is not allowed')

    await importer.getByTestId('import-send').click()
    const summary = importer.locator('[data-testid="import-summary"][data-done="true"]')
    await summary.waitFor()
    expect(await summary.getAttribute('data-accepted')).toBe('3')
    expect(await summary.getAttribute('data-failed')).toBe('0')
    expect(await importer.getByTestId('import-progress-bar').getAttribute('value')).toBe('3')
    await screens.screenshot('screens-events-import.png')

    // The same file again: every line is answered from the journal, and the server gets nothing twice.
    await importer.getByTestId('import-file').setInputFiles({
      name: 'events.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n')),
    })
    await importer.locator('[data-testid="import-send"]:enabled').click()
    const again = importer.locator('[data-testid="import-summary"][data-done="true"][data-repeated="3"]')
    await again.waitFor()
    expect(await again.getAttribute('data-accepted')).toBe('3')
    expect(await again.textContent()).toContain('delivered by an earlier import of this file')
    const received = await h.value<{ results: Array<{ metrics: number[] }> }>('stats.query', {
      account: 'work',
      query: {
        site_id: shop,
        metrics: ['pageviews'],
        date_range: 'day',
        filters: [['is', 'event:page', ['/import-once-a', '/import-once-b']]],
      },
    })
    expect(received.results[0]?.metrics[0]).toBe(2)
    expect(problems).toEqual([])
  })

  it('shows the journal and the hour of the chosen account as the core counts them, by source', async () => {
    // One read from the CLI, sharing the window's usage.json: the ledger counts it as the CLI's.
    const read = await runCli(
      ['stats', 'aggregate', '--account', 'work', '--site', shop, '--period', '30d', '--json'],
      { ...h.env, PLAUSIBLE_NO_APP: '1' },
    )
    expect(read.code, read.stderr).toBe(0)
    await open('#/queue')
    await screens.waitFor('queue')
    await page.getByTestId('queue-account').selectOption('work')
    const chart = page.getByTestId('usage-chart')
    await page.locator('[data-testid="usage-chart"][data-this-hour-cli="1"]').waitFor()
    const budget = await h.value<BudgetSnapshot>('budget.status', { account: 'work' })
    const core = budget.thisHourBySource!
    // The earlier screens spent this key from the window; nothing but that one read came from the CLI.
    expect(core.cli).toBe(1)
    expect(core.interactive).toBeGreaterThan(0)
    expect(budget.hours).toHaveLength(24)
    const counted = budget.hours!.reduce(
      (sum, hour) => sum + Object.values(hour.bySource).reduce((a, b) => a + b, 0),
      0,
    )
    // The window polls the ledger; nothing else spends this key meanwhile.
    const asCounted = [
      `[data-testid="usage-chart"]`,
      `[data-used="${budget.usedThisHour}"]`,
      `[data-limit="${budget.hourlyLimit}"]`,
      `[data-background-ceiling="${budget.hourlyLimit - (budget.reservedForInteractive ?? 0)}"]`,
      `[data-hours="24"]`,
      `[data-hours-total="${counted}"]`,
      `[data-this-hour-interactive="${core.interactive}"]`,
      `[data-this-hour-cli="${core.cli}"]`,
      `[data-this-hour-background="${core.background}"]`,
      `[data-this-hour-tray="${core.tray}"]`,
    ].join('')
    await page.locator(asCounted).waitFor()
    expect(await chart.getAttribute('data-limit')).toBe('500')
    expect(Number(await page.getByTestId('budget-used').getAttribute('data-value'))).toBe(budget.usedThisHour)
    expect(await page.getByTestId('usage-chart-note').textContent()).not.toContain('not which face')
    await page.getByTestId('jobs-table').waitFor()
    await screens.screenshot('screens-queue.png')

    // The tooltip of the current hour (the rightmost bar) names each source with the core's count.
    const plot = await chart.locator('.recharts-cartesian-grid').boundingBox()
    if (!plot) throw new Error('the chart has no plot area')
    await page.mouse.move(plot.x + plot.width - plot.width / 48, plot.y + plot.height / 2)
    const tooltip = page.getByTestId('usage-chart-tooltip')
    await tooltip.waitFor()
    const rows = await tooltip.locator('.chart__tooltip-row').allTextContents()
    expect(rows).toEqual([
      `Window${core.interactive}`,
      `CLI${core.cli}`,
      `Background refresh${core.background}`,
      `Tray${core.tray}`,
      `Total${core.interactive + core.cli + core.background + core.tray}`,
    ])
    await screens.screenshot('screens-queue-by-source.png')
    expect(problems).toEqual([])
  })

  it('says in a sentence why a CE server has no site settings here, instead of offering buttons', async () => {
    await h.value('accounts.add', {
      alias: 'selfhosted',
      baseUrl: ce.info.baseUrl,
      apiKey: ce.info.apiKey,
      makeDefault: false,
    })
    await open('#/sites')
    await screens.waitFor('sites')
    await screens.chooseSite('sites-site', 'selfhosted')

    const note = page.getByTestId('sites-unavailable')
    await note.waitFor()
    expect(await note.getAttribute('data-reason')).toBe('absent')
    expect(await note.textContent()).toContain('This server has no Sites API')
    expect(await page.getByTestId('goal-add').count()).toBe(0)
    await screens.screenshot('screens-sites-ce.png')
  })

  it('lists a read-only key’s goals but offers no write, saying which scope is missing', async () => {
    await h.value('accounts.add', {
      alias: 'reader',
      baseUrl: cloud.info.baseUrl,
      apiKey: cloud.info.statsOnlyKey,
      makeDefault: false,
    })
    await open('#/sites')
    await screens.waitFor('sites')
    await screens.chooseSite('sites-site', 'reader', shop)
    await page.locator('[data-testid="goals-panel"][data-state="ready"]').waitFor()
    await page.getByTestId('read-only-note').waitFor()
    expect(await page.getByTestId('goal-row').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('goal-add').count()).toBe(0)
  })

  it('draws every screen in dark mode at 200% zoom with the navigation in reach', async () => {
    await open('#/queue', {
      colorScheme: 'dark',
      deviceScaleFactor: 2,
      viewport: { width: 640, height: 900 },
    })
    await screens.waitFor('queue')
    await screens.screenshot('screens-queue-dark-200.png')
    await page.getByTestId('nav-accounts').click()
    await screens.waitFor('accounts')
    await screens.screenshot('screens-accounts-dark-200.png')
    await page.getByTestId('nav-dashboard').click()
    await page.locator('[data-app-state="ready"]').waitFor()
    expect(problems).toEqual([])
  })
})
