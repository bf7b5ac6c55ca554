// The CLI spawned as a real process: real numbers from a real sandbox, exit codes, messages, the socket.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlausibleClient } from '../../src/core/api/client'
import { openCore, type Core } from '../../src/core/core'
import { controlSocketPath } from '../../src/core/paths'
import { serveControlSocket } from '../../src/core/transport/control-socket-server'
import { cliPath, runCli, startCli, tempConfigDir } from '../helpers/spawn-cli'

interface SandboxLine {
  baseUrl: string
  apiKey: string
  sites: Array<{ domain: string; timezone: string }>
}

let sandbox: Awaited<ReturnType<typeof startCli<SandboxLine>>>
let env: Record<string, string>
let site: string

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
  sandbox = await startCli<SandboxLine>(['sandbox', '--port', '0', '--json'], {
    PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
  })
  site = sandbox.first.sites[0]!.domain
  env = {
    PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    PLAUSIBLE_BASE_URL: sandbox.first.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.first.apiKey,
  }
})
afterAll(async () => {
  expect(await sandbox.stop()).toBe(0)
})

describe('plausible sandbox', () => {
  it('prints one JSON line with its base URL, a demo key and the seeded sites', () => {
    expect(sandbox.first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.first.apiKey.length).toBeGreaterThanOrEqual(16)
    expect(sandbox.first.sites.length).toBeGreaterThanOrEqual(2)
  })
})

describe('plausible stats aggregate', () => {
  it('prints the same numbers the server gives for the range', async () => {
    // 30d ends yesterday (plausible-api.md §4.2), so visits arriving meanwhile cannot change it.
    const result = await runCli(
      [
        'stats',
        'aggregate',
        '--site',
        site,
        '--period',
        '30d',
        '--metric',
        'visitors',
        '--metric',
        'pageviews',
        '--json',
      ],
      env,
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const printed = JSON.parse(result.stdout) as {
      site: string
      dateRange: [string, string]
      metrics: Record<string, number>
    }
    const direct = await createPlausibleClient({
      baseUrl: sandbox.first.baseUrl,
      apiKey: sandbox.first.apiKey,
    }).query({ site_id: site, metrics: ['visitors', 'pageviews'], date_range: '30d' })
    expect(printed.metrics).toEqual({
      visitors: direct.results[0]!.metrics[0],
      pageviews: direct.results[0]!.metrics[1],
    })
    expect(printed.metrics.visitors).toBeGreaterThan(0)
    expect(printed.site).toBe(site)
  })

  it('prints a table for people', async () => {
    const result = await runCli(['stats', 'aggregate', '--site', site, '--period', '7d'], env)
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^metric\s+value$/)
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([
      'metric',
      'visitors',
      'visits',
      'pageviews',
      'views_per_visit',
      'bounce_rate',
      'visit_duration',
    ])
  })

  it('applies --filter', async () => {
    const all = JSON.parse(
      (
        await runCli(
          ['stats', 'aggregate', '--site', site, '--period', '30d', '--metric', 'visits', '--json'],
          env,
        )
      ).stdout,
    )
    const some = JSON.parse(
      (
        await runCli(
          [
            'stats',
            'aggregate',
            '--site',
            site,
            '--period',
            '30d',
            '--metric',
            'visits',
            '--filter',
            'visit:device==Mobile',
            '--json',
          ],
          env,
        )
      ).stdout,
    )
    expect(some.metrics.visits).toBeGreaterThan(0)
    expect(some.metrics.visits).toBeLessThan(all.metrics.visits)
  })

  it('works on a fresh machine through the built-in Demo account, and stores no secret', async () => {
    const configDir = tempConfigDir()
    const result = await runCli(
      ['stats', 'aggregate', '--site', site, '--period', '7d', '--metric', 'visitors', '--json'],
      { PLAUSIBLE_CONFIG_DIR: configDir },
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).metrics.visitors).toBeGreaterThan(0)
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))
    expect(config).toEqual({
      accounts: [{ alias: 'demo', baseUrl: 'builtin:sandbox', hourlyLimit: 600, isDemo: true }],
      defaultAccount: 'demo',
    })
  })
})

describe('plausible stats realtime', () => {
  it('prints current visitors as a sentence and as JSON', async () => {
    const text = await runCli(['stats', 'realtime', '--site', site], env)
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`^\\d+ current visitors? on ${site.replace(/\./g, '\\.')}\\n$`))
    const json = await runCli(['stats', 'realtime', '--site', site, '--json'], env)
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['site', 'visitors'])
  })
})

