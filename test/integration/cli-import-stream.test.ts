// `plausible events import` at wire speed, spawned: a file of a million lines is read as a stream (the
// peak memory of the process stays within a few MB of a small file's), reading waits for answers (the
// journal never holds more than maxUnanswered jobs while a server holds its requests, and 8 requests
// are open at once), a 429 or 503 with Retry-After holds every event until then, batch edges lose and
// repeat nothing, events spend none of the key's Stats budget, and the progress bar ends exact.
import { spawn, spawnSync } from 'node:child_process'
import { openSync, readdirSync, readFileSync, statSync, writeSync, closeSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firstBatchSize, importBatchSize, maxUnanswered } from '../../src/cli/commands/events/import-action'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { startEventsServer, type EventsServer } from '../helpers/events-server'
import { cliEnv, cliPath, runCli, tempConfigDir, watchCli } from '../helpers/spawn-cli'

const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const cli = useCliSandbox({ mode: 'ce' })
const site = 'shop.example.com'

/** An NDJSON file of `count` pageviews, written in pieces (a million lines never sit in this process). */
function eventFile(dir: string, name: string, count: number, path = (line: number) => `/p/${line}`): string {
  const file = join(dir, name)
  const fd = openSync(file, 'w')
  let lines: string[] = []
  for (let line = 1; line <= count; line += 1) {
    lines.push(JSON.stringify({ name: 'pageview', url: `https://${site}${path(line)}` }))
    if (lines.length === 10_000 || line === count) {
      writeSync(fd, `${lines.join('\n')}\n`)
      lines = []
    }
  }
  closeSync(fd)
  return file
}

/** Runs the CLI to its end, sampling its peak resident memory (VmHWM) while it runs; counts stdout lines. */
function runMeasured(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; peakKb: number; lines: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let peakKb = 0
    let lines = 0
    let stderr = ''
    const sample = (): void => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (match) peakKb = Math.max(peakKb, Number(match[1]))
      } catch {
        // Gone already.
      }
    }
    const timer = setInterval(sample, 20)
    child.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1
      sample()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(timer)
      resolve({ code, peakKb, lines, stderr })
    })
  })
}

/** Job files in one folder of the journal (temp files of writes under way aside). */
function jobsIn(configDir: string, folder: string): number {
  try {
    return readdirSync(join(configDir, 'queue', folder)).filter((name) => name.endsWith('.json')).length
  } catch {
    return 0
  }
}

describe.runIf(process.platform === 'linux')('a file of a million lines', () => {
  it('is read as a stream: it runs in a heap smaller than the file, and its peak memory grows by less than the file’s size over a 10,000-line file’s', async () => {
    const dir = tempConfigDir()
    const small = eventFile(dir, 'small.ndjson', 10_000)
    const large = eventFile(dir, 'large.ndjson', 1_000_000)
    const fileKb = statSync(large).size / 1024
    // A heap of 48 MB cannot hold the 62 MB file as one string, let alone its lines and requests: read
    // whole, the process dies out of memory. Streamed, the collector keeps the heap small, so the peak
    // is not left to how lazily V8 collects on a busy machine.
    const heapMb = 48
    expect(fileKb).toBeGreaterThan(heapMb * 1024)
    const env = {
      ...cli.env,
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      NODE_OPTIONS: `--max-old-space-size=${heapMb}`,
    }
    // --dry-run checks each line and prints each request: every line is read, checked and written out.
    const args = (file: string) => ['events', 'import', file, '--dry-run', '--ndjson']
    const smallRun = await runMeasured(args(small), env)
    const largeRun = await runMeasured(args(large), env)
    expect([smallRun.code, smallRun.lines, smallRun.stderr]).toEqual([0, 10_000, ''])
    expect([largeRun.code, largeRun.lines, largeRun.stderr]).toEqual([0, 1_000_000, ''])
    // Read whole, the 62 MB file alone, its lines and the requests made of them came to 1.3 GB.
    expect(largeRun.peakKb).toBeGreaterThan(0)
    expect(largeRun.peakKb - smallRun.peakKb).toBeLessThan(fileKb)
  }, 90_000)
})

