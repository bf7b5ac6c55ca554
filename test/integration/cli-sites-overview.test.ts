// `plausible sites overview` as a user runs it: two accounts (a cloud sandbox and the Demo), every site
// read with one request, numbers equal to a direct v2 query of the same window; an account whose budget
// is spent shows its last numbers with their age, a warning on stderr, and the exit code stays 0.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import type { OverviewCard, OverviewReport } from '../../src/shared/contract/overview'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

const first = '2026-11-23T14:30:00.000Z'
const tenMinutesLater = '2026-11-23T14:40:00.000Z'
let now = Date.parse(first)
let sandbox: RunningSandbox
let configDir: string

// Seed 7, not the Demo's 42: the two accounts' numbers differ.
beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0, seed: 7, clock: () => now })
})
afterAll(() => sandbox.close())
beforeEach(() => {
  now = Date.parse(first)
  configDir = tempConfigDir()
})

/** No PLAUSIBLE_API_KEY: the stored accounts answer, each with its own key and budget. */
const envAt = (time: string): Record<string, string> => ({
  PLAUSIBLE_CONFIG_DIR: configDir,
  PLAUSIBLE_NO_APP: '1',
  PLAUSIBLE_SECRET_STORE: 'file',
  PLAUSIBLE_FROZEN_TIME: time,
})

async function cli(args: string[], time = first, stdin?: string) {
  now = Date.parse(time)
  return runCli(args, envAt(time), stdin)
}

/** The Demo account comes with the fresh config; `work` is the cloud sandbox. */
async function addWork(): Promise<void> {
  const added = await cli(
    ['accounts', 'add', 'work', '--base-url', sandbox.baseUrl, '--key-stdin', '--no-verify'],
    first,
    sandbox.apiKey,
  )
  expect(added.code, added.stderr).toBe(0)
}

/** The same window as a direct v2 query, hour by hour: what the card should say. */
async function directNumbers(card: OverviewCard, time: string) {
  if (!card.window) throw new Error(`${card.site} has no window`)
  const body = {
    site_id: card.site,
    metrics: ['visitors'],
    date_range: [card.window.from, card.window.to],
    dimensions: ['time:hour'],
  }
  const result = await cli(
    ['stats', 'query', '--account', card.account, '--json'],
    time,
    JSON.stringify(body),
  )
  expect(result.code, result.stderr).toBe(0)
  const rows = (JSON.parse(result.stdout) as { results: Array<{ metrics: [number]; dimensions: [string] }> })
    .results
  const firstHour = card.sparkline[0]?.hour ?? ''
  const sum = (list: typeof rows): number => list.reduce((total, row) => total + row.metrics[0], 0)
  const byHour = new Map(rows.map((row) => [row.dimensions[0], row.metrics[0]]))
  return {
    visitors: sum(rows.filter((row) => row.dimensions[0] >= firstHour)),
    previousVisitors: sum(rows.filter((row) => row.dimensions[0] < firstHour)),
    sparkline: card.sparkline.map((hour) => ({ hour: hour.hour, visitors: byHour.get(hour.hour) ?? 0 })),
  }
}

