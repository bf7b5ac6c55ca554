// plausible metrics spawned (issue 18): the text parses with a real Prometheus text-format parser and its
// numbers are those of `budget status --json` and `queue inspect --json`; a scrape sends no request;
// --serve answers GET /metrics on loopback, refuses an address other machines reach unless allowed, and
// ends on SIGINT or SIGTERM with no process left.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/core/core'
import { tryAcquireFileLock } from '../../src/core/budget/file-lock'
import { enqueueEvent } from '../../src/core/queue/event-sender'
import type { BudgetSnapshot, QueueInspection } from '../../src/shared/contract/calls'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { parseMetrics } from '../helpers/prometheus'
import { runCli, startCli } from '../helpers/spawn-cli'

const site = 'shop.example.com'
const cli = useCliSandbox()
let releaseWorkerLock: (() => Promise<void>) | null = null
afterEach(async () => {
  await releaseWorkerLock?.()
  releaseWorkerLock = null
})

/**
 * Leaves what the app would have: a pinned site with a realtime sample a minute old, two events journaled
 * and one unreadable job file. The test process holds the journal's worker lock, so no CLI run delivers
 * the events while the counts are compared.
 */
async function seed(): Promise<void> {
  const core = await openCore({
    configDir: cli.configDir,
    env: { PLAUSIBLE_SECRET_STORE: 'file' },
    deliverJournal: false,
  })
  await core.handlers['pins.set']({ pins: [{ account: 'env', site }] })
  core.glance.history.record('env', site, 23, Date.now() - 60_000)
  for (const path of ['/a', '/b'])
    await enqueueEvent(core.queue, {
      account: 'env',
      payload: { baseUrl: cli.sandbox.baseUrl, event: { name: 'pageview', url: `https://${site}${path}` } },
    })
  await core.close()
  mkdirSync(join(cli.configDir, 'queue', 'corrupt'), { recursive: true })
  writeFileSync(join(cli.configDir, 'queue', 'corrupt', 'job-1.json.1700000000000'), '{"id":"job-1"')
  releaseWorkerLock = await tryAcquireFileLock(join(cli.configDir, 'queue', 'worker.lock'), {
    staleMs: Number.POSITIVE_INFINITY,
  })
  if (!releaseWorkerLock) throw new Error('the worker lock could not be taken')
}

const isGone = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return false
  } catch {
    return true
  }
}

describe('plausible metrics', () => {
  it('prints text a Prometheus parser reads, with the numbers of budget status and queue inspect', async () => {
    await seed()
    const spent = await runCli(['stats', 'aggregate', '--site', site, '--json'], cli.env)
    expect(spent.code, spent.stderr).toBe(0)

    const result = await runCli(['metrics'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const metrics = parseMetrics(result.stdout)
    const budget = JSON.parse(
      (await runCli(['budget', 'status', '--json'], cli.env)).stdout,
    ) as BudgetSnapshot
    const queue = JSON.parse(
      (await runCli(['queue', 'inspect', '--json'], cli.env)).stdout,
    ) as QueueInspection

    const env = { account: 'env' }
    expect(budget).toMatchObject({ account: 'env', usedThisHour: 1, thisHourBySource: { cli: 1 } })
    expect({
      limit: metrics.value('plausible_budget_hourly_limit', env),
      used: metrics.value('plausible_budget_used_this_hour', env),
      left: metrics.value('plausible_budget_remaining_this_hour', env),
      reserve: metrics.value('plausible_budget_reserve', env),
      cli: metrics.value('plausible_budget_used_this_hour_by_source', { account: 'env', source: 'cli' }),
      tray: metrics.value('plausible_budget_used_this_hour_by_source', { account: 'env', source: 'tray' }),
    }).toEqual({
      limit: budget.hourlyLimit,
      used: budget.usedThisHour,
      left: budget.remainingThisHour,
      reserve: budget.reservedForInteractive,
      cli: budget.thisHourBySource?.cli,
      tray: budget.thisHourBySource?.tray,
    })

    expect([queue.pending, queue.inFlight, queue.failed, queue.corrupt.files.length]).toEqual([2, 0, 0, 1])
    expect({
      waiting: metrics.value('plausible_queue_jobs', { state: 'waiting' }),
      inFlight: metrics.value('plausible_queue_jobs', { state: 'in-flight' }),
      failed: metrics.value('plausible_queue_jobs', { state: 'failed' }),
      corrupt: metrics.value('plausible_queue_corrupt_files'),
    }).toEqual({
      waiting: queue.pending - queue.inFlight,
      inFlight: queue.inFlight,
      failed: queue.failed,
      corrupt: queue.corrupt.files.length,
    })

    // The one request of stats aggregate, answered 200; no 429 seen.
    expect(metrics.histogram('plausible_http_request_duration_seconds')?.count).toBe(1)
    expect(metrics.value('plausible_http_recent_responses', { code: '200' })).toBe(1)
    expect(metrics.value('plausible_http_recent_429_responses')).toBe(0)
    expect(metrics.value('plausible_realtime_visitors', { account: 'env', site })).toBe(23)
  })

  it('costs no API request: the ledger and the request history are as they were', async () => {
    const before = parseMetrics((await runCli(['metrics'], cli.env)).stdout)
    const again = parseMetrics((await runCli(['metrics'], cli.env)).stdout)
    expect(before.value('plausible_budget_used_this_hour', { account: 'env' })).toBe(0)
    expect(again.value('plausible_budget_used_this_hour', { account: 'env' })).toBe(0)
    expect(again.histogram('plausible_http_request_duration_seconds')?.count).toBe(0)
  })

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '--serve answers GET /metrics on loopback and ends on %s with no process left',
    async (signal) => {
      const served = await startCli(['metrics', '--serve', '127.0.0.1:0'], cli.env, (line) => line)
      const url = /Serving metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(served.first)?.[1]
      expect(url, served.first).toBeDefined()
      const response = await fetch(url!)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
      const metrics = parseMetrics(await response.text())
      expect(metrics.value('plausible_budget_hourly_limit', { account: 'env' })).toBe(600)

      const exited = new Promise<number | null>((resolve) => served.child.once('exit', resolve))
      served.child.kill(signal)
      expect(await exited).toBe(0)
      expect(isGone(served.child.pid!)).toBe(true)
      await expect(fetch(url!)).rejects.toThrow()
    },
  )

  it('refuses to serve on an address other machines reach, naming the flag that allows it', async () => {
    const result = await runCli(['metrics', '--serve', '0.0.0.0:0'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('Refusing to serve metrics on 0.0.0.0')
    expect(result.stderr).toContain('--allow-non-loopback')
  })

  it('serves on 0.0.0.0 with --allow-non-loopback', async () => {
    const served = await startCli(
      ['metrics', '--serve', '0.0.0.0:0', '--allow-non-loopback'],
      cli.env,
      (line) => line,
    )
    const port = /:(\d+)\/metrics/.exec(served.first)?.[1]
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200)
    expect(await served.stop()).toBe(0)
  })

  it('names --serve when its address has no port', async () => {
    const result = await runCli(['metrics', '--serve', 'localhost'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--serve takes host:port')
  })
})
