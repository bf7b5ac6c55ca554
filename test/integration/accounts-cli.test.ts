// Every `plausible accounts` path, and the stats/budget/sandbox commands, spawned with a known key:
// nothing the CLI prints and nothing it writes outside the secret store may contain that key.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/core/core'
import { controlSocketPath } from '../../src/core/paths'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { sandboxKeys } from '../../src/core/sandbox/auth'
import { serveControlSocket } from '../../src/core/transport/control-socket-server'
import { cliPath, runCli, startCli, type CliResult } from '../helpers/spawn-cli'

// Seed 7, so the key differs from the one `plausible sandbox` (seed 42) prints on purpose.
const seed = 7
const knownKey = sandboxKeys(seed).demo.key
const otherKey = sandboxKeys(seed).statsOnly.key
const wrongKey = 'wrongKey-0123456789abcdefghijklmnopqrstuvwxyz'
/** The key without its first and last four characters: what a mask must never reveal. */
const secretsOf = (key: string) => [key, key.slice(4, -4)]
const forbidden = [...secretsOf(knownKey), ...secretsOf(otherKey), ...secretsOf(wrongKey)]

let sandbox: RunningSandbox
let echo: Server
let echoUrl: string
let site: string

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
  sandbox = await startSandbox({ seed })
  site = sandbox.sites[0]!.domain
  // A proxy that quotes the Authorization header back in its error body.
  echo = createServer((req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        error: `Invalid API key. You sent authorization: ${req.headers.authorization ?? ''}`,
      }),
    )
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
})
afterAll(async () => {
  await sandbox.close()
  await new Promise<void>((resolve) => echo.close(() => resolve()))
})

/** Every file under the config dir except the secret store, as text. */
function writtenFiles(configDir: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (relative(configDir, path) === 'secrets') continue
      const stats = statSync(path)
      if (stats.isDirectory()) walk(path)
      else if (stats.isFile()) files.push({ path, text: readFileSync(path, 'latin1') })
    }
  }
  walk(configDir)
  return files
}

function expectNoKey(label: string, text: string): void {
  for (const secret of forbidden) expect(text.includes(secret), `${label} contains a key`).toBe(false)
}

interface Step {
  args: string[]
  stdin?: string
  env?: Record<string, string>
  code: number
}

async function runSteps(steps: Step[], env: Record<string, string>): Promise<CliResult[]> {
  const results: CliResult[] = []
  for (const step of steps) {
    const result = await runCli(step.args, { ...env, ...step.env }, step.stdin)
    const label = `plausible ${step.args.join(' ')}`
    expect(result.code, `${label}\n${result.stdout}\n${result.stderr}`).toBe(step.code)
    expectNoKey(`${label} stdout`, result.stdout)
    expectNoKey(`${label} stderr`, result.stderr)
    results.push(result)
  }
  return results
}

function accountSteps(baseUrl: string): Step[] {
  const add = ['accounts', 'add', 'work', '--base-url', baseUrl, '--key-stdin']
  return [
    { args: add, stdin: `${knownKey}\n`, code: 0 },
    { args: [...add, '--json'], stdin: knownKey, code: 2 }, // ACCOUNT_EXISTS
    { args: ['accounts', 'add', 'bad', '--base-url', baseUrl, '--key-stdin'], stdin: wrongKey, code: 3 },
    {
      args: ['accounts', 'add', 'bad', '--base-url', baseUrl, '--key-stdin', '--json'],
      stdin: wrongKey,
      code: 3,
    },
    { args: ['accounts', 'add', 'echo', '--base-url', echoUrl, '--key-stdin'], stdin: knownKey, code: 3 },
    {
      args: ['accounts', 'add', 'echo', '--base-url', echoUrl, '--key-stdin', '--json'],
      stdin: knownKey,
      code: 3,
    },
    { args: ['accounts', 'add', 'flag', '--key', knownKey], code: 2 },
    { args: ['accounts', 'add', 'flag', `--key=${knownKey}`, '--json'], code: 2 },
    { args: ['accounts', 'add', 'nokey'], code: 2 },
    { args: ['accounts', 'add', 'short', '--key-stdin', '--no-verify'], stdin: 'abc', code: 2 },
    {
      args: [
        'accounts',
        'add',
        'spare',
        '--base-url',
        baseUrl,
        '--key-stdin',
        '--no-verify',
        '--daily-cap',
        '50',
      ],
      stdin: otherKey,
      code: 0,
    },
    { args: ['accounts', 'list'], code: 0 },
    { args: ['accounts', 'list', '--json'], code: 0 },
    { args: ['accounts', 'use', 'spare'], code: 0 },
    { args: ['accounts', 'use', 'missing', '--json'], code: 4 },
    { args: ['accounts', 'use', 'work', '--json'], code: 0 },
    { args: ['accounts', 'budget', 'work', '--hourly', '300', '--daily', '3000'], code: 0 },
    { args: ['accounts', 'budget', 'work', '--clear', '--json'], code: 0 },
    { args: ['accounts', 'budget', 'work'], code: 2 },
    { args: ['accounts', 'export'], code: 0 },
    { args: ['accounts', 'rotate', 'work', '--key-stdin'], stdin: wrongKey, code: 3 },
    { args: ['accounts', 'rotate', 'work', '--key-stdin', '--json'], stdin: wrongKey, code: 3 },
    { args: ['accounts', 'rotate', 'work', '--key', wrongKey], code: 2 },
    { args: ['accounts', 'rotate', 'work', '--key-stdin'], stdin: otherKey, code: 0 },
    { args: ['accounts', 'rotate', 'work', '--key-stdin', '--json'], stdin: knownKey, code: 0 },
    { args: ['stats', 'aggregate', '--site', site, '--period', '7d'], code: 0 },
    { args: ['stats', 'aggregate', '--site', site, '--period', '7d', '--json'], code: 0 },
    { args: ['stats', 'aggregate', '--site', 'not-mine.example', '--json'], code: 3 },
    { args: ['stats', 'realtime', '--site', site, '--account', 'work'], code: 0 },
    { args: ['stats', 'realtime', '--site', 'not-mine.example'], code: 3 },
    { args: ['stats', 'realtime', '--site', site, '--account', 'echo'], code: 4 },
    { args: ['budget', 'status', '--json'], code: 0 },
    { args: ['budget', 'status', '--account', 'work'], code: 0 },
    {
      args: ['stats', 'realtime', '--site', site],
      env: { PLAUSIBLE_API_KEY: knownKey, PLAUSIBLE_BASE_URL: baseUrl },
      code: 0,
    },
    {
      args: ['stats', 'realtime', '--site', site, '--json'],
      env: { PLAUSIBLE_API_KEY: wrongKey, PLAUSIBLE_BASE_URL: baseUrl },
      code: 3,
    },
    {
      args: ['stats', 'realtime', '--site', site],
      env: { PLAUSIBLE_API_KEY: knownKey, PLAUSIBLE_BASE_URL: echoUrl },
      code: 3,
    },
    {
      args: ['accounts', 'list', '--json'],
      env: { PLAUSIBLE_API_KEY: knownKey, PLAUSIBLE_BASE_URL: baseUrl },
      code: 0,
    },
    { args: ['accounts', 'remove', 'spare', '--purge-usage'], code: 0 },
    { args: ['accounts', 'remove', 'work', '--json'], code: 0 },
    { args: ['accounts', 'remove', 'work'], code: 4 },
  ]
}

