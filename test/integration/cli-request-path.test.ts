// What one read costs the CLI on its way to the answer (issue 14, "one request, no waste"): the request
// goes over node:http, so the command never loads Node's own fetch (undici: 70–200 ms on this machine,
// most of what the request cost a cold CLI), and the request history is appended to once, after the answer.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const cli = useCliSandbox({ hourlyLimit: 1_000 })
const recorder = resolve(__dirname, '../fixtures/record-node-fetch.mjs')

/** Runs the CLI with the recorder preloaded: its result, and whether it loaded Node's fetch. */
async function runRecording(args: string[], env: Record<string, string>) {
  const log = join(mkdtempSync(join(tmpdir(), 'plausible-fetch-log-')), 'fetch.json')
  const result = await runCli(args, {
    ...env,
    NODE_OPTIONS: `--import=${recorder}`,
    PLAUSIBLE_TEST_FETCH_LOG: log,
  })
  return { ...result, ...(JSON.parse(readFileSync(log, 'utf8')) as { isUndiciLoaded: boolean }) }
}

describe('plausible stats aggregate --json against a server', () => {
  it('answers without loading Node’s fetch, and leaves its one exchange in the request history', async () => {
    const site = cli.sandbox.sites[0]!.domain
    const result = await runRecording(
      ['stats', 'aggregate', '--site', site, '--period', '7d', '--json'],
      cli.env,
    )
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ site, metrics: { visitors: expect.any(Number) } })
    expect(result.isUndiciLoaded).toBe(false)
    // One JSON line per exchange, appended after the answer.
    const history = readFileSync(join(cli.configDir, 'http-history.json'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { process: string; method: string; url: string; status: number })
    expect(history.map(({ process, method, url, status }) => ({ process, method, url, status }))).toEqual([
      { process: 'cli', method: 'POST', url: `${cli.sandbox.baseUrl}/api/v2/query`, status: 200 },
    ])
    const usage = JSON.parse(readFileSync(join(cli.configDir, 'usage.json'), 'utf8')) as {
      budgets: Record<string, { usedThisHour: number }>
    }
    expect(Object.values(usage.budgets).map((budget) => budget.usedThisHour)).toEqual([1])
  })
})
