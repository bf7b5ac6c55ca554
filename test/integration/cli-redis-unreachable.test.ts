// PLAUSIBLE_REDIS_URL pointing at a Redis that does not answer, spawned as a user meets it: requests of
// a real account are refused (nothing reaches the server) with an error that names Redis and the fix;
// the Demo account, counted in memory, keeps working.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'
import { freePort } from './budget-support'

let sandbox: RunningSandbox
let redisUrl: string
let env: Record<string, string>

/** How many requests `plausible debug http` recorded to this server. */
async function requestsTo(baseUrl: string): Promise<number> {
  const history = await runCli(['debug', 'http', '--json', '--limit', '50'], env)
  expect(history.code, history.stderr).toBe(0)
  const { exchanges } = JSON.parse(history.stdout) as { exchanges: Array<{ url: string }> }
  return exchanges.filter((exchange) => exchange.url.startsWith(baseUrl)).length
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox()
  const port = await freePort()
  redisUrl = `redis://127.0.0.1:${port}`
  env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_NO_APP: '1', PLAUSIBLE_SECRET_STORE: 'file' }
  const add = await runCli(
    ['accounts', 'add', 'team', '--base-url', sandbox.baseUrl, '--key-stdin', '--default'],
    env,
    sandbox.apiKey,
  )
  expect(add.code, add.stderr).toBe(0)
})

afterAll(async () => {
  await sandbox?.close()
})

describe('a shared budget whose Redis does not answer', () => {
  it('refuses stats and budget status with exit 7, naming Redis rather than the server, and sends nothing', async () => {
    const before = await requestsTo(sandbox.baseUrl)
    const withRedis = { ...env, PLAUSIBLE_REDIS_URL: redisUrl }
    const port = redisUrl.split(':').at(-1)
    const message = `error: The shared budget in Redis at ${redisUrl} (PLAUSIBLE_REDIS_URL) did not answer: connect ECONNREFUSED 127.0.0.1:${port}. Nothing was sent.`
    const hint =
      "hint: Start that Redis server or fix PLAUSIBLE_REDIS_URL; or unset PLAUSIBLE_REDIS_URL to count this machine's requests on their own."
    for (const args of [
      ['stats', 'aggregate', '--site', 'shop.example.com', '--metric', 'visitors'],
      ['budget', 'status'],
    ]) {
      const result = await runCli(args, withRedis)
      expect([args.join(' '), result.code, result.stdout]).toEqual([args.join(' '), 7, ''])
      expect(result.stderr.split('\n').slice(0, 2)).toEqual([message, hint])
    }
    expect(await requestsTo(sandbox.baseUrl)).toBe(before)
  }, 30_000)

  it('leaves the Demo account working: it is counted in memory, never in Redis', async () => {
    const result = await runCli(
      [
        'stats',
        'aggregate',
        '--site',
        'shop.example.com',
        '--metric',
        'visitors',
        '--account',
        'demo',
        '--json',
      ],
      { ...env, PLAUSIBLE_REDIS_URL: redisUrl },
    )
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(JSON.parse(result.stdout)).toMatchObject({ metrics: { visitors: expect.any(Number) } })
  })
})