describe('plausible sites overview', () => {
  it('lists every site of both accounts with numbers equal to a direct v2 query, one request per site', async () => {
    await addWork()
    const result = await cli(['sites', 'overview', '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout) as OverviewReport
    const sites = ['shop.example.com', 'blog.example.org', 'docs.example.net']
    expect(report.cards.map((card) => `${card.account} ${card.site}`)).toEqual([
      ...sites.map((site) => `demo ${site}`),
      ...sites.map((site) => `work ${site}`),
    ])
    expect(
      report.accounts.map((account) => [account.account, account.siteCount, account.requestsPerRefresh]),
    ).toEqual([
      ['demo', 3, 3],
      ['work', 3, 3],
    ])
    expect(report.refresh).toEqual({
      siteCount: 6,
      requestsPerRefresh: 6,
      nextRefreshAt: '2026-11-23T14:35:00.000Z',
    })
    // The two data sets differ, so a card could not pass with the other account's numbers.
    expect(report.cards[0]?.visitors).not.toBe(report.cards[3]?.visitors)

    // Exactly one v2 query per site and one site list per account went out.
    const history = await cli(['debug', 'http', '--json'])
    const sent = (JSON.parse(history.stdout) as { exchanges: Array<{ url: string }> }).exchanges
    expect(sent.filter((exchange) => exchange.url.endsWith('/api/v2/query'))).toHaveLength(6)
    expect(sent.filter((exchange) => exchange.url.includes('/api/v1/sites'))).toHaveLength(2)

    for (const card of report.cards) {
      const direct = await directNumbers(card, first)
      expect(card).toMatchObject({
        ...direct,
        asOf: first,
        stale: null,
      })
      expect(card.sparkline).toHaveLength(25)
      expect(card.visitors).toBeGreaterThan(0)
    }
  })

  it('prints the same numbers as a table and as CSV', async () => {
    await addWork()
    const json = JSON.parse((await cli(['sites', 'overview', '--json'])).stdout) as OverviewReport
    const csv = await cli(['sites', 'overview', '--format', 'csv'])
    expect(csv.code).toBe(0)
    const lines = csv.stdout.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'account,site,visitors,previousVisitors,change,currentVisitors,currentVisitorsAt,asOf,stale,error,sparkline',
    )
    const shop = json.cards.find((card) => card.account === 'work' && card.site === 'shop.example.com')
    expect(lines).toContain(
      `work,shop.example.com,${shop?.visitors},${shop?.previousVisitors},${shop?.change ?? ''},,,${first},,,"[${shop?.sparkline.map((hour) => hour.visitors).join(',')}]"`,
    )
    const table = await cli(['sites', 'overview'])
    expect(table.stdout).toContain('6 sites · 6 requests per refresh · next in 5 min\n')
    expect(table.stdout).toMatch(new RegExp(`work +shop\\.example\\.com +${shop?.visitors} `))
  })

  it('shows an account whose budget is spent with its last numbers and their age, exit code 0 and a warning', async () => {
    await addWork()
    // Four requests an hour: the site list and three sites, all spent by the first run.
    expect((await cli(['accounts', 'budget', 'work', '--hourly', '4'])).code).toBe(0)
    const before = JSON.parse((await cli(['sites', 'overview', '--json'])).stdout) as OverviewReport
    const work = before.cards.filter((card) => card.account === 'work')
    expect(work.map((card) => card.stale)).toEqual([null, null, null])

    const result = await cli(['sites', 'overview', '--refresh', '--json'], tenMinutesLater)
    expect(result.code).toBe(0)
    const after = JSON.parse(result.stdout) as OverviewReport
    expect(after.accounts.find((account) => account.account === 'work')).toMatchObject({
      stale: 'budget',
      lastRefreshAt: first,
      nextRefreshAt: '2026-11-23T15:00:15.000Z',
    })
    expect(after.cards.filter((card) => card.account === 'work')).toEqual(
      work.map((card) => ({ ...card, stale: 'budget' })),
    )
    // The Demo account has its own budget: read again.
    expect(
      after.cards.filter((card) => card.account === 'demo').map((card) => [card.asOf, card.stale]),
    ).toEqual([
      [tenMinutesLater, null],
      [tenMinutesLater, null],
      [tenMinutesLater, null],
    ])
    expect(result.stderr).toBe(
      `warning: work has no budget left for the overview: its sites show numbers from ${first} (10 min ago); the next refresh can run at 2026-11-23T15:00:15.000Z.\n`,
    )
    const table = await cli(['sites', 'overview', '--refresh'], tenMinutesLater)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/work +shop\.example\.com .* 10 min ago \(budget\)\n/)
  })
})