describe('an import against a server that holds its requests', () => {
  let server: EventsServer
  beforeAll(async () => {
    server = await startEventsServer()
  })
  afterAll(() => server.close())

  it('journals at most maxUnanswered jobs and keeps 8 requests open, then delivers every line once', async () => {
    const configDir = tempConfigDir()
    const count = 3 * maxUnanswered
    const file = eventFile(configDir, 'held.ndjson', count)
    server.hold()
    const run = watchCli(['events', 'import', file, '--user-agent', browser, '--json'], {
      PLAUSIBLE_CONFIG_DIR: configDir,
      PLAUSIBLE_BASE_URL: server.baseUrl,
      PLAUSIBLE_API_KEY: 'not-needed-for-events',
      PLAUSIBLE_NO_APP: '1',
    })
    try {
      const journaled = (): number => jobsIn(configDir, 'pending') + jobsIn(configDir, 'sending')
      await expect.poll(journaled, { timeout: 30_000, interval: 50 }).toBe(maxUnanswered)
      await expect.poll(() => server.open(), { timeout: 10_000 }).toBe(8)
      // Held for a second longer: reading does not run ahead of the answers.
      for (let look = 0; look < 10; look += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        expect([journaled(), server.open()]).toEqual([maxUnanswered, 8])
      }
      server.release()
      await run.until(({ stdout }) => stdout.endsWith('\n'), 60_000)
    } finally {
      server.release()
      await run.kill()
    }
    expect(JSON.parse(run.output().stdout)).toEqual({
      file,
      events: count,
      queued: count,
      alreadyDelivered: 0,
      failedBefore: 0,
      delivered: count,
      failed: 0,
      possiblyRepeated: 0,
      invalid: [],
      // The run's record in the import history, the first of this file.
      importId: expect.stringMatching(/^imp-\d{8}T\d{9}Z-[0-9a-f]{6}$/),
      previousImportId: null,
    })
    const urls = server.received.map((event) => event.url)
    expect(new Set(urls).size).toBe(count)
    expect(urls).toHaveLength(count)
    expect(server.mostOpen()).toBe(8)
  }, 120_000)

  for (const [status, what] of [
    [429, 'a 429'],
    [503, 'a 503'],
  ] as const)
    it(`holds every event for ${what}'s Retry-After, then sends each once`, async () => {
      const configDir = tempConfigDir()
      const file = eventFile(configDir, 'slow-down.ndjson', 40)
      const from = server.received.length
      server.refuseNext(1, status, '2')
      const result = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], {
        PLAUSIBLE_CONFIG_DIR: configDir,
        PLAUSIBLE_BASE_URL: server.baseUrl,
        PLAUSIBLE_API_KEY: 'not-needed-for-events',
        PLAUSIBLE_NO_APP: '1',
      })
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ events: 40, delivered: 40, failed: 0 })
      const arrived = server.received.slice(from)
      const refused = arrived.findIndex((event) => event.status === status)
      const refusedAt = arrived[refused]!.at
      const later = arrived.slice(refused + 1).map((event) => event.at - refusedAt)
      // What was on its way when the answer came (at most the other 7 slots, twice over if they were
      // answered first) arrives at once; nothing else before the 2 s are up, the rest soon after.
      expect(later.filter((ms) => ms < 1_950).length).toBeLessThanOrEqual(14)
      const resumed = later.filter((ms) => ms >= 1_950)
      expect(resumed.length).toBeGreaterThanOrEqual(40 - 14)
      expect(Math.min(...resumed)).toBeLessThan(4_000)
      // The refused event is among the resumed ones: sent again, once.
      expect(arrived.filter((event) => event.url === arrived[refused]!.url)).toHaveLength(2)
      const accepted = arrived.filter((event) => event.status === 202).map((event) => event.url)
      expect([accepted.length, new Set(accepted).size]).toEqual([40, 40])
    }, 60_000)
})

describe('the account', () => {
  let server: EventsServer
  beforeAll(async () => {
    server = await startEventsServer()
  })
  afterAll(() => server.close())

  it('is resolved as events send resolves it: the Demo account with --base-url sends to that server', async () => {
    const configDir = tempConfigDir()
    const file = eventFile(configDir, 'demo.ndjson', 3, (line) => `/demo/${line}`)
    // A fresh machine: the Demo account only, no key in the environment.
    const env = { PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_NO_APP: '1' }
    const args = ['events', 'import', file, '--base-url', server.baseUrl, '--user-agent', browser, '--json']
    const result = await runCli(args, env)
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ events: 3, delivered: 3 })
    expect(server.received.map((event) => event.url).filter((url) => url.includes('/demo/'))).toEqual([
      `https://${site}/demo/1`,
      `https://${site}/demo/2`,
      `https://${site}/demo/3`,
    ])
  })
})

