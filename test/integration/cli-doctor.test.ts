// `plausible status` and `plausible doctor` spawned as real processes against a sandbox started here.
import { createServer } from 'node:net'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

let sandbox: RunningSandbox
let env: Record<string, string>

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
  env = {
    PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_SECRET_STORE: 'file',
  }
})
afterAll(async () => {
  await sandbox.close()
})

interface Report {
  checks: Array<{
    check: string
    account: string | null
    status: string
    message: string
    hint: string | null
  }>
  ok: number
  warn: number
  fail: number
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('plausible doctor', () => {
  it('passes every check of a healthy account and exits 0', async () => {
    const result = await runCli(['doctor', '--account', 'env', '--json'], env)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as Report
    expect(
      report.checks.filter((check) => check.account === 'env').map(({ check, status }) => [check, status]),
    ).toEqual([
      ['reachability', 'ok'],
      ['clock', 'ok'],
      ['capabilities', 'ok'],
      ['budget', 'ok'],
    ])
    expect(report.checks.find((check) => check.check === 'capabilities')?.message).toBe(
      'This server has the Sites API. This key may create and change sites, goals, properties, shared links and guests. This server has Stats API v2.',
    )
    expect(report.checks.find((check) => check.check === 'config-file')).toMatchObject({ status: 'ok' })
    expect(report.fail).toBe(0)
  })

  it('prints one line per check with ok, warn or FAIL and a summary', async () => {
    const result = await runCli(['doctor', '--account', 'env'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^ok {4}reachability {3}env: http:\/\/127\.0\.0\.1:\d+ answered in \d+ ms\.$/m,
    )
    expect(result.stdout).toMatch(/^\d+ ok, \d+ warning\(s\), 0 failure\(s\)\.$/m)
  })

  it('fails the capabilities check of a refused key and exits 1', async () => {
    const result = await runCli(['doctor', '--account', 'env', '--json'], {
      ...env,
      PLAUSIBLE_API_KEY: 'wrong-key-0123456789abcdefghijkl',
    })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    expect(report.checks.find((check) => check.check === 'capabilities')).toMatchObject({
      status: 'fail',
      hint: 'Replace the key with `plausible accounts rotate env`.',
    })
  })

  it('fails reachability for a server nobody answers on and exits 1', async () => {
    const port = await closedPort()
    const result = await runCli(['doctor', '--account', 'env', '--json'], {
      ...env,
      PLAUSIBLE_BASE_URL: `http://127.0.0.1:${port}`,
    })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    expect(report.checks.find((check) => check.check === 'reachability')).toMatchObject({
      status: 'fail',
      hint: 'Check the network and the base URL of the account.',
    })
  })

  it('warns about an unreadable job file on every run, with its folder and what to do', async () => {
    const configDir = tempConfigDir()
    mkdirSync(join(configDir, 'queue', 'pending'), { recursive: true })
    writeFileSync(join(configDir, 'queue', 'pending', 'torn.json'), '{"id":"torn"')
    for (const run of [1, 2]) {
      const result = await runCli(['doctor', '--account', 'env', '--json'], {
        ...env,
        PLAUSIBLE_CONFIG_DIR: configDir,
      })
      const report = JSON.parse(result.stdout) as Report
      const [name] = readdirSync(join(configDir, 'queue', 'corrupt'))
      expect(
        report.checks.find((check) => check.check === 'queue-corrupt'),
        `run ${run}`,
      ).toEqual({
        check: 'queue-corrupt',
        account: null,
        status: 'warn',
        message: `1 job file(s) of the write journal could not be read and wait in ${join(configDir, 'queue', 'corrupt')}: ${name}.`,
        hint: 'Look inside; mend a file and run `plausible queue corrupt retry <name>` to send it, or drop it with `plausible queue corrupt delete <name>` (`--all` for every file).',
      })
    }
  })

  it('reports a config.json set aside on every later run, with the copy (0600) and how to restore it', async () => {
    const configDir = tempConfigDir()
    writeFileSync(join(configDir, 'config.json'), '{"accounts": [{"alias": "work", "baseUrl": ', {
      mode: 0o644,
    })
    const first = await runCli(['doctor', '--json'], { ...env, PLAUSIBLE_CONFIG_DIR: configDir })
    const [copy] = readdirSync(configDir).filter((name) => name.startsWith('config.json.corrupt-'))
    const path = join(configDir, copy ?? '')
    expect(first.stderr).toContain(`it was moved to ${path}`)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const second = await runCli(['doctor', '--json'], { ...env, PLAUSIBLE_CONFIG_DIR: configDir })
    expect(second.stderr).not.toContain('was moved to')
    for (const result of [first, second]) {
      const report = JSON.parse(result.stdout) as Report
      expect(report.checks.filter((check) => check.check === 'config-copy')).toEqual([
        {
          check: 'config-copy',
          account: null,
          status: 'warn',
          message: `A config.json that could not be read was set aside as ${path}; the accounts it held are not in the config now.`,
          hint: `Restore them with \`plausible accounts import "${path}"\` (mend the file by hand first if it is not JSON; keys stay in the key store by alias), then delete the copy.`,
        },
      ])
      expect(report.checks.find((check) => check.check === 'corrupt-files')).toBeUndefined()
    }
  })

  it('names an unknown account (exit 4)', async () => {
    const result = await runCli(['doctor', '--account', 'nobody'], { ...env, PLAUSIBLE_API_KEY: '' })
    expect(result.code).toBe(4)
    expect(result.stderr.split('\n')[0]).toMatch(/^error: .*nobody/)
  })
})

describe('plausible status', () => {
  it('shows each account with the budget left, the journal and that no app runs', async () => {
    const result = await runCli(['status', '--json'], env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      defaultAccount: 'env',
      accounts: [
        { alias: 'env', keySource: 'env', budget: { hourlyLimit: 600 } },
        { alias: 'demo', isDemo: true },
      ],
      queue: { pending: 0, inFlight: 0, failed: 0 },
      appRunning: false,
    })
  })

  it('prints one line per account and says the app is not running', async () => {
    const result = await runCli(['status'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      // The doctor checks above spent requests of this key, all from the CLI.
      /^env \(default\): \d+\/600 requests left this hour \(spent: cli \d+\), resets \d\d:00 UTC · http:\/\/127\.0\.0\.1:\d+$/m,
    )
    expect(result.stdout).toContain('Write journal: 0 pending (0 in flight), 0 failed.\n')
    expect(result.stdout).toContain('App: not running (commands run in this process).\n')
  })

  it('rejects an unknown flag (exit 2)', async () => {
    const result = await runCli(['status', '--verbose-please'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("unknown option '--verbose-please'")
  })
})
