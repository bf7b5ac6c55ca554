// Acceptance: separate processes that share one key never cause a 429 between them — through
// usage.json on one machine, and through Redis across machines (two config dirs, one Redis).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'
import { startCountingProxy, startRedis, type CountingProxy, type RedisServer } from './budget-support'

// A fixed instant in the middle of an hour, for the sandbox and every worker: no hour boundary to race.
const frozenAt = '2026-03-02T10:20:00.000Z'
const resetsAt = '2026-03-02T11:00:00.000Z'
const hourlyLimit = 50

interface BatchLine {
  line: number
  result: { ok: true } | { ok: false; error: { code: string; details?: { resetsAt?: string } } }
}

let sandbox: RunningSandbox
let site: string

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
  sandbox = await startSandbox({ hourlyLimit, clock: () => Date.parse(frozenAt) })
  site = sandbox.sites[0]!.domain
})

afterAll(async () => {
  await sandbox.close()
})

/** `count` different reads (one day each), so neither the cache nor coalescing can merge them. */
function readCalls(first: number, count: number): string {
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(Date.UTC(2025, 0, 1 + first + index)).toISOString().slice(0, 10)
    return JSON.stringify({
      call: 'stats.query',
      input: { query: { site_id: site, metrics: ['visitors'], date_range: [day, day] } },
    })
  }).join('\n')
}

function parseLines(stdout: string): BatchLine[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as BatchLine)
}

async function askTogether(
  proxy: CountingProxy,
  workers: Array<{ first: number; count: number; env: Record<string, string> }>,
): Promise<{ lines: BatchLine[]; codes: Array<number | null> }> {
  const results = await Promise.all(
    workers.map((worker) =>
      runCli(
        ['call', '--batch', '--no-wait'],
        {
          PLAUSIBLE_BASE_URL: proxy.url,
          PLAUSIBLE_API_KEY: sandbox.apiKey,
          PLAUSIBLE_HOURLY_LIMIT: String(hourlyLimit),
          PLAUSIBLE_FROZEN_TIME: frozenAt,
          PLAUSIBLE_NO_APP: '1',
          ...worker.env,
        },
        readCalls(worker.first, worker.count),
      ),
    ),
  )
  return { lines: results.flatMap((result) => parseLines(result.stdout)), codes: results.map((r) => r.code) }
}

function expectExactlyTheBudget(proxy: CountingProxy, lines: BatchLine[]): void {
  const queries = proxy.forwarded.filter((request) => request.path === '/api/v2/query')
  expect(queries).toHaveLength(hourlyLimit)
  expect(queries.filter((request) => request.status !== 200)).toEqual([])
  expect(lines).toHaveLength(80)
  expect(lines.filter((line) => line.result.ok)).toHaveLength(hourlyLimit)
  const refused = lines.filter((line) => !line.result.ok).map((line) => line.result)
  expect(refused).toHaveLength(30)
  for (const result of refused)
    expect(result).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED', details: { resetsAt } } })
}

describe('one key shared by separate processes', () => {
  it('lets three processes on one machine send exactly the 50 requests of the hour between them: no 429, the other 30 fail with the reset time', async () => {
    const proxy = await startCountingProxy(sandbox.baseUrl)
    const configDir = tempConfigDir()
    try {
      const env = { PLAUSIBLE_CONFIG_DIR: configDir }
      const { lines, codes } = await askTogether(proxy, [
        { first: 0, count: 27, env },
        { first: 27, count: 27, env },
        { first: 54, count: 26, env },
      ])
      expectExactlyTheBudget(proxy, lines)
      // Each process had refusals or not; none crashed: 0 (all answered) or 8 (some refused).
      for (const code of codes) expect([0, 8]).toContain(code)
      const usage = JSON.parse(readFileSync(join(configDir, 'usage.json'), 'utf8')) as {
        budgets: Record<string, { usedThisHour: number; hourStart: number }>
      }
      expect(Object.values(usage.budgets)).toEqual([
        expect.objectContaining({ usedThisHour: 50, hourStart: Date.parse('2026-03-02T10:00:00.000Z') }),
      ])
    } finally {
      await proxy.close()
    }
  })

  it('lets two processes with separate config dirs share the hour through one Redis: exactly 50 requests, no 429', async () => {
    // A second sandbox: the first one's counter for this key is already spent.
    const fresh = await startSandbox({ hourlyLimit, clock: () => Date.parse(frozenAt) })
    const proxy = await startCountingProxy(fresh.baseUrl)
    const redis: RedisServer = await startRedis()
    try {
      const { lines } = await askTogether(proxy, [
        {
          first: 0,
          count: 40,
          env: { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_REDIS_URL: redis.url },
        },
        {
          first: 40,
          count: 40,
          env: { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_REDIS_URL: redis.url },
        },
      ])
      expectExactlyTheBudget(proxy, lines)
    } finally {
      await redis.stop()
      await proxy.close()
      await fresh.close()
    }
  })
})
