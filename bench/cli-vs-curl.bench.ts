// What a cold `plausible stats aggregate --json` costs over the same request made by curl, both against
// one sandbox: the price of Node, the bundle, the core (ledger, journal, keychain lookup) and the budget
// bookkeeping per invocation. The goal is at most curl + 100 ms; the CLI's bare start-up has its own rows
// (cli-start-up.bench.ts).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, test } from 'vitest'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import { medianMs, recordGoal } from './goals'

const cli = resolve(__dirname, '../out/main/cli.js')
const site = 'shop.example.com'
const runs = 9
/** The goal: at most this much more than curl. */
const budgetMs = 100
let sandbox: RunningSandbox
let env: NodeJS.ProcessEnv
let body: string

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx electron-vite build\` first`)
  // curl ships in CI through .ci/run's apt list; a missing one must fail loudly, not measure nothing.
  await run('curl', ['--version'])
  sandbox = await startSandbox({ port: 0, hourlyLimit: 1_000_000 })
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PLAUSIBLE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'plausible-bench-curl-')),
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_HOURLY_LIMIT: '1000000',
    PLAUSIBLE_NO_APP: '1',
    NO_COLOR: '1',
  }
  // The very body the CLI sends for these flags (its --dry-run prints it), so both ask the same thing.
  const dryRun = await run(process.execPath, [cli, ...aggregateArgs, '--dry-run'])
  body = JSON.stringify((JSON.parse(dryRun) as { request: { body: unknown } }).request.body)
})

afterAll(() => sandbox.close())

const aggregateArgs = ['stats', 'aggregate', '--site', site, '--period', '30d', '--json']

// Asynchronous: the sandbox answers from this process's event loop, which a synchronous spawn would block.
async function run(command: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(command, args, { env, encoding: 'utf8' })).stdout
}

test('stats aggregate --json (cold CLI) vs curl making the same request', async () => {
  const times = await medianMs(runs, {
    subject: () => run(process.execPath, [cli, ...aggregateArgs]),
    baseline: () =>
      run('curl', [
        '-sS',
        '--fail',
        '-X',
        'POST',
        `${sandbox.baseUrl}/api/v2/query`,
        '-H',
        `Authorization: Bearer ${sandbox.apiKey}`,
        '-H',
        'Content-Type: application/json',
        '-d',
        body,
      ]),
  })
  const cliMs = times.subject
  const curlMs = times.baseline!
  console.log(
    `stats aggregate: the CLI takes ${(cliMs / curlMs).toFixed(1)}× curl's time (median ${cliMs.toFixed(0)} ms vs ${curlMs.toFixed(0)} ms of ${runs} runs each): +${(cliMs - curlMs).toFixed(0)} ms for Node, the bundle and the core`,
  )
  recordGoal({
    what: 'stats aggregate --json (cold CLI) vs curl',
    subject: { label: 'plausible stats aggregate --json', median: cliMs, runs },
    baseline: { label: 'curl POST /api/v2/query (same body)', median: curlMs, runs },
    unit: 'ms',
    goal: `≤ curl + ${budgetMs} ms`,
    met: cliMs - curlMs <= budgetMs,
    ratio: `+${(cliMs - curlMs).toFixed(0)} ms (${(cliMs / curlMs).toFixed(1)}×)`,
  })
})
