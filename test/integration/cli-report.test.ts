// plausible report and plausible report-schedule, spawned against a sandbox: the report's top stats are
// `stats aggregate`'s for the same range (Markdown, HTML and JSON), the HTML has no script, the cost is
// said, and a scheduled weekly report is written once when the week starts and once after a missed run.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatMetric } from '../../src/shared/stats/format'
import type { Metric } from '../../src/shared/plausible/vocabulary'
import type { Report } from '../../src/shared/report/model'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

// Frozen for the sandbox and the CLI alike, so "today" and every range are the same in both.
const now = '2026-11-23T14:30:00Z'
const cli = useCliSandbox({ clock: () => Date.parse(now) }, { PLAUSIBLE_FROZEN_TIME: now })
const site = 'shop.example.com'

interface Aggregate {
  metrics: Record<string, number | null>
  comparison?: { metrics: Record<string, number | null>; change: Record<string, number | null> }
}

async function aggregate(...flags: string[]): Promise<Aggregate> {
  const result = await runCli(['stats', 'aggregate', '--site', site, ...flags, '--json'], cli.env)
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as Aggregate
}

async function report(...flags: string[]) {
  return runCli(['report', '--site', site, ...flags], cli.env)
}

describe('plausible report', () => {
  it('writes Markdown whose top stats are stats aggregate’s for the same range, and says what it cost', async () => {
    const [expected, result] = await Promise.all([
      aggregate('--period', '7d'),
      report('--period', '7d', '--format', 'md'),
    ])
    expect(result.code, result.stderr).toBe(0)
    const labels: Record<string, string> = {
      visitors: 'Unique visitors',
      visits: 'Total visits',
      pageviews: 'Total pageviews',
      views_per_visit: 'Views per visit',
      bounce_rate: 'Bounce rate',
      visit_duration: 'Visit duration',
    }
    for (const [metric, label] of Object.entries(labels)) {
      const value = expected.metrics[metric] ?? null
      expect(value).not.toBeNull()
      expect(result.stdout).toContain(`| ${label} | ${formatMetric(metric as Metric, value)} |\n`)
    }
    expect(result.stdout).toContain('Last 7 days (16 Nov – 22 Nov 2026)')
    expect(result.stdout).toMatch(/\*\*Visitors\*\* `[▁▂▃▄▅▆▇█]{7}`/)
    // The site list (for the timezone), top stats, the series and five tables.
    expect(result.stderr).toBe('note: 8 reads: 8 API requests sent.\n')
  })

  it('compares as stats aggregate --compare does: the same values and changes, in JSON', async () => {
    const [expected, result] = await Promise.all([
      aggregate('--period', '7d', '--compare', 'previous_period'),
      report('--period', '7d', '--compare', 'previous_period', '--format', 'json'),
    ])
    expect(result.code, result.stderr).toBe(0)
    const parsed = JSON.parse(result.stdout) as Report
    const stats = parsed.sites[0]?.topStats ?? []
    expect(stats.map((stat) => stat.metric)).toEqual(Object.keys(expected.metrics))
    for (const stat of stats) {
      expect(stat.value).toBe(expected.metrics[stat.metric])
      expect(stat.comparisonValue).toBe(expected.comparison?.metrics[stat.metric])
      expect(stat.change).toBe(expected.comparison?.change[stat.metric])
    }
    expect(parsed.requests).toEqual({ queries: 9, sent: 9 })
    expect(parsed.sites[0]?.series.points).toHaveLength(7)
    expect(parsed.sites[0]?.tables.map((table) => table.id)).toEqual([
      'sources',
      'pages',
      'countries',
      'devices',
      'goals',
    ])
  })

  it('writes one HTML file with the same top stats and no script, into --output', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-html-')), 'report.html')
    const [expected, result] = await Promise.all([
      aggregate('--period', 'month'),
      report('--period', 'month', '--format', 'html', '--output', file),
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('')
    const html = readFileSync(file, 'utf8')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/https?:\/\//)
    for (const [metric, value] of Object.entries(expected.metrics))
      expect(html).toContain(
        `data-metric="${metric}" style="font-size:22px;font-weight:700;color:#111827;padding:2px 0">${formatMetric(metric as Metric, value ?? null)}</div>`,
      )
    expect(html).toContain('<polyline points="')
  })

  it('reports every site of the account with --all-sites', async () => {
    const result = await runCli(['report', '--all-sites', '--period', '30d', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const parsed = JSON.parse(result.stdout) as Report
    expect(parsed.sites.map((entry) => entry.site)).toEqual(cli.sandbox.sites.map((entry) => entry.domain))
    expect(parsed.title).toBe(`Report for ${cli.sandbox.sites.length} sites`)
    expect(parsed.failures).toEqual([])
  })

  it('asks for one scope, and refuses a period the dashboard does not have, with exit 2', async () => {
    const none = await runCli(['report', '--period', '7d'], cli.env)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Name what to report: --site, --all-sites or --all-accounts.')
    const both = await runCli(['report', '--site', site, '--all-sites'], cli.env)
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--site and --all-sites ask for different sites; give one of them.')
    const period = await report('--period', '92d')
    expect(period.code).toBe(2)
    expect(period.stderr).toContain(
      "A report covers one of the dashboard's periods; --period 92d is not one.",
    )
  })
})

describe('plausible report-schedule', () => {
  it('writes a weekly report once when the week starts, and once after a missed run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'scheduled-reports-'))
    // Weeks start on Monday 00:00 in this machine's timezone: UTC here.
    const at = (time: string) => ({ ...cli.env, PLAUSIBLE_FROZEN_TIME: time, TZ: 'UTC' })
    const add = await runCli(
      ['report-schedule', 'add', '--site', site, '--every', 'week', '--folder', folder, '--json'],
      at('2026-11-18T10:00:00Z'),
    )
    expect(add.code, add.stderr).toBe(0)
    const id = (JSON.parse(add.stdout) as { schedule: { id: string } }).schedule.id
    const run = async (time: string) => {
      const result = await runCli(['report-schedule', 'run', '--json'], at(time))
      expect(result.code, result.stderr).toBe(0)
      return JSON.parse(result.stdout) as { ran: boolean; written: Array<{ id: string; path: string }> }
    }
    expect((await run('2026-11-22T23:59:59Z')).written).toEqual([])
    const first = join(folder, `${site}-weekly-2026-11-16.html`)
    expect((await run('2026-11-23T00:00:00Z')).written).toEqual([{ id, path: first }])
    expect((await run('2026-11-23T00:00:01Z')).written).toEqual([])
    expect(readFileSync(first, 'utf8')).toContain('16 Nov – 22 Nov 2026')
    // The machine was off for three weeks: one report, for the last full week.
    const missed = join(folder, `${site}-weekly-2026-12-07.html`)
    expect((await run('2026-12-16T09:00:00Z')).written).toEqual([{ id, path: missed }])
    expect((await run('2026-12-16T09:05:00Z')).written).toEqual([])
    expect(readdirSync(folder).sort()).toEqual([
      `${site}-weekly-2026-11-16.html`,
      `${site}-weekly-2026-12-07.html`,
    ])
    const list = await runCli(['report-schedule', 'list'], cli.env)
    expect(list.stdout).toContain(`${id}  week   ${site}  html    ${folder}  2026-12-16 09:00 UTC`)
  })
})
