// --compact keeps every fact and drops only tokens: every command that prints JSON runs twice against a
// sandbox, from the same starting state, with --json and with --json --compact (and once with --compact
// alone); the compact document, expanded back, is the full one less its null fields.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandTree } from '../../src/cli/reference/command-tree'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { expandCompact, withoutNullFields } from '../helpers/compact-json'
import { describedProgram } from '../helpers/described-program'
import { cliPath, runCli, tempConfigDir, type CliResult } from '../helpers/spawn-cli'

// The tree is read from the command definitions, so a new command that prints JSON joins this test.
const tree = commandTree(describedProgram())
const printsJson = tree.filter((command) => command.options.some((option) => option.long === '--json'))

/** Servers that print one line once listening and run until stopped: not a result to compact. */
const servers = ['sandbox', 'ui']

const now = '2026-11-23T14:30:00Z'
const site = 'shop.example.com'
let sandbox: RunningSandbox
let root: string

interface Run {
  /** The words after the command path; --json / --compact are added by the test. */
  args: string[]
  stdin?: string
  /** Commands run first, from the same fresh state, before each of the two runs. */
  setup?: Array<{ args: string[]; stdin?: string }>
  /** Files written into the fresh config folder first (path inside it → content). */
  files?: Record<string, string>
}

/** report-schedules.json with one weekly report of the site into the test's folder. */
function schedules(): Record<string, string> {
  const schedule = {
    id: 'weekly-0000beef',
    cadence: 'weekly',
    scope: 'site',
    site,
    format: 'md',
    folder: root,
    compare: 'previous_period',
    timeZone: 'UTC',
    since: '2026-11-01',
  }
  return { 'report-schedules.json': JSON.stringify({ schedules: [schedule], runs: {} }) }
}

/** Two job files the journal could not read, as a crash or a bad disk leaves them in queue/corrupt. */
const corruptJobs = {
  'queue/corrupt/event-work-3f2a.json.1795000000000': '{not json',
  'queue/corrupt/site-work-77aa.json.1795000000001': '{"also":"bad"}',
}

/** Two runs of one file in the import history: the second compared with the first. */
/** One annotation on file (its id is random when added), so list and remove name it. */
function annotations(): Record<string, string> {
  const annotation = {
    id: 'a-0000beef',
    account: 'env',
    site,
    date: '2026-11-20',
    kind: 'deploy',
    text: 'Pricing page v2',
    createdAt: '2026-11-20T09:00:00.000Z',
  }
  return { 'annotations.json': JSON.stringify({ version: 1, annotations: [annotation] }) }
}

function importHistory(): Record<string, string> {
  const record = (id: string, accepted: number, repeatsSkipped: number): [string, string] => [
    `imports/${id}.json`,
    JSON.stringify({
      id,
      source: { path: join(root, 'events.ndjson'), digest: '0123456789abcdef', format: 'ndjson' },
      account: 'env',
      startedAt: '2026-11-23T14:00:00.000Z',
      finishedAt: null,
      linesRead: 2,
      accepted,
      droppedByServer: 0,
      failed: 0,
      refused: { 'not JSON': 1 },
      repeatsSkipped,
      possiblyRepeated: 0,
      names: { pageview: 1 },
    }),
  ]
  return Object.fromEntries([
    record('imp-20261123T140000000Z-000001', 1, 0),
    record('imp-20261123T140100000Z-000002', 0, 1),
  ])
}

const addWork = (): { args: string[]; stdin: string } => ({
  args: ['accounts', 'add', 'work', '--base-url', sandbox.baseUrl, '--key-stdin', '--no-verify'],
  stdin: sandbox.apiKey,
})

