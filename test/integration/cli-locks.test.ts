// Locks that cannot wedge, spawned: a worker.lock or usage.json.lock left empty, torn or by a dead process
// (a crash, or a full disk between create and write) is taken over instead of waited on for good; a live
// holder is respected and named by `queue inspect` and `doctor`; a full disk leaves no lock behind, and
// the first command after it is freed delivers at once. Before, `events send` hung forever behind an empty
// worker.lock while `queue inspect` said "delivered by another process" and doctor said ok.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { smallDisk, type SmallDisk } from '../helpers/small-disk'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli, type RunOptions } from '../helpers/spawn-cli'

const site = 'shop.example.com'
const cli = useCliSandbox()

const workerLock = (): string => join(cli.configDir, 'queue', 'worker.lock')
/** A lock file as a crash left it, `ageMs` ago. */
function leaveLock(path: string, text: string, ageMs: number): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  const then = new Date(Date.now() - ageMs)
  utimesSync(path, then, then)
}
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number

/** `events send` of one pageview, killed after 20 s so a wedge fails the test instead of hanging it. */
async function sendEvent(path: string, options: RunOptions = {}, extraEnv = cli.env) {
  const started = performance.now()
  const result = await runCli(
    ['events', 'send', '--data', JSON.stringify({ name: 'pageview', url: `https://${site}${path}` })],
    extraEnv,
    undefined,
    { timeoutMs: 20_000, ...options },
  )
  return { ...result, ms: performance.now() - started }
}

describe('a worker.lock nobody holds', () => {
  it.each([
    ['empty', ''],
    ['torn', '{"pid":4'],
  ])('events send delivers at once past an %s worker.lock a crash left a minute ago', async (_, text) => {
    leaveLock(workerLock(), text, 60_000)
    const before = cli.sandbox.events().accepted
    const result = await sendEvent('/past-a-crash')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^accepted \(job send-[0-9a-f-]+\)\n$/)
    expect(result.ms).toBeLessThan(5_000)
    expect(cli.sandbox.events().accepted).toBe(before + 1)
    expect(existsSync(workerLock())).toBe(false)
  })

  it('events send delivers within seconds past an empty worker.lock just written (the grace, then a take-over)', async () => {
    leaveLock(workerLock(), '', 0)
    const result = await sendEvent('/past-a-fresh-crash')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^accepted \(job send-[0-9a-f-]+\)\n$/)
    // Grace (2 s) + one poll of the standby (2 s), not forever.
    expect(result.ms).toBeLessThan(8_000)
  })

  it('events send delivers at once past a worker.lock of a process that died', async () => {
    leaveLock(workerLock(), JSON.stringify({ pid: deadPid(), host: hostname(), at: 0, token: 'gone' }), 0)
    const result = await sendEvent('/past-a-dead-app')
    expect(result.code, result.stderr).toBe(0)
    expect(result.ms).toBeLessThan(5_000)
  })
})

describe('a worker.lock a live process holds', () => {
  const since = '2026-11-23T09:00:00.000Z'
  beforeEach(() => {
    // This test process stands for the app: alive, on this host.
    leaveLock(
      workerLock(),
      JSON.stringify({ pid: process.pid, host: hostname(), at: Date.parse(since), token: 'app' }),
      3_600_000,
    )
  })

  it('is respected, and queue inspect names the process that delivers', async () => {
    const json = await runCli(['queue', 'inspect', '--json'], cli.env)
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({
      isDelivering: false,
      worker: {
        lock: workerLock(),
        state: 'held',
        pid: process.pid,
        host: hostname(),
        since,
        reason: null,
      },
    })
    const text = await runCli(['queue', 'inspect'], cli.env)
    expect(text.stdout).toContain(
      `write jobs: 0 pending, 0 in flight, 0 failed (delivered by process ${process.pid} since ${since})\n`,
    )
  })

  it('is named by doctor as the one that delivers', async () => {
    const result = await runCli(['doctor', '--json'], { ...cli.env, PLAUSIBLE_API_KEY: '' })
    const report = JSON.parse(result.stdout) as { checks: Array<{ check: string }> }
    expect(report.checks.find((check) => check.check === 'queue-worker')).toEqual({
      check: 'queue-worker',
      account: null,
      status: 'ok',
      message: `The write journal is delivered by process ${process.pid} (since ${since}).`,
      hint: null,
    })
  })
})