describe('bad input gets a clear message and a non-zero exit code', () => {
  it('exits 2 for an unknown metric, naming the choices', async () => {
    const result = await runCli(['stats', 'aggregate', '--site', site, '--metric', 'visits_total'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Unknown metric. Choose from: visitors, visits')
    expect(result.stdout).toBe('')
  })

  it('exits 2 for a missing --site and for an unknown period, with a hint', async () => {
    const missing = await runCli(['stats', 'aggregate'], env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("required option '--site <domain>' not specified")
    const period = await runCli(['stats', 'aggregate', '--site', site, '--period', 'fortnight'], env)
    expect(period.code).toBe(2)
    expect(period.stderr).toContain('Invalid date range "fortnight"')
    expect(period.stderr).toContain('hint: Periods: day, 24h, 7d')
  })

  it('exits 2 for an unknown command', async () => {
    const result = await runCli(['stats', 'agregate'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("unknown command 'agregate'")
  })

  it('exits 3 with the server text for a refused key, and never prints the key', async () => {
    const wrongKey = 'wrongKEY-abcdefghijklmnop-1234567890'
    const result = await runCli(['stats', 'aggregate', '--site', site, '--json'], {
      ...env,
      PLAUSIBLE_API_KEY: wrongKey,
    })
    expect(result.code).toBe(3)
    const error = JSON.parse(result.stderr).error
    expect(error.code).toBe('AUTH_INVALID')
    expect(error.details.serverMessage).toMatch(/^Invalid API key or site ID\./)
    expect(result.stdout + result.stderr).not.toContain(wrongKey)
  })

  it('exits 3 for a site the key cannot read', async () => {
    const result = await runCli(['stats', 'realtime', '--site', 'not-mine.example'], env)
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(
      'error: The server refused the request for not-mine.example: either the API key is refused, or this key cannot see site not-mine.example (Plausible answers both with 401).',
    )
    expect(result.stderr).toContain('hint: Run `plausible sites list` to see the sites this key can see')
  })

  it('exits 7 when the server cannot be reached', async () => {
    const result = await runCli(['stats', 'realtime', '--site', site], {
      ...env,
      PLAUSIBLE_BASE_URL: 'http://127.0.0.1:9',
    })
    expect(result.code).toBe(7)
    expect(result.stderr).toContain('Could not reach http://127.0.0.1:9')
  })

  it('exits 5 once the server refuses with 429', async () => {
    const tiny = await startCli<SandboxLine>(['sandbox', '--port', '0', '--limit', '1', '--json'], {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    })
    try {
      const tinyEnv = {
        PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
        PLAUSIBLE_BASE_URL: tiny.first.baseUrl,
        PLAUSIBLE_API_KEY: tiny.first.apiKey,
      }
      expect((await runCli(['stats', 'realtime', '--site', site], tinyEnv)).code).toBe(0)
      const limited = await runCli(['stats', 'realtime', '--site', site], tinyEnv)
      expect(limited.code).toBe(5)
      expect(limited.stderr).toContain('limited to 1 requests per hour')
    } finally {
      await tiny.stop()
    }
  })

  it('exits 0 for --help and lists the commands', async () => {
    const result = await runCli(['--help'], env)
    expect(result.code).toBe(0)
    for (const command of ['stats', 'accounts', 'budget', 'sandbox', 'ui'])
      expect(result.stdout).toContain(command)
  })
})

describe('output formats', () => {
  it('writes CSV atomically to --output and nothing to stdout', async () => {
    const dir = tempConfigDir()
    const file = join(dir, 'stats.csv')
    const args = [
      'stats',
      'aggregate',
      '--site',
      site,
      '--period',
      '30d',
      '--metric',
      'visitors',
      '--metric',
      'visits',
    ]
    const result = await runCli([...args, '--format', 'csv', '--output', file], env)
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' })
    const json = JSON.parse((await runCli([...args, '--json'], env)).stdout)
    expect(readFileSync(file, 'utf8')).toBe(
      `metric,value\r\nvisitors,${json.metrics.visitors}\r\nvisits,${json.metrics.visits}\r\n`,
    )
    expect(readdirSync(dir)).toEqual(['stats.csv'])
  })

  it('explains an --output folder that does not exist, and writes nothing', async () => {
    const result = await runCli(['stats', 'realtime', '--site', site, '--output', '/nonexistent/x.json'], env)
    expect(result.code).toBe(9)
    expect(result.stderr).toContain(
      'Could not write --output /nonexistent/x.json: the folder /nonexistent does not exist (ENOENT); nothing was written.',
    )
  })
})

describe('--dry-run', () => {
  it('prints the exact request with the key masked, sends nothing and counts nothing', async () => {
    const tiny = await startCli<SandboxLine>(['sandbox', '--port', '0', '--limit', '1', '--json'], {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    })
    try {
      const key = tiny.first.apiKey
      const tinyEnv = {
        PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
        PLAUSIBLE_BASE_URL: tiny.first.baseUrl,
        PLAUSIBLE_API_KEY: key,
      }
      const args = ['stats', 'aggregate', '--site', site, '--period', '7d', '--metric', 'visitors']
      const text = await runCli([...args, '--dry-run'], tinyEnv)
      expect(text.code).toBe(0)
      expect(text.stdout.split('\n').slice(0, 2)).toEqual([
        `POST ${tiny.first.baseUrl}/api/v2/query`,
        'accept: application/json',
      ])
      expect(text.stdout).toContain(`authorization: Bearer ${key.slice(0, 4)}…${key.slice(-4)}`)
      expect(text.stdout).toContain('(dry run: nothing was sent)')
      const json = await runCli([...args, '--dry-run', '--json'], tinyEnv)
      expect(JSON.parse(json.stdout)).toMatchObject({
        dryRun: true,
        request: { method: 'POST', body: { site_id: site, metrics: ['visitors'], date_range: '7d' } },
      })
      expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toContain(key)
      // The sandbox allows one request this hour: it is still there after two dry runs.
      expect((await runCli(args, tinyEnv)).code).toBe(0)
      expect((await runCli(args, tinyEnv)).code).toBe(5)
    } finally {
      await tiny.stop()
    }
  })
})

describe('the budget by source', () => {
  it('counts an in-process request as the CLI’s and names the source in `budget status`', async () => {
    const own = { ...env, PLAUSIBLE_CONFIG_DIR: tempConfigDir() }
    const read = await runCli(['stats', 'realtime', '--site', site, '--json'], own)
    expect(read.code, read.stderr).toBe(0)
    const status = JSON.parse((await runCli(['budget', 'status', '--json'], own)).stdout) as {
      usedThisHour: number
      thisHourBySource: Record<string, number>
      hours: Array<{ bySource: Record<string, number> }>
    }
    expect(status.usedThisHour).toBe(1)
    expect(status.thisHourBySource).toEqual({ interactive: 0, cli: 1, background: 0, tray: 0 })
    expect(status.hours).toHaveLength(24)
    expect(status.hours.at(-1)?.bySource).toEqual(status.thisHourBySource)
    const text = await runCli(['budget', 'status'], own)
    expect(text.stdout).toContain('\nspent this hour: cli 1\n')
  })
})

describe('through the running app', () => {
  let core: Core
  let server: Awaited<ReturnType<typeof serveControlSocket>>
  let configDir: string

  beforeAll(async () => {
    configDir = tempConfigDir()
    core = await openCore({ configDir, env: {}, addDemoIfEmpty: true })
    // As the app serves it (src/main/control-socket.ts): at CLI priority.
    server = await serveControlSocket({
      path: controlSocketPath(configDir),
      handlers: core.handlersFor('cli'),
    })
  })
  afterAll(async () => {
    await server.close()
    await core.close()
  })

  it('sends the CLI through the app, which counts the request in its budget', async () => {
    const before = await core.handlers['budget.status']({})
    const result = await runCli(['stats', 'realtime', '--site', site, '--json'], {
      PLAUSIBLE_CONFIG_DIR: configDir,
    })
    expect(result.code).toBe(0)
    const after = await core.handlers['budget.status']({})
    expect(after.usedThisHour).toBe(before.usedThisHour + 1)
    expect(after.thisHourBySource?.cli).toBe((before.thisHourBySource?.cli ?? 0) + 1)
    expect(after.thisHourBySource?.interactive).toBe(before.thisHourBySource?.interactive)
    const status = JSON.parse(
      (await runCli(['budget', 'status', '--json'], { PLAUSIBLE_CONFIG_DIR: configDir })).stdout,
    )
    expect(status.usedThisHour).toBe(after.usedThisHour)
  })
})