/** Safe arguments for each command: reads of the seeded sandbox, writes as --dry-run. */
function runs(): Record<string, Run> {
  return {
    'stats aggregate': { args: ['--site', site, '--period', '7d'] },
    'stats timeseries': { args: ['--site', site, '--period', '7d'] },
    'stats breakdown': { args: ['--site', site, '--period', '7d', '--dimension', 'visit:source'] },
    'stats realtime': { args: ['--site', site] },
    'stats query': {
      args: [],
      stdin: JSON.stringify({
        site_id: site,
        metrics: ['visitors', 'pageviews'],
        date_range: '7d',
        dimensions: ['visit:source'],
      }),
    },
    'accounts list': { args: [], setup: [addWork()] },
    'accounts add': { args: ['work', '--base-url', sandbox.baseUrl, '--key-stdin'], stdin: sandbox.apiKey },
    'accounts use': { args: ['work'], setup: [addWork()] },
    'accounts remove': { args: ['work'], setup: [addWork()] },
    'accounts rotate': { args: ['work', '--key-stdin'], stdin: sandbox.apiKey, setup: [addWork()] },
    'accounts budget': { args: ['work', '--hourly', '300', '--daily', '5000'], setup: [addWork()] },
    // The sandbox is on loopback, so no consent is kept: the answer says so by leaving the field out.
    'accounts allow-insecure-http': { args: ['work'], setup: [addWork()] },
    // An export with one new account and the Demo one already there: one added, one kept as it was.
    'accounts import': { args: [join(root, 'accounts.json')] },
    'budget status': { args: [] },
    'queue inspect': { args: [] },
    'queue drain': { args: [] },
    'queue corrupt list': { args: [], files: corruptJobs },
    'queue corrupt delete': { args: ['--all'], files: corruptJobs },
    // Neither file reads as a job, so both stay with their reason: exit code 8 on both runs.
    'queue corrupt retry': { args: ['--all'], files: corruptJobs },
    'events template': { args: ['--site', site, '--name', 'Signup'] },
    'events send': {
      args: ['--data', JSON.stringify({ name: 'pageview', url: `https://${site}/` }), '--dry-run'],
    },
    // One good line, one bad: the bad lines are facts of their own (`invalid`), and the exit code is 8.
    'events import': { args: [join(root, 'events.ndjson'), '--dry-run'] },
    'sites list': { args: [] },
    // Every site of the env account and the Demo one, read at the frozen time.
    'sites overview': { args: [] },
    report: { args: ['--site', site, '--period', '7d'] },
    'report-schedule add': { args: ['--site', site, '--every', 'week', '--folder', root] },
    // A schedule already on file (its id is random when added), so list, remove and run name it.
    'report-schedule list': { args: [], files: schedules() },
    'report-schedule remove': { args: ['weekly-0000beef'], files: schedules() },
    'report-schedule run': { args: [], files: schedules() },
    'sites get': { args: [site] },
    'sites create': { args: ['new.example.com', '--dry-run'] },
    'sites update': { args: [site, '--new-domain', 'renamed.example.com', '--dry-run'] },
    'sites delete': { args: [site, '--dry-run'] },
    'sites reset': { args: [site, '--no-open'] },
    'goals list': { args: ['--site', site] },
    'goals add': { args: ['--site', site, '--event', 'Signup', '--dry-run'] },
    'goals remove': { args: ['1', '--site', site, '--dry-run'] },
    'props list': { args: ['--site', site] },
    'props add': { args: ['plan', '--site', site, '--dry-run'] },
    'props remove': { args: ['plan', '--site', site, '--dry-run'] },
    'shared-links create': { args: ['Friends', '--site', site, '--dry-run'] },
    'guests list': { args: ['--site', site] },
    'guests invite': { args: ['guest@example.com', '--role', 'viewer', '--site', site, '--dry-run'] },
    'guests remove': { args: ['guest@example.com', '--site', site, '--dry-run'] },
    status: { args: [] },
    doctor: { args: [] },
    // One request first, so the history has an exchange to show.
    'debug http': { args: [], setup: [{ args: ['sites', 'list', '--json'] }] },
    'annotations add': {
      args: ['--site', site, '--date', '2026-11-21', '--text', 'Campaign', '--kind', 'campaign'],
    },
    'annotations list': { args: ['--site', site], files: annotations() },
    'annotations remove': { args: ['a-0000beef'], files: annotations() },
    'imports list': { args: [], files: importHistory() },
    'imports show': { args: [], files: importHistory() },
    call: {
      args: ['--batch'],
      stdin: `${JSON.stringify({ call: 'sites.list', input: {} })}\nnot json\n`,
    },
  }
}

/**
 * What is measured differs from run to run: a duration, the skew between this clock (frozen) and the
 * server's Date header, the port the Demo account's in-process sandbox got, the pid of the process
 * that holds the queue's worker lock (each run is its own process). Everything else is the same
 * state at the same frozen time.
 */
function withoutMeasurements(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMeasurements)
  if (typeof value === 'string')
    return (
      value
        // A scheduled report's id is random when it is added.
        .replace(/^(weekly|monthly)-(?!0000beef)[0-9a-f]{8}$/, '$1-<id>')
        // So is an annotation's (a- and ten hex digits).
        .replace(/^a-[0-9a-f]{10}$/, 'a-<id>')
        .replace(/\b\d+ ms\b/g, '<n> ms')
        .replace(/\b[\d.]+ s (ahead of|behind)\b/g, '<n> s $1')
        .replace(/127\.0\.0\.1:(\d+)/g, (address, port: string) =>
          sandbox.baseUrl.endsWith(`:${port}`) ? address : '127.0.0.1:<demo port>',
        )
    )
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === 'durationMs' || key === 'pid' ? '<n>' : withoutMeasurements(entry),
    ]),
  )
}

