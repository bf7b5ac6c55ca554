// plausible queue inspect|drain spawned: the journal as JSON, a drain that delivers what an earlier run
// left, a --timeout that leaves an undeliverable job journaled (exit 8), and bad flags (exit 2).
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/core/core'
import { enqueueEvent } from '../../src/core/queue/event-sender'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

const site = 'shop.example.com'
let sandbox: RunningSandbox
let env: Record<string, string>
let configDir: string

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
})
afterAll(() => sandbox.close())
beforeEach(() => {
  configDir = tempConfigDir()
  env = {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_NO_APP: '1',
  }
})

/** Journals events as a crashed run would leave them: written, not delivered. */
async function journal(baseUrl: string, paths: string[]): Promise<void> {
  const core = await openCore({ configDir, env: { PLAUSIBLE_SECRET_STORE: 'file' }, deliverJournal: false })
  for (const path of paths)
    await enqueueEvent(core.queue, {
      account: 'env',
      payload: { baseUrl, event: { name: 'pageview', url: `https://${site}${path}` } },
    })
  await core.close()
}

describe('plausible queue drain', () => {
  it('delivers what an earlier run left journaled and prints the summary', async () => {
    await journal(sandbox.baseUrl, ['/left/1', '/left/2'])
    const before = sandbox.events().received
    const result = await runCli(['queue', 'drain', '--json'], env)
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      pending: 2,
      delivered: 2,
      failed: 0,
      remaining: 0,
      deliveredHere: true,
    })
    expect(sandbox.events().received).toBe(before + 2)
    expect(result.stderr).toBe('') // no progress bar when stderr is not a terminal
  })

  it('says so when nothing is journaled', async () => {
    const result = await runCli(['queue', 'drain'], env)
    expect([result.code, result.stdout]).toEqual([0, '0 of 0 jobs delivered\n'])
  })

  it('stops at --timeout with the undeliverable job still journaled, exit 8', async () => {
    await journal('http://127.0.0.1:9', ['/unreachable'])
    const result = await runCli(['queue', 'drain', '--timeout', '1', '--json'], env)
    expect(result.code).toBe(8)
    expect(JSON.parse(result.stdout)).toMatchObject({ pending: 1, delivered: 0, failed: 0, remaining: 1 })
  })

  it('exits 2 for a --timeout that is not a whole number', async () => {
    const result = await runCli(['queue', 'drain', '--timeout', 'soon'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--timeout takes a whole number of at least 1.')
  })
})

describe('plausible queue inspect', () => {
  it('shows a journaled job and the budget as JSON, and as CSV rows', async () => {
    await journal('http://127.0.0.1:9', ['/waiting'])
    const result = await runCli(['queue', 'inspect', '--json'], env)
    expect(result.code, result.stderr).toBe(0)
    const inspection = JSON.parse(result.stdout) as { pending: number; jobs: Array<{ kind: string }> }
    expect(inspection.pending).toBe(1)
    expect(inspection.jobs.map((job) => job.kind)).toEqual(['event'])
    const csv = await runCli(['queue', 'inspect', '--format', 'csv'], env)
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'id,kind,account,state,attempts,createdAt,nextAttemptAt,lastError',
    )
  })

  it('exits 2 for --limit 0', async () => {
    const result = await runCli(['queue', 'inspect', '--limit', '0'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--limit takes a whole number of at least 1.')
  })
})
