// plausible stats timeseries|breakdown|query and --compare/--date, spawned against a sandbox: the CLI's
// numbers are the server's numbers, comparisons use the dashboard's ranges, bad input exits 2 in one line.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

// Frozen for the sandbox and the CLI alike, so "today" and every range are the same in both.
const now = '2026-11-23T14:30:00Z'
let sandbox: RunningSandbox
let env: Record<string, string>
const site = 'shop.example.com'

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0, clock: () => Date.parse(now) })
  env = {
    PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_NO_APP: '1',
    PLAUSIBLE_FROZEN_TIME: now,
  }
})
afterAll(() => sandbox.close())

async function query(body: Record<string, unknown>) {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ site_id: site, ...body }),
  })
  return (await response.json()) as {
    results: Array<{ metrics: number[]; dimensions: string[] }>
    meta: { total_rows?: number }
  }
}

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>

describe('plausible stats timeseries', () => {
  it('prints every day of the range, the empty ones as 0, with the server numbers', async () => {
    const result = await runCli(
      [
        'stats',
        'timeseries',
        '--site',
        site,
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-07',
        '--interval',
        'day',
        '--json',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const server = await query({
      metrics: ['visitors'],
      date_range: ['2026-11-01', '2026-11-07'],
      dimensions: ['time:day'],
    })
    const byDay = Object.fromEntries(server.results.map((row) => [row.dimensions[0], row.metrics[0]]))
    const output = json(result.stdout) as { buckets: Array<{ label: string; metrics: { visitors: number } }> }
    expect(output.buckets.map((bucket) => bucket.label)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ])
    expect(output.buckets.map((bucket) => bucket.metrics.visitors)).toEqual(
      output.buckets.map((bucket) => byDay[bucket.label] ?? 0),
    )
  })

  it('lays the previous period beside each bucket with --compare, weekday matched', async () => {
    const result = await runCli(
      [
        'stats',
        'timeseries',
        '--site',
        site,
        '--period',
        '7d',
        '--compare',
        'previous_period',
        '--format',
        'csv',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\r\n')
    expect(lines[0]).toBe('date,visitors,comparison_date,comparison_visitors,change_visitors')
    // 7d ends yesterday (22 Nov, a Sunday); the previous 7 days start on the same weekday.
    expect(lines.slice(1).map((line) => [line.split(',')[0], line.split(',')[2]])).toEqual([
      ['2026-11-16', '2026-11-09'],
      ['2026-11-17', '2026-11-10'],
      ['2026-11-18', '2026-11-11'],
      ['2026-11-19', '2026-11-12'],
      ['2026-11-20', '2026-11-13'],
      ['2026-11-21', '2026-11-14'],
      ['2026-11-22', '2026-11-15'],
    ])
  })

  it('exits 2 for an unknown interval, naming the choices', async () => {
    const result = await runCli(['stats', 'timeseries', '--site', site, '--interval', 'minute'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Allowed choices are hour, day, week, month')
  })
})

describe('plausible stats breakdown', () => {
  it('prints one page of rows with the total before paging, as the server counts them', async () => {
    const result = await runCli(
      [
        'stats',
        'breakdown',
        '--site',
        site,
        '--dimension',
        'visit:source',
        '--period',
        '30d',
        '--limit',
        '2',
        '--page',
        '2',
        '--json',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const server = await query({
      metrics: ['visitors'],
      date_range: '30d',
      dimensions: ['visit:source'],
      include: { total_rows: true },
      pagination: { limit: 2, offset: 2 },
    })
    expect(json(result.stdout)).toMatchObject({
      dimensions: ['visit:source'],
      page: 2,
      limit: 2,
      totalRows: server.meta.total_rows,
      rows: server.results.map((row) => ({
        dimensions: { 'visit:source': row.dimensions[0] },
        metrics: { visitors: row.metrics[0] },
      })),
    })
  })

  it('says the total is unknown (null) on a page past the last row, where the server counts 0', async () => {
    const args = ['stats', 'breakdown', '--site', site, '--dimension', 'visit:source', '--period', '30d']
    const sources = await query({
      metrics: ['visitors'],
      date_range: '30d',
      dimensions: ['visit:source'],
      include: { total_rows: true },
    })
    const count = sources.meta.total_rows!
    // The last page with a row still has the total; the one after it is empty and counts 0 on the server.
    const last = await runCli([...args, '--limit', '1', '--page', String(count), '--json'], env)
    const past = await runCli([...args, '--limit', '1', '--page', String(count + 1), '--json'], env)
    expect(last.code, last.stderr).toBe(0)
    expect(past.code, past.stderr).toBe(0)
    expect(json(last.stdout)).toMatchObject({ totalRows: count })
    expect((json(last.stdout).rows as unknown[]).length).toBe(1)
    expect(
      (
        await query({
          metrics: ['visitors'],
          date_range: '30d',
          dimensions: ['visit:source'],
          include: { total_rows: true },
          pagination: { limit: 1, offset: count },
        })
      ).meta,
    ).toEqual({ total_rows: 0 })
    expect(json(past.stdout)).toMatchObject({ page: count + 1, totalRows: null, rows: [] })
  })

  it('gives each row its value in the comparison period and the change', async () => {
    const result = await runCli(
      [
        'stats',
        'breakdown',
        '--site',
        site,
        '--dimension',
        'visit:source',
        '--period',
        '7d',
        '--limit',
        '3',
        '--compare',
        'previous_period',
        '--json',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const output = json(result.stdout) as {
      comparison: { label: string }
      rows: Array<{
        dimensions: Record<string, string>
        metrics: { visitors: number }
        comparison: { visitors: number }
        change: { visitors: number }
      }>
    }
    expect(output.comparison.label).toBe('9 Nov 2026 – 15 Nov 2026')
    const previous = await query({
      metrics: ['visitors'],
      date_range: ['2026-11-09', '2026-11-15'],
      dimensions: ['visit:source'],
    })
    for (const row of output.rows) {
      const other = previous.results.find((entry) => entry.dimensions[0] === row.dimensions['visit:source'])
      expect(row.comparison.visitors).toBe(other?.metrics[0])
      expect(row.change.visitors).toBe(
        Math.round(((row.metrics.visitors - other!.metrics[0]!) / other!.metrics[0]!) * 100),
      )
    }
  })

  it('exits 2 without --dimension and for a time dimension', async () => {
    const missing = await runCli(['stats', 'breakdown', '--site', site], env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("required option '--dimension <name>' not specified")
    const time = await runCli(['stats', 'breakdown', '--site', site, '--dimension', 'time:day'], env)
    expect(time.code).toBe(2)
    expect(time.stderr).toContain('Use a dimension such as visit:source')
  })
})

describe('plausible stats aggregate --compare and --date', () => {
  it('compares month to date with the same days of last month up to this time of day', async () => {
    const result = await runCli(
      [
        'stats',
        'aggregate',
        '--site',
        site,
        '--period',
        'month',
        '--metric',
        'visitors',
        '--compare',
        'previous_period',
        '--json',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const output = json(result.stdout) as {
      metrics: { visitors: number }
      comparison: {
        mode: string
        dateRange: [string, string]
        metrics: { visitors: number }
        change: { visitors: number }
      }
    }
    expect(output.comparison.mode).toBe('previous_period')
    // Europe/Berlin: 15:30 local on 23 Nov; the comparison is 23 days, weekday matched, ending at 15:30.
    expect(output.comparison.dateRange[1]).toMatch(/T15:30:00/)
    const { comparison } = output
    expect(comparison.change.visitors).toBe(
      Math.round(
        ((output.metrics.visitors - comparison.metrics.visitors) / comparison.metrics.visitors) * 100,
      ),
    )
  })

  it('anchors a period on --date', async () => {
    const result = await runCli(
      [
        'stats',
        'aggregate',
        '--site',
        site,
        '--period',
        'day',
        '--date',
        '2026-11-10',
        '--metric',
        'visitors',
        '--json',
      ],
      env,
    )
    expect(result.code, result.stderr).toBe(0)
    const server = await query({ metrics: ['visitors'], date_range: ['2026-11-10', '2026-11-10'] })
    expect(json(result.stdout)).toMatchObject({ metrics: { visitors: server.results[0]!.metrics[0] } })
  })

  it('exits 2 for --date with a custom range, --compare on all time and a malformed date', async () => {
    const custom = await runCli(
      [
        'stats',
        'aggregate',
        '--site',
        site,
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-02',
        '--date',
        '2026-11-01',
      ],
      env,
    )
    expect([custom.code, custom.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --date anchors a --period; a --from/--to range needs none.',
    ])
    const all = await runCli(
      ['stats', 'aggregate', '--site', site, '--period', 'all', '--compare', 'previous_period'],
      env,
    )
    expect([all.code, all.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --compare does not apply to --period all, as on the dashboard.',
    ])
    const bad = await runCli(['stats', 'aggregate', '--site', site, '--date', '2026-13-01'], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--date takes a date as YYYY-MM-DD')
  })
})

describe('plausible stats query', () => {
  it('runs a raw v2 query from stdin and prints the server answer', async () => {
    const body = { site_id: site, metrics: ['visitors'], date_range: '7d', dimensions: ['visit:country'] }
    const result = await runCli(['stats', 'query', '--json'], env, JSON.stringify(body))
    expect(result.code, result.stderr).toBe(0)
    const server = await query(body)
    expect((json(result.stdout) as { results: unknown }).results).toEqual(server.results)
  })

  it('reads --file and prints rows named after the dimensions and metrics', async () => {
    const file = join(tempConfigDir(), 'query.json')
    writeFileSync(
      file,
      JSON.stringify({ site_id: site, metrics: ['visitors', 'pageviews'], date_range: '7d' }),
    )
    const result = await runCli(['stats', 'query', '--file', file, '--format', 'csv'], env)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.split('\r\n')[0]).toBe('visitors,pageviews')
  })

  it('refuses a bad query naming its JSON pointer, before any request', async () => {
    const bad = await runCli(
      ['stats', 'query'],
      env,
      JSON.stringify({ site_id: site, metrics: ['visitors', 'baa'], date_range: '7d' }),
    )
    expect(bad.code).toBe(2)
    // The server's words (query-rules), the pointer in the hint.
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual([
      'error: #/metrics/1: Invalid metric "baa"',
      expect.stringMatching(/^hint: Fix #\/metrics\/1 of the query in stdin; /),
    ])
    const notJson = await runCli(['stats', 'query'], env, '{"site_id":')
    expect([notJson.code, notJson.stderr.split('\n')[0]]).toEqual([
      2,
      'error: The query in stdin is not JSON: Unexpected end of JSON input.',
    ])
    const extra = await runCli(
      ['stats', 'query'],
      env,
      JSON.stringify({ site_id: site, metrics: ['visitors'], date_range: '7d', date: '2026-11-01' }),
    )
    expect(extra.code).toBe(2)
    expect(extra.stderr.split('\n')[0]).toBe('error: #/date: Schema does not allow additional properties.')
    const missing = await runCli(['stats', 'query', '--file', '/nonexistent/query.json'], env)
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      2,
      'error: Could not read /nonexistent/query.json (ENOENT).',
    ])
  })
})