/** Runs the setup and the command in a fresh config folder at the same path, so both runs see one state. */
async function runFresh(configDir: string, path: string, run: Run, output: string[]): Promise<CliResult> {
  rmSync(configDir, { recursive: true, force: true })
  // Private, as the CLI makes it: a 0755 folder would be tightened with a warning on stderr.
  mkdirSync(configDir, { recursive: true, mode: 0o700 })
  const env = {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_NO_APP: '1',
    PLAUSIBLE_SECRET_STORE: 'file',
    PLAUSIBLE_FROZEN_TIME: now,
  }
  for (const [path, content] of Object.entries(run.files ?? {})) {
    mkdirSync(dirname(join(configDir, path)), { recursive: true, mode: 0o700 })
    writeFileSync(join(configDir, path), content, { mode: 0o600 })
  }
  for (const step of run.setup ?? []) {
    const result = await runCli(step.args, env, step.stdin)
    if (result.code !== 0) throw new Error(`setup ${step.args.join(' ')} failed: ${result.stderr}`)
  }
  return runCli([...path.split(' '), ...run.args, ...output], env, run.stdin)
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0, clock: () => Date.parse(now) })
  root = tempConfigDir()
  writeFileSync(
    join(root, 'events.ndjson'),
    `${JSON.stringify({ name: 'pageview', url: `https://${site}/pricing`, props: { plan: 'pro' } })}\nnot json\n`,
  )
  writeFileSync(
    join(root, 'accounts.json'),
    JSON.stringify({
      format: 'plausible-desktop/accounts',
      version: 1,
      exportedAt: now,
      defaultAccount: 'demo',
      accounts: [
        { alias: 'demo', baseUrl: 'builtin:sandbox', hourlyLimit: 600, isDefault: true, isDemo: true },
        { alias: 'work', baseUrl: sandbox.baseUrl, hourlyLimit: 600, isDefault: false },
      ],
    }),
  )
})
afterAll(() => sandbox.close())

describe('--compact', () => {
  it('is accepted by every command that prints a JSON result, and this test runs each of them', () => {
    const compactable = printsJson.filter((command) => !servers.includes(command.path))
    expect(
      compactable
        .filter((command) => !command.options.some((option) => option.long === '--compact'))
        .map((command) => command.path),
    ).toEqual([])
    expect(compactable.map((command) => command.path).sort()).toEqual(Object.keys(runs()).sort())
  })

  it.each(printsJson.map((command) => command.path).filter((path) => !servers.includes(path)))(
    'plausible %s prints the same facts with --json and with --json --compact',
    async (path) => {
      const run = runs()[path]
      if (!run) throw new Error(`no run for ${path}`)
      const configDir = join(root, path.replace(/ /g, '-'))
      const full = await runFresh(configDir, path, run, ['--json'])
      const compact = await runFresh(configDir, path, run, ['--json', '--compact'])
      expect(full.code, full.stderr).toBe(compact.code)
      expect(full.stdout.endsWith('\n') && compact.stdout.endsWith('\n')).toBe(true)
      const fullValue: unknown = JSON.parse(full.stdout)
      const compactValue: unknown = JSON.parse(compact.stdout)
      expect(withoutMeasurements(expandCompact(compactValue))).toEqual(
        withoutMeasurements(withoutNullFields(fullValue)),
      )
      // Fewer tokens, never more.
      expect(compact.stdout.length).toBeLessThanOrEqual(full.stdout.length)
    },
  )
})

describe('--compact without --json', () => {
  it('prints the compact JSON document, not a table', async () => {
    const run = runs().status!
    const configDir = join(root, 'compact-alone')
    const alone = await runFresh(configDir, 'status', run, ['--compact'])
    const withJson = await runFresh(configDir, 'status', run, ['--json', '--compact'])
    expect(alone.code, alone.stderr).toBe(0)
    expect(alone.stdout).toBe(withJson.stdout)
  })

  it('keeps the queue and app fields of status, and the bad lines of an import dry run', async () => {
    const status = JSON.parse(
      (await runFresh(join(root, 'status-fields'), 'status', runs().status!, ['--compact'])).stdout,
    ) as Record<string, unknown>
    expect([status.queue, status.appRunning]).toEqual([
      { isDelivering: true, pending: 0, inFlight: 0, failed: 0 },
      false,
    ])
    const imported = await runFresh(join(root, 'import-fields'), 'events import', runs()['events import']!, [
      '--compact',
    ])
    expect(imported.code).toBe(8)
    expect((JSON.parse(imported.stdout) as { invalid: unknown }).invalid).toEqual([
      { line: 2, reason: 'not JSON' },
    ])
  })

  it('answers errors as the JSON envelope, like --json', async () => {
    const result = await runFresh(join(root, 'compact-error'), 'sites get', { args: ['nope.example.com'] }, [
      '--compact',
    ])
    expect(result.code).toBe(4)
    expect(result.stdout).toBe('')
    expect((JSON.parse(result.stderr) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })

  it('is refused with a table or CSV format, in one line naming both flags', async () => {
    const result = await runFresh(join(root, 'compact-csv'), 'status', { args: [] }, [
      '--compact',
      '--format',
      'csv',
    ])
    expect([result.code, result.stdout]).toEqual([2, ''])
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'USAGE',
        message: '--compact shapes JSON, and --format csv is not JSON.',
        hint: 'Use --compact alone (or with --json or --format ndjson), or drop it.',
      },
    })
  })
})
