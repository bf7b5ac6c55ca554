// plausible queue inspect|drain|corrupt spawned: the journal as JSON, a drain that delivers what an earlier
// run left, a --timeout that leaves an undeliverable job journaled (exit 8), a job a crash cut short shown
// possibly delivered, unreadable job files counted until deleted or retried, and bad flags (exit 2).
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/core/core'
import { enqueueEvent } from '../../src/core/queue/event-sender'
import { createJournal, prunedAtFileName, type JournalJob } from '../../src/core/queue/journal'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const site = 'shop.example.com'
const cli = useCliSandbox()

/** Journals events as a crashed run would leave them: written, not delivered. */
async function journal(baseUrl: string, paths: string[]): Promise<void> {
  const core = await openCore({
    configDir: cli.configDir,
    env: { PLAUSIBLE_SECRET_STORE: 'file' },
    deliverJournal: false,
  })
  for (const path of paths)
    await enqueueEvent(core.queue, {
      account: 'env',
      payload: { baseUrl, event: { name: 'pageview', url: `https://${site}${path}` } },
    })
  await core.close()
}

describe('plausible queue drain', () => {
  it('delivers what an earlier run left journaled and prints the summary', async () => {
    await journal(cli.sandbox.baseUrl, ['/left/1', '/left/2'])
    const before = cli.sandbox.events().received
    const result = await runCli(['queue', 'drain', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      pending: 2,
      delivered: 2,
      failed: 0,
      remaining: 0,
      deliveredHere: true,
    })
    expect(cli.sandbox.events().received).toBe(before + 2)
    expect(result.stderr).toBe('') // no progress bar when stderr is not a terminal
  })

  it('forgets day-old done jobs; a short command only while the journal holds at most 2,000 of them', async () => {
    await journal(cli.sandbox.baseUrl, ['/done-long-ago'])
    expect((await runCli(['queue', 'drain', '--json'], cli.env)).code).toBe(0)
    const done = join(cli.configDir, 'queue', 'done')
    const [file] = readdirSync(done)
    // Done two days ago: the next prune forgets it. 2,000 young done files beside it: 2,001 in all.
    const twoDaysAgo = (Date.now() - 2 * 86_400_000) / 1000
    utimesSync(join(done, file!), twoDaysAgo, twoDaysAgo)
    for (let index = 0; index < 2_000; index += 1) writeFileSync(join(done, `young-${index}.json`), '{}')
    const stats = async (): Promise<boolean> => {
      // No prune on record: one is due for every process.
      rmSync(join(cli.configDir, 'queue', prunedAtFileName), { force: true })
      const result = await runCli(['stats', 'aggregate', '--site', site, '--json'], cli.env)
      expect(result.code, result.stderr).toBe(0)
      return existsSync(join(done, file!))
    }
    expect(await stats()).toBe(true)
    rmSync(join(done, 'young-0.json'))
    expect(await stats()).toBe(false)
    // A process that runs longer prunes a journal of any size.
    for (let index = 0; index < 2_001; index += 1) writeFileSync(join(done, `old-${index}.json`), '{}')
    for (let index = 0; index < 2_001; index += 1)
      utimesSync(join(done, `old-${index}.json`), twoDaysAgo, twoDaysAgo)
    rmSync(join(cli.configDir, 'queue', prunedAtFileName), { force: true })
    expect((await runCli(['queue', 'drain', '--json'], cli.env)).code).toBe(0)
    expect(readdirSync(done).filter((name) => name.startsWith('old-'))).toEqual([])
  })

  it('says so when nothing is journaled', async () => {
    const result = await runCli(['queue', 'drain'], cli.env)
    expect([result.code, result.stdout]).toEqual([0, '0 of 0 jobs delivered\n'])
  })

  it('stops at --timeout with the undeliverable job still journaled, exit 8', async () => {
    await journal('http://127.0.0.1:9', ['/unreachable'])
    const result = await runCli(['queue', 'drain', '--timeout', '1', '--json'], cli.env)
    expect(result.code).toBe(8)
    expect(JSON.parse(result.stdout)).toMatchObject({ pending: 1, delivered: 0, failed: 0, remaining: 1 })
  })

  it('exits 2 for a --timeout that is not a whole number', async () => {
    const result = await runCli(['queue', 'drain', '--timeout', 'soon'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--timeout takes a whole number of at least 1.')
  })
})

describe('plausible queue inspect', () => {
  it('shows a journaled job and the budget as JSON, and as CSV rows', async () => {
    await journal('http://127.0.0.1:9', ['/waiting'])
    const result = await runCli(['queue', 'inspect', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const inspection = JSON.parse(result.stdout) as { pending: number; jobs: Array<{ kind: string }> }
    expect(inspection.pending).toBe(1)
    expect(inspection.jobs.map((job) => job.kind)).toEqual(['event'])
    const csv = await runCli(['queue', 'inspect', '--format', 'csv'], cli.env)
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'id,kind,account,state,attempts,createdAt,nextAttemptAt,lastError,possiblyDelivered',
    )
  })

  it('exits 2 for --limit 0', async () => {
    const result = await runCli(['queue', 'inspect', '--limit', '0'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--limit takes a whole number of at least 1.')
  })
})

/** A job of the journal, as a process writes it. */
function eventJob(id: string, baseUrl: string, path: string): JournalJob {
  return {
    id,
    kind: 'event',
    account: 'env',
    payload: { baseUrl, event: { name: 'pageview', url: `https://${site}${path}` } },
    createdAt: Date.parse('2026-11-23T10:15:00Z'),
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
  }
}

describe('a send a crash cut short', () => {
  it('is shown possibly delivered by queue inspect, as a flag and a count', async () => {
    // What a process killed between the request and the acknowledgement leaves: the job marked as being sent.
    const journal = createJournal({ dir: join(cli.configDir, 'queue') })
    await journal.add(eventJob('cut-short', 'http://127.0.0.1:9', '/cut'))
    await journal.markSending('cut-short')
    const result = await runCli(['queue', 'inspect', '--json'], cli.env)
    expect(result.code, result.stderr).toBe(0)
    const inspection = JSON.parse(result.stdout) as {
      possiblyDelivered: number
      jobs: Array<{ id: string; possiblyDelivered: boolean }>
    }
    expect(inspection.possiblyDelivered).toBe(1)
    expect(inspection.jobs.map((job) => [job.id, job.possiblyDelivered])).toEqual([['cut-short', true]])
    expect(result.stderr).toContain(
      'warning: 1 write job(s) were cut short by a crash after their request may have left; they are sent again and may arrive twice (see plausible queue inspect).',
    )
    const text = await runCli(['queue', 'inspect'], cli.env)
    expect(text.stdout).toContain(
      'possibly delivered twice: 1 job(s) in the last day — a crash cut their send short, so they were sent again (the Events API cannot tell a repeat)\n',
    )
    expect(text.stdout).toMatch(/^cut-short +event +env +(waiting|in-flight) \(possibly delivered\) /m)
  })
})

describe('unreadable job files', () => {
  /** A job file torn by a disk error, as the next process finds it. */
  function tornJob(id: string): void {
    mkdirSync(join(cli.configDir, 'queue', 'pending'), { recursive: true })
    writeFileSync(join(cli.configDir, 'queue', 'pending', `${id}.json`), `{"id":"${id}","kind":"ev`)
  }
  const corruptFolder = (): string => join(cli.configDir, 'queue', 'corrupt')

  it('are counted by queue inspect on every run until deleted', async () => {
    tornJob('torn-1')
    for (const run of [1, 2]) {
      const result = await runCli(['queue', 'inspect', '--json'], cli.env)
      expect(result.code, `run ${run}: ${result.stderr}`).toBe(0)
      const { corrupt } = JSON.parse(result.stdout) as {
        corrupt: { folder: string; files: Array<{ jobId: string; path: string }> }
      }
      expect(corrupt.folder).toBe(corruptFolder())
      expect(corrupt.files.map((file) => file.jobId)).toEqual(['torn-1'])
    }
    const text = await runCli(['queue', 'inspect'], cli.env)
    expect(text.stdout).toContain(
      `unreadable job files: 1 in ${corruptFolder()} — see \`plausible queue corrupt list\`, then retry (once mended) or delete them\n`,
    )
    const [name] = readdirSync(corruptFolder())
    const deleted = await runCli(['queue', 'corrupt', 'delete', name ?? '', '--json'], cli.env)
    expect([deleted.code, JSON.parse(deleted.stdout)]).toEqual([
      0,
      { folder: corruptFolder(), deleted: [name] },
    ])
    const after = JSON.parse((await runCli(['queue', 'inspect', '--json'], cli.env)).stdout) as {
      corrupt: { files: unknown[] }
    }
    expect(after.corrupt.files).toEqual([])
  })

  it('are listed, kept when still unreadable, and sent once mended and retried', async () => {
    tornJob('torn-2')
    const list = await runCli(['queue', 'corrupt', 'list'], cli.env)
    expect(list.code, list.stderr).toBe(0)
    const [name = ''] = readdirSync(corruptFolder())
    expect(list.stdout).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')} +torn-2 +25 +\\d{4}-`, 'm'))
    const still = await runCli(['queue', 'corrupt', 'retry', '--all'], cli.env)
    expect(still.code).toBe(8)
    expect(still.stdout).toBe(
      `0 of 1 file(s) journaled again\n${name}: it is not valid JSON; mend ${join(corruptFolder(), name)} first\n`,
    )
    writeFileSync(
      join(corruptFolder(), name),
      JSON.stringify(eventJob('torn-2', cli.sandbox.baseUrl, '/mended')),
    )
    const before = cli.sandbox.events().received
    const retried = await runCli(['queue', 'corrupt', 'retry', name, '--json'], cli.env)
    expect(retried.code, retried.stderr).toBe(0)
    expect(JSON.parse(retried.stdout)).toEqual({
      folder: corruptFolder(),
      results: [{ name, result: 'queued', jobId: 'torn-2' }],
    })
    const drained = await runCli(['queue', 'drain', '--json'], cli.env)
    expect(drained.code, drained.stderr).toBe(0)
    expect(cli.sandbox.events().received - before).toBe(1)
    expect(readdirSync(corruptFolder())).toEqual([])
  })

  it('asks for names or --all before deleting (exit 2)', async () => {
    const result = await runCli(['queue', 'corrupt', 'delete'], cli.env)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe('error: queue corrupt delete needs file names or --all.')
  })
})