describe('a worker.lock being written or cut short a moment ago', () => {
  it('is named by queue inspect and doctor instead of passing for a process that delivers', async () => {
    leaveLock(workerLock(), '', 0)
    const inspect = await runCli(['queue', 'inspect'], cli.env)
    expect(inspect.stdout).toContain(
      `write jobs: 0 pending, 0 in flight, 0 failed (${workerLock()} is being written or was cut short; if nobody holds it, it is taken over within seconds)\n`,
    )
    leaveLock(workerLock(), '', 0)
    const doctor = await runCli(['doctor', '--json'], { ...cli.env, PLAUSIBLE_API_KEY: '' })
    const report = JSON.parse(doctor.stdout) as { checks: Array<{ check: string }> }
    expect(report.checks.find((check) => check.check === 'queue-worker')).toEqual({
      check: 'queue-worker',
      account: null,
      status: 'warn',
      message: `${workerLock()} is being written, or was cut short a moment ago.`,
      hint: 'Run `plausible doctor` again in a few seconds; a lock nobody holds is taken over by the next command.',
    })
  })
})

describe('a usage.json.lock left empty', () => {
  it('does not hold a read up: the ledger takes it over after the grace', async () => {
    leaveLock(join(cli.configDir, 'usage.json.lock'), '', 60_000)
    const started = performance.now()
    const result = await runCli(['stats', 'aggregate', '--site', site, '--json'], cli.env, undefined, {
      timeoutMs: 20_000,
    })
    expect(result.code, result.stderr).toBe(0)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(existsSync(join(cli.configDir, 'usage.json.lock'))).toBe(false)
  })
})

describe('a full disk', () => {
  let disk: SmallDisk | null = null
  beforeAll(async () => {
    disk = await smallDisk()
  })
  afterAll(() => disk?.close())

  it('leaves no lock behind, and the first command after the disk is freed delivers at once', async (context) => {
    if (!disk) return context.skip()
    const dir = join(disk.dir, 'config')
    const onDisk = { ...cli.env, PLAUSIBLE_CONFIG_DIR: dir }
    // Room for the config folder, the probe and the lock's holder, not for the job.
    const first = await sendEvent('/before', disk.options, onDisk)
    expect(first.code, first.stderr).toBe(0)
    disk.fill(0)
    const full = await sendEvent('/full', disk.options, onDisk)
    expect(full.code).toBe(9)
    expect(full.stderr).toMatch(
      new RegExp(
        `^error: (The config folder ${dir} cannot be used|\\S+ \\([^)]+\\) in the config folder ${dir} cannot be written): the disk is full \\(ENOSPC\\)\\.\\n`,
      ),
    )
    // Nothing half-written: no lock, no temp file, no empty job.
    expect(disk.sh(`ls -A "${dir}/queue" "${dir}/queue/pending"`)).toBe(
      `${dir}/queue:\ncorrupt\ndone\nfailed\npending\npossibly-delivered\npruned-at\nsending\n\n${dir}/queue/pending:\n`,
    )
    disk.free()
    const before = cli.sandbox.events().accepted
    const after = await sendEvent('/after', disk.options, onDisk)
    expect(after.code, after.stderr).toBe(0)
    expect(after.ms).toBeLessThan(5_000)
    expect(cli.sandbox.events().accepted).toBe(before + 1)
  })

  const hint =
    'hint: Free some disk space, or point PLAUSIBLE_CONFIG_DIR at a folder you can write (for example PLAUSIBLE_CONFIG_DIR="$HOME/plausible-desktop").\n'
  const cases: Array<[number, string, (dir: string) => RegExp]> = [
    [
      0,
      'the folder (its write probe)',
      (dir) =>
        new RegExp(
          `^error: The config folder ${dir} cannot be used: the disk is full \\(ENOSPC\\)\\.\\n${escape(hint)}$`,
        ),
    ],
    [
      1,
      'the job of the write journal (the worker lock took the last page)',
      (dir) =>
        new RegExp(
          `^error: queue/pending/send-[0-9a-f-]+\\.json \\(the write journal\\) in the config folder ${dir} cannot be written: the disk is full \\(ENOSPC\\)\\.\\n${escape(hint)}$`,
        ),
    ],
    [
      2,
      // The history is appended to: one line fits in the room its file's last page has left.
      'nothing: the event is sent and its exchange appended to the request history',
      () => /^$/,
    ],
  ]

  it.for(cases)(
    'with %i page(s) left names %s, and leaves nothing half-written',
    async ([pages, , expected], context) => {
      if (!disk) return context.skip()
      const dir = join(disk.dir, `config-${pages}`)
      const onDisk = { ...cli.env, PLAUSIBLE_CONFIG_DIR: dir }
      const warmUp = await sendEvent('/warm-up', disk.options, onDisk)
      expect(warmUp.code, warmUp.stderr).toBe(0)
      disk.fill(pages)
      const result = await sendEvent(`/tight-${pages}`, disk.options, onDisk)
      disk.free()
      expect(result.code).toBe(pages < 2 ? 9 : 0)
      expect(result.stderr).toMatch(expected(dir))
      expect(disk.sh(`find "${dir}" -name '*.tmp' -o -name '*.lock' -o -empty -type f`)).toBe('')
      const after = await sendEvent(`/after-${pages}`, disk.options, onDisk)
      expect(after.code, after.stderr).toBe(0)
      expect(after.ms).toBeLessThan(5_000)
    },
  )
})
