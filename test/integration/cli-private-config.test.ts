// Private from the first run: every entry point (a CLI command, `plausible ui`) leaves the config folder
// 0700 and every file in it 0600, whoever wrote which file; a folder an older version or a hand made 0755
// is tightened, and doctor says so where it cannot be. Before, the folder was 0755 and config.json 0644
// until the app's control socket started.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { callPath, uiTokenHeader } from '../../src/shared/contract/http-route'
import { cliPath, runCli, startCli } from '../helpers/spawn-cli'

let sandbox: RunningSandbox

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
})
afterAll(() => sandbox.close())

/** A config folder that does not exist yet, two levels under a fresh temp folder. */
const freshConfigDir = (): string => join(mkdtempSync(join(tmpdir(), 'plausible-private-')), 'home', 'config')

/** Every entry under `dir` (itself as '.') with its kind and mode, sorted by path. */
function modes(dir: string): Record<string, string> {
  const seen: Record<string, string> = {}
  const walk = (path: string): void => {
    const info = lstatSync(path)
    const kind = info.isDirectory() ? 'dir' : info.isSocket() ? 'socket' : info.isFile() ? 'file' : 'other'
    seen[relative(dir, path) || '.'] = `${kind} ${(info.mode & 0o777).toString(8)}`
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(dir)
  return Object.fromEntries(Object.entries(seen).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** Anything group or others could open: the failing entries, with their modes. */
function openToOthers(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(modes(dir)).filter(([, kindMode]) => {
      const [kind, mode] = kindMode.split(' ')
      return kind === 'dir' ? mode !== '700' : mode !== '600'
    }),
  )
}

const journalFolders = {
  queue: 'dir 700',
  'queue/corrupt': 'dir 700',
  'queue/done': 'dir 700',
  'queue/failed': 'dir 700',
  'queue/pending': 'dir 700',
  'queue/possibly-delivered': 'dir 700',
  // When the journal was last pruned: the first process that takes it does.
  'queue/pruned-at': 'file 600',
  'queue/sending': 'dir 700',
}

describe.runIf(process.platform !== 'win32')('a fresh config folder', () => {
  it('is 0700 with config.json 0600 after `plausible status`', async () => {
    const dir = freshConfigDir()
    const result = await runCli(['status'], { PLAUSIBLE_CONFIG_DIR: dir })
    expect(result.code, result.stderr).toBe(0)
    expect(modes(dir)).toEqual({ '.': 'dir 700', 'config.json': 'file 600', ...journalFolders })
  })

  it('keeps every file 0600 and every folder 0700 after an account, a key file, reads and an event', async () => {
    const dir = freshConfigDir()
    const env = { PLAUSIBLE_CONFIG_DIR: dir, PLAUSIBLE_SECRET_STORE: 'file', PLAUSIBLE_NO_APP: '1' }
    const add = await runCli(
      ['accounts', 'add', 'local', '--base-url', sandbox.baseUrl, '--key-stdin'],
      env,
      sandbox.apiKey,
    )
    expect(add.code, add.stderr).toBe(0)
    for (const args of [
      ['stats', 'aggregate', '--site', 'shop.example.com', '--account', 'local'],
      [
        'events',
        'send',
        '--account',
        'local',
        '--data',
        '{"name":"pageview","url":"https://shop.example.com/"}',
      ],
    ]) {
      const result = await runCli(args, env)
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    }
    const pin = await runCli(
      ['call', '--batch'],
      env,
      `${JSON.stringify({ call: 'pins.set', input: { pins: [{ account: 'local', site: 'shop.example.com' }] } })}\n`,
    )
    expect(pin.code, pin.stderr).toBe(0)
    const seen = modes(dir)
    // What these commands write, each named so that a writer that forgets its mode is caught.
    for (const name of ['config.json', 'secrets/local.key', 'usage.json', 'http-history.json', 'glance.json'])
      expect(seen[name], name).toBe('file 600')
    expect(seen.secrets).toBe('dir 700')
    expect(Object.keys(seen).filter((name) => name.startsWith('queue/done/'))).toHaveLength(1)
    expect(openToOthers(dir)).toEqual({})
  })

  it('is private after `plausible ui` started, answered calls and stopped', async () => {
    const dir = freshConfigDir()
    const ui = await startCli<{ url: string; port: number }>(['ui', '--json', '--no-open'], {
      PLAUSIBLE_CONFIG_DIR: dir,
      PLAUSIBLE_SECRET_STORE: 'file',
    })
    try {
      const url = new URL(ui.first.url)
      const call = async (name: Parameters<typeof callPath>[0], input: unknown): Promise<unknown> => {
        const response = await fetch(new URL(callPath(name), url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [uiTokenHeader]: url.searchParams.get('token') ?? '',
          },
          body: JSON.stringify(input),
        })
        return response.json()
      }
      expect(
        await call('stats.query', {
          query: { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d' },
        }),
      ).toMatchObject({ ok: true })
      expect(await call('pins.set', { pins: [{ account: 'demo', site: 'shop.example.com' }] })).toMatchObject(
        {
          ok: true,
        },
      )
    } finally {
      expect(await ui.stop()).toBe(0)
    }
    const seen = modes(dir)
    expect(seen['.']).toBe('dir 700')
    expect(seen['config.json']).toBe('file 600')
    expect(seen['glance.json']).toBe('file 600')
    expect(openToOthers(dir)).toEqual({})
  })
})

describe.runIf(process.platform !== 'win32')('a config folder an older version left open', () => {
  it('is tightened by the next command: the folder 0700, its files 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-open-'))
    chmodSync(dir, 0o755)
    for (const name of ['config.json', 'usage.json', 'http-history.json']) {
      writeFileSync(join(dir, name), name === 'config.json' ? '{"accounts":[],"defaultAccount":null}' : '')
      chmodSync(join(dir, name), 0o644)
    }
    mkdirSync(join(dir, 'queue'), { mode: 0o755 })
    chmodSync(join(dir, 'queue'), 0o755)
    const result = await runCli(['accounts', 'list'], { PLAUSIBLE_CONFIG_DIR: dir })
    expect(result.code, result.stderr).toBe(0)
    expect(openToOthers(dir)).toEqual({})
    expect(modes(dir)).toMatchObject({
      '.': 'dir 700',
      'config.json': 'file 600',
      'usage.json': 'file 600',
      'http-history.json': 'file 600',
      queue: 'dir 700',
    })
  })

  it('is left alone and named by doctor when it is the home folder itself', async () => {
    const home = mkdtempSync(join(tmpdir(), 'plausible-home-'))
    chmodSync(home, 0o755)
    const result = await runCli(['doctor', '--json'], { HOME: home, PLAUSIBLE_CONFIG_DIR: home })
    const report = JSON.parse(result.stdout) as { checks: Array<{ check: string }> }
    expect(report.checks.find((check) => check.check === 'config-dir')).toEqual({
      check: 'config-dir',
      account: null,
      status: 'warn',
      message: `Other users can read ${home} (mode 755, your home folder).`,
      hint: 'Point PLAUSIBLE_CONFIG_DIR at a folder of its own (it holds the accounts, the usage ledger and the write journal).',
    })
    expect(modes(home)['.']).toBe('dir 755')
  })
})
