// The CLI's first-hour edges, spawned against a sandbox as a new user (or an agent) would meet them: the
// default metrics follow the filters, --json turns every error into the envelope (commander's usage
// errors too, and --json before the command), the spellings people type for ranges, filters and
// formats, events refused locally instead of "dropped", empty input said as such, and --limit's maximum.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

// Frozen for the sandbox and the CLI alike, so every range means the same days in both.
const now = '2026-11-23T14:30:00Z'
const setup = useCliSandbox({ clock: () => Date.parse(now) }, { PLAUSIBLE_FROZEN_TIME: now })
const site = 'shop.example.com'
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

async function serverMetrics(metrics: string[], filters: unknown[]): Promise<number[]> {
  const response = await fetch(`${setup.sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ site_id: site, metrics, date_range: '30d', filters }),
  })
  const body = (await response.json()) as { results: Array<{ metrics: number[] }> }
  return body.results[0]?.metrics ?? []
}

const aggregate = ['stats', 'aggregate', '--site', site, '--period', '30d']
const firstLine = (text: string) => text.split('\n')[0]
const envelope = (stderr: string) => JSON.parse(stderr) as { error: Record<string, string> }

describe('default metrics follow the filters', () => {
  it('leaves views_per_visit out under an event:page filter, says why on stderr, and answers the rest', async () => {
    const result = await runCli([...aggregate, '--filter', 'event:page==/pricing', '--json'], setup.env)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe(
      'note: views_per_visit left out of the default metrics (Metric `views_per_visit` cannot be queried with a filter on `event:page`); --metric chooses the metrics yourself.\n',
    )
    const kept = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration']
    const { metrics } = JSON.parse(result.stdout) as { metrics: Record<string, number> }
    expect(Object.keys(metrics)).toEqual(kept)
    expect(Object.values(metrics)).toEqual(await serverMetrics(kept, [['is', 'event:page', ['/pricing']]]))
  })

  it('keeps all six top stats under a visit filter, with no note', async () => {
    const result = await runCli([...aggregate, '--filter', 'visit:country==DE', '--json'], setup.env)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    expect(Object.keys((JSON.parse(result.stdout) as { metrics: object }).metrics)).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'views_per_visit',
      'bounce_rate',
      'visit_duration',
    ])
  })

  it('sends an explicit --metric as asked, so the server says what it refuses', async () => {
    const result = await runCli(
      [...aggregate, '--filter', 'event:page==/pricing', '--metric', 'views_per_visit'],
      setup.env,
    )
    expect([result.code, firstLine(result.stderr)]).toEqual([
      2,
      'error: Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
    ])
  })
})

describe('--json: every error is the JSON envelope on stderr', () => {
  it('reports a bad --metric value as the envelope, naming the command to ask for help', async () => {
    const result = await runCli([...aggregate, '--metric', 'bogus', '--json'], setup.env)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(envelope(result.stderr)).toEqual({
      error: {
        code: 'USAGE',
        message:
          "Option '--metric <name>' argument 'bogus' is invalid. Unknown metric. Choose from: visitors, visits, pageviews, views_per_visit, bounce_rate, visit_duration, events, percentage, conversion_rate, group_conversion_rate, scroll_depth, time_on_page, total_revenue, average_revenue.",
        hint: 'Run `plausible stats aggregate --help` for its flags and examples.',
      },
    })
  })

  it('reports an unknown option, a missing argument and a missing command as the envelope', async () => {
    const unknown = await runCli(['--json', ...aggregate, '--bogus'], setup.env)
    expect([unknown.code, envelope(unknown.stderr).error.message]).toEqual([2, "Unknown option '--bogus'"])
    const missing = await runCli(['sites', 'get', '--json'], setup.env)
    expect([missing.code, envelope(missing.stderr).error]).toEqual([
      2,
      {
        code: 'USAGE',
        message: "Missing required argument 'domain'",
        hint: 'Run `plausible sites get --help` for its flags and examples.',
      },
    ])
    const group = await runCli(['--json', 'stats'], setup.env)
    expect([group.code, group.stdout, envelope(group.stderr).error]).toEqual([
      2,
      '',
      {
        code: 'USAGE',
        message: 'plausible stats needs a command: aggregate, timeseries, breakdown, realtime, query.',
        hint: 'Run `plausible stats --help` for its commands and flags.',
      },
    ])
  })

  it('keeps the text error and the --help pointer without --json', async () => {
    const result = await runCli([...aggregate, '--bogus'], setup.env)
    expect([result.code, result.stderr]).toEqual([
      2,
      "error: unknown option '--bogus'\n(run with --help for usage)\n",
    ])
  })

  it('takes --json before the command as after it', async () => {
    const before = await runCli(['--json', 'budget', 'status'], setup.env)
    const after = await runCli(['budget', 'status', '--json'], setup.env)
    expect(before.code, before.stderr).toBe(0)
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout))
    const failing = await runCli(
      ['--json', 'stats', 'aggregate', '--site', site, '--period', 'fortnight'],
      setup.env,
    )
    expect([failing.code, envelope(failing.stderr).error.code]).toEqual([2, 'USAGE'])
  })
})

describe('seed spellings: ranges, --filters, output shortcuts, events send --domain', () => {
  const range = ['--from', '2026-11-01', '--to', '2026-11-07']
  const visitors = [...aggregate.slice(0, 4), '--metric', 'visitors', '--json']

  it('reads --period custom with --from/--to, and --date FROM,TO, as the same range', async () => {
    const plain = await runCli([...visitors, ...range], setup.env)
    const custom = await runCli([...visitors, '--period', 'custom', ...range], setup.env)
    const dated = await runCli([...visitors, '--date', '2026-11-01,2026-11-07'], setup.env)
    expect(plain.code, plain.stderr).toBe(0)
    expect([custom.code, custom.stdout]).toEqual([0, plain.stdout])
    expect([dated.code, dated.stdout]).toEqual([0, plain.stdout])
  })

  it('refuses contradictory range spellings, naming both flags', async () => {
    const withFrom = await runCli(
      [...visitors.slice(0, -1), '--date', '2026-11-01,2026-11-07', ...range],
      setup.env,
    )
    expect([withFrom.code, firstLine(withFrom.stderr)]).toEqual([
      2,
      'error: --date 2026-11-01,2026-11-07 is a range, and --from/--to give another.',
    ])
    const withPeriod = await runCli(
      [...visitors.slice(0, -1), '--date', '2026-11-01,2026-11-07', '--period', '7d'],
      setup.env,
    )
    expect([withPeriod.code, firstLine(withPeriod.stderr)]).toEqual([
      2,
      'error: --date 2026-11-01,2026-11-07 is a range, and --period 7d asks for another.',
    ])
    const bare = await runCli([...visitors.slice(0, -1), '--period', 'custom'], setup.env)
    expect([bare.code, firstLine(bare.stderr)]).toEqual([2, 'error: --period custom needs --from and --to.'])
  })

  it('takes --filters as --filter', async () => {
    const filter = await runCli([...visitors, '--filter', 'visit:country==DE'], setup.env)
    const filters = await runCli([...visitors, '--filters', 'visit:country==DE'], setup.env)
    expect(filter.code, filter.stderr).toBe(0)
    expect([filters.code, filters.stdout]).toEqual([0, filter.stdout])
  })

  it('takes --csv and --ndjson as --format csv and ndjson, and refuses them beside another format', async () => {
    const table = [...visitors.slice(0, -1), '--metric', 'pageviews']
    for (const format of ['csv', 'ndjson']) {
      const long = await runCli([...table, '--format', format], setup.env)
      const short = await runCli([...table, `--${format}`], setup.env)
      expect(long.code, long.stderr).toBe(0)
      expect([short.code, short.stdout]).toEqual([0, long.stdout])
    }
    const both = await runCli([...table, '--csv', '--json'], setup.env)
    expect([both.code, envelope(both.stderr).error.message]).toEqual([
      2,
      '--json and --csv ask for two formats.',
    ])
  })

  it('sends the event to the site --domain names, in place of the url host', async () => {
    const event = JSON.stringify({ name: 'pageview', url: 'https://elsewhere.example/pricing' })
    const send = (extra: string[]) =>
      runCli(['events', 'send', '--data', event, '--user-agent', browser, '--json', ...extra], setup.env)
    const asIs = await send([])
    expect([asIs.code, (JSON.parse(asIs.stdout) as { status: string }).status]).toEqual([0, 'dropped'])
    const overridden = await send(['--domain', site])
    expect([overridden.code, (JSON.parse(overridden.stdout) as { status: string }).status]).toEqual([
      0,
      'accepted',
    ])
  })
})

describe('events: refused locally, empty input said as such', () => {
  const send = (url: string) =>
    runCli(
      ['events', 'send', '--data', JSON.stringify({ name: 'pageview', url }), '--user-agent', browser],
      setup.env,
    )

  it('refuses a non-http(s) url before sending, naming the field; http:// still goes out', async () => {
    const received = setup.sandbox.events().received
    const ftp = await send('ftp://x')
    expect([ftp.code, firstLine(ftp.stderr)]).toEqual([
      2,
      'error: The event was not queued: url: must be an http:// or https:// URL (it is ftp:).',
    ])
    expect(setup.sandbox.events().received).toBe(received)
    const http = await send(`http://${site}/pricing`)
    expect([http.code, http.stdout]).toEqual([0, expect.stringMatching(/^accepted \(job /)])
    expect(setup.sandbox.events().received).toBe(received + 1)
  })

  it('says stdin was empty for events send --stdin with nothing piped in', async () => {
    const result = await runCli(['events', 'send', '--stdin'], setup.env, '')
    expect([result.code, firstLine(result.stderr)]).toEqual([
      2,
      'error: stdin was empty: --stdin reads the event from it, and nothing came.',
    ])
  })

  it('says an import file is empty, naming it, for an empty NDJSON file and a CSV with only its header', async () => {
    const empty = join(setup.configDir, 'events.ndjson')
    writeFileSync(empty, '')
    const ndjson = await runCli(['events', 'import', empty], setup.env)
    expect([ndjson.code, firstLine(ndjson.stderr)]).toEqual([
      2,
      `error: ${empty} is empty: there is no event to import.`,
    ])
    const header = join(setup.configDir, 'signups.csv')
    writeFileSync(header, 'name,url\n')
    const csv = await runCli(['events', 'import', header, '--json'], setup.env)
    expect([csv.code, envelope(csv.stderr).error.message]).toEqual([
      2,
      `${header} has only a header row: there is no event to import.`,
    ])
  })
})

describe('debug http --limit', () => {
  it('takes the documented maximum, 500, and refuses 501 with the range', async () => {
    const help = await runCli(['debug', 'http', '--help'], setup.env)
    expect(help.stdout).toContain(
      '--limit <n>        how many exchanges, newest first: 1 to 500 (default 20)',
    )
    const max = await runCli(['debug', 'http', '--limit', '500', '--json'], setup.env)
    expect([max.code, max.stdout]).toEqual([0, '{"exchanges":[]}\n'])
    const over = await runCli(['debug', 'http', '--limit', '501'], setup.env)
    expect([over.code, firstLine(over.stderr)]).toEqual([
      2,
      "error: option '--limit <n>' argument '501' is invalid. --limit takes a whole number from 1 to 500.",
    ])
  })
})