describe('batch edges', () => {
  // Batches end at 16, 32, 64, 128, 256, 512…: the first one's edge and the first full one's.
  for (const count of [firstBatchSize, firstBatchSize + 1, importBatchSize, importBatchSize + 1])
    it(`delivers each of ${count} lines once, with the bad lines around the edge counted exactly`, async () => {
      const dir = tempConfigDir()
      const file = join(dir, `edge-${count}.ndjson`)
      const lines = Array.from({ length: count }, (_, index) =>
        JSON.stringify({ name: 'pageview', url: `https://${site}/edge-${count}/${index + 1}` }),
      )
      // Two bad lines: one just before the batch's last good line, one after everything.
      lines.splice(count - 1, 0, '{"name":"pageview"}')
      lines.push('not json')
      writeFileSync(file, lines.join('\n'))
      const before = cli.sandbox.acceptedEvents().length
      const result = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], cli.env)
      expect(result.code).toBe(8)
      expect(JSON.parse(result.stdout)).toEqual({
        file,
        events: count + 2,
        queued: count,
        alreadyDelivered: 0,
        failedBefore: 0,
        delivered: count,
        failed: 0,
        possiblyRepeated: 0,
        invalid: [
          { line: count, reason: "domain: can't be blank; url: is required" },
          { line: count + 2, reason: 'not JSON' },
        ],
        importId: expect.stringMatching(/^imp-/),
        previousImportId: null,
      })
      const paths = cli.sandbox
        .acceptedEvents()
        .slice(before)
        .map((event) => event.pathname)
      expect([paths.length, new Set(paths).size]).toEqual([count, count])
      // Again: nothing is sent twice.
      const again = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], cli.env)
      expect(JSON.parse(again.stdout)).toMatchObject({ queued: 0, alreadyDelivered: count, delivered: 0 })
      expect(cli.sandbox.acceptedEvents().length - before).toBe(count)
    }, 60_000)

  it('reads a CSV of quoted multi-line cells across the pieces it is read in, numbering every row', async () => {
    const dir = tempConfigDir()
    const file = join(dir, 'multi-line.csv')
    // ~90 KB: rows cross the first 64 KiB read, each with a doubled quote and a line break in a cell.
    const rows = Array.from(
      { length: 1_500 },
      (_, index) => `Signup,https://${site}/multi/${index + 1},"said ""hi""\nthen left"`,
    )
    writeFileSync(file, ['name,url,props.note', ...rows].join('\r\n'))
    const result = await runCli(['events', 'import', file, '--dry-run', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const out = JSON.parse(result.stdout) as {
      events: number
      invalid: unknown[]
      requests: Array<{ line: number; body: { url: string; props: { note: string } } }>
    }
    expect([out.events, out.invalid, out.requests.length]).toEqual([1_500, [], 1_500])
    // Row n starts on line 2n: the header is line 1 and every row spans two lines.
    expect(out.requests.filter((request, index) => request.line !== 2 * (index + 1))).toEqual([])
    expect(new Set(out.requests.map((request) => request.body.props.note))).toEqual(
      new Set(['said "hi"\nthen left']),
    )
    expect(out.requests.at(-1)?.body.url).toBe(`https://${site}/multi/1500`)
  })
})

describe('the Stats budget', () => {
  it('is not spent by events: an import of 300 leaves the hour untouched', async () => {
    const dir = tempConfigDir()
    const file = eventFile(dir, 'budget.ndjson', 300, (line) => `/budget/${line}`)
    const result = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], cli.env)
    expect(JSON.parse(result.stdout)).toMatchObject({ delivered: 300 })
    const budget = await runCli(['budget', 'status', '--json'], cli.env)
    expect(JSON.parse(budget.stdout)).toMatchObject({ usedThisHour: 0, usedToday: 0 })
  })
})

const hasScript = spawnSync('script', ['--version']).status === 0

describe.runIf(hasScript)('the progress bar', () => {
  it('ends at every line of the file, bad ones included, never past it', async () => {
    const dir = tempConfigDir()
    const count = importBatchSize + 1
    const file = eventFile(dir, 'progress.ndjson', count, (line) => `/progress/${line}`)
    writeFileSync(file, `${readFileSync(file, 'utf8')}not json\n`)
    // `script` gives the CLI a terminal, where the bar is drawn (stdout and stderr merged).
    // One word: script(1) runs the command line through a shell.
    const run = watchCli(['events', 'import', file, '--user-agent', 'Mozilla/5.0'], cli.env, {
      wrapper: ['sh', '-c', 'exec script -qfec "$*" /dev/null', 'sh'],
    })
    try {
      await run.until(({ stdout }) => stdout.includes('events delivered now'), 60_000)
    } finally {
      await run.kill()
    }
    const drawn = [...run.output().stdout.matchAll(/\] (\d+)\/(\d+) events/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ])
    expect(drawn.at(-1)).toEqual([count + 1, count + 1])
    expect(drawn.filter(([done, total]) => done! > total!)).toEqual([])
    expect(run.output().stdout).toContain(
      `${count} of ${count + 1} events delivered now, 1 invalid lines skipped`,
    )
  }, 60_000)
})