// Each path is a spawned process (about half a second each), so the whole walk takes a while.
describe('a known key never shows up in output or written files', { timeout: 180_000 }, () => {
  it('in-process: every accounts, stats and budget path', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-hygiene-'))
    const env = {
      PLAUSIBLE_CONFIG_DIR: configDir,
      PLAUSIBLE_NO_APP: '1',
      PLAUSIBLE_SECRET_STORE: 'file',
      PLAUSIBLE_DEBUG: '1',
    }
    const results = await runSteps(accountSteps(sandbox.baseUrl), env)
    // The paths did what they say, so the grep covered real work.
    expect(results[0]!.stdout).toContain(
      `Key ${knownKey.slice(0, 4)}…${knownKey.slice(-4)} accepted by the server`,
    )
    expect(results[6]!.stderr).toContain('--key is not accepted')
    expect(results[4]!.stderr).toContain(`${knownKey.slice(0, 4)}…${knownKey.slice(-4)}`)
    const files = writtenFiles(configDir)
    expect(files.map((file) => relative(configDir, file.path))).toContain('config.json')
    for (const file of files) expectNoKey(file.path, file.text)
  })

  it('through the running app: the key travels once in the call input and comes back nowhere', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-hygiene-app-'))
    const warnings: string[] = []
    const core: Core = await openCore({
      configDir,
      env: { PLAUSIBLE_SECRET_STORE: 'file' },
      addDemoIfEmpty: true,
      onWarning: (message) => warnings.push(message),
    })
    const server = await serveControlSocket({ path: controlSocketPath(configDir), handlers: core.handlers })
    try {
      const steps = accountSteps(sandbox.baseUrl).filter((step) => !step.env)
      await runSteps(steps, { PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_DEBUG: '1' })
      expectNoKey('app warnings', warnings.join('\n'))
      for (const file of writtenFiles(configDir)) expectNoKey(file.path, file.text)
    } finally {
      await server.close()
      await core.close()
    }
  })

  it('plausible sandbox prints only its own demo keys, and --help paths print none', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-hygiene-sandbox-'))
    const running = await startCli<{ apiKey: string }>(['sandbox', '--port', '0', '--json'], {
      PLAUSIBLE_CONFIG_DIR: configDir,
    })
    expect(await running.stop()).toBe(0)
    expectNoKey('plausible sandbox --json', JSON.stringify(running.first))
    expect(running.first.apiKey).not.toBe(knownKey)
    await runSteps(
      [
        { args: ['sandbox', '--port', 'x'], code: 2 },
        { args: ['accounts', 'add', '--help'], code: 0 },
        { args: ['accounts', 'rotate', '--help'], code: 0 },
      ],
      { PLAUSIBLE_CONFIG_DIR: configDir },
    )
    for (const file of writtenFiles(configDir)) expectNoKey(file.path, file.text)
  })
})
