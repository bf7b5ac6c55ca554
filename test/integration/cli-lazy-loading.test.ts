// What the built CLI loads, command by command, seen from inside the spawned process (a preload records
// every package it requires and the source modules of the build files it loads): --version loads nothing
// but the entry; help, completion and the references load the command tree (commander bundled) and no core; a command loads its own
// action and what it uses — Redis only with a Redis URL, the sandbox only for the Demo account, the ui
// host only for `ui`, keytar never for a key kept in a file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { moduleLoadRecorder, runCliRecordingLoads, type ModuleLoads } from '../helpers/module-loads'
import { cliPath, runCli, startCli, tempConfigDir } from '../helpers/spawn-cli'
import { freePort } from './budget-support'

const coreModules = (loads: ModuleLoads): string[] =>
  loads.sources.filter((source) => source.startsWith('src/core/'))
const actionModules = (loads: ModuleLoads): string[] =>
  loads.sources.filter((source) => source.endsWith('-action.ts'))

const demoOnly = { PLAUSIBLE_NO_APP: '1' }
let sandbox: RunningSandbox
let realAccount: Record<string, string>

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
  // A real account whose key is kept in a 0600 file: stats reach this sandbox, not the Demo one.
  realAccount = {
    PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    PLAUSIBLE_NO_APP: '1',
    PLAUSIBLE_SECRET_STORE: 'file',
  }
  const add = await runCli(
    ['accounts', 'add', 'team', '--base-url', sandbox.baseUrl, '--key-stdin', '--default'],
    realAccount,
    sandbox.apiKey,
  )
  expect(add.code, add.stderr).toBe(0)
})

afterAll(() => sandbox?.close())

describe('plausible --version', () => {
  it('prints the version from the entry alone: no package, no command tree, no core', async () => {
    const result = await runCliRecordingLoads(['--version'], { PLAUSIBLE_CONFIG_DIR: tempConfigDir() })
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string
    }
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toMatch(
      new RegExp(`^${version.replaceAll('.', '\\.')} \\(([0-9a-f]{7,}|unknown)\\)\\n$`),
    )
    expect(result.loads.packages).toEqual([])
    expect(result.loads.buildFiles.filter((file) => !file.startsWith('chunks/rolldown-runtime-'))).toEqual([
      'cli.js',
      expect.stringMatching(/^chunks\/version-[\w-]+\.js$/),
    ])
    expect(result.loads.sources).toEqual([
      'src/cli/compile-cache.ts',
      'src/cli/index.ts',
      'src/cli/stdout-pipe.ts',
      'src/cli/version.ts',
    ])
  })

  it('prints what commander prints when it parses the flag (-V, or --version after another root flag)', async () => {
    const env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir() }
    const fast = await runCli(['--version'], env)
    for (const args of [['-V'], ['--verbose', '--version'], ['--json', '-V']]) {
      const result = await runCli(args, env)
      expect([args.join(' '), result.code, result.stdout, result.stderr]).toEqual([
        args.join(' '),
        0,
        fast.stdout,
        '',
      ])
    }
    // Commander's path really ran for those: it loaded the command tree.
    const parsed = await runCliRecordingLoads(['--verbose', '--version'], env)
    expect(parsed.loads.sources).toContain('src/cli/program.ts')
  })
})

describe('help, completion and the references', () => {
  it.each([
    [['--help']],
    [['help', 'stats', 'aggregate']],
    [['stats', '--help']],
    [['completion', 'bash']],
    [['help', '--examples']],
    [['prompt', 'examples', '--llm']],
  ])(
    'plausible %s loads the command tree (commander) and no other package, no core, no schema, no action',
    async (args) => {
      const result = await runCliRecordingLoads(args, { PLAUSIBLE_CONFIG_DIR: tempConfigDir() })
      expect([result.code, result.stderr]).toEqual([0, ''])
      expect(result.stdout.length).toBeGreaterThan(500)
      // commander is bundled into the build (electron.vite.config.ts): no other package, zod included.
      expect(result.loads.packages).toEqual(['commander'])
      expect(result.loads.sources).toContain('src/cli/program.ts')
      // Only where the config folder is (builtins alone, node:crypto on Windows only): every command's context names it.
      expect(coreModules(result.loads)).toEqual(['src/core/builtin-module.ts', 'src/core/paths.ts'])
      expect(actionModules(result.loads)).toEqual([])
      expect(result.loads.sources).not.toContain('src/shared/contract/calls.ts')
      expect(result.loads.sources).not.toContain('src/cli/log.ts')
    },
  )

  it('plausible prompt examples --llm --full loads zod for the output schemas, and still no core', async () => {
    const result = await runCliRecordingLoads(['prompt', 'examples', '--llm', '--full'], {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    })
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toContain('JSON output schema (--json):')
    expect(result.loads.packages).toContain('zod')
    for (const name of ['conf', 'ioredis', 'bottleneck', 'keytar', 'electron-store'])
      expect(result.loads.packages, name).not.toContain(name)
    expect(result.loads.sources).not.toContain('src/core/core.ts')
  })
})

describe('a command loads its own action and what it uses', () => {
  it('stats aggregate on the Demo account: its action, the core and the sandbox; no Redis, no keytar, no ui host', async () => {
    const result = await runCliRecordingLoads(
      ['stats', 'aggregate', '--site', 'shop.example.com', '--json'],
      {
        ...demoOnly,
        PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      },
    )
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['site', 'dateRange', 'metrics'])
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/stats/aggregate-action.ts'])
    expect(result.loads.sources).toEqual(
      expect.arrayContaining(['src/core/core.ts', 'src/core/sandbox/index.ts']),
    )
    for (const name of ['ioredis', 'keytar', 'electron-store'])
      expect(result.loads.packages, name).not.toContain(name)
    expect(result.loads.sources).not.toContain('src/core/transport/ui-host.ts')
    expect(result.loads.sources).not.toContain('src/core/budget/redis-ledger-store.ts')
    expect(result.loads.packages).not.toContain('@modelcontextprotocol/sdk')
  })

  it('stats aggregate on a real account with its key in a file: no sandbox, no keytar, no Redis', async () => {
    const result = await runCliRecordingLoads(
      ['stats', 'aggregate', '--site', 'shop.example.com', '--json'],
      realAccount,
    )
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/stats/aggregate-action.ts'])
    expect(result.loads.sources).toContain('src/core/core.ts')
    expect(result.loads.sources.filter((source) => source.startsWith('src/core/sandbox/'))).toEqual([])
    // Nor Node's modules it has no use for: commander's child_process (for executable subcommands, of
    // which there are none), perf_hooks (performance.now() for a duration) and crypto (a budget id's hash,
    // temp files' and locks' names).
    expect(result.loads.builtins).toContain('http')
    expect(
      result.loads.builtins.filter((name) => ['child_process', 'perf_hooks', 'crypto'].includes(name)),
    ).toEqual([])
    // Of the core's handlers, only the domain of the one call it makes (stats.query).
    expect(result.loads.sources.filter((source) => source.startsWith('src/core/handlers/'))).toEqual([
      'src/core/handlers/stats.ts',
    ])
    // Nor zod: config.json, usage.json, the period, the call's input and the answer all pass their
    // generated fast paths (src/shared/schema-fast-path), so no schema is built (scripts/lazy-zod.ts).
    for (const name of ['ioredis', 'keytar', 'electron-store', 'zod'])
      expect(result.loads.packages, name).not.toContain(name)
  })

  it.each([
    [['--period', '7x'], 'Invalid date range "7x": use day, 24h, Nd (7d, 30d…)'],
    [['--from', '2026-01-05', '--to', '2026-01-01'], 'The date range ends before it starts'],
  ])(
    'stats aggregate %j: the input its fast path refuses loads zod, whose schema words the error',
    async (flags, message) => {
      const result = await runCliRecordingLoads(
        ['stats', 'aggregate', '--site', 'shop.example.com', ...flags, '--json'],
        realAccount,
      )
      expect([result.code, result.stdout]).toEqual([2, ''])
      const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string } }
      expect(error.code).toBe('USAGE')
      expect(error.message).toContain(message)
      expect(result.loads.packages).toContain('zod')
    },
  )

  it('the first command in a fresh folder writes the Demo account with conf from its chunk, not node_modules', async () => {
    const configDir = tempConfigDir()
    const first = await runCliRecordingLoads(['accounts', 'list', '--json'], {
      ...demoOnly,
      PLAUSIBLE_CONFIG_DIR: configDir,
    })
    expect([first.code, first.stderr]).toEqual([0, ''])
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))).toMatchObject({
      accounts: [{ alias: 'demo', isDemo: true }],
      defaultAccount: 'demo',
    })
    expect(first.loads.buildFiles.filter((file) => /^chunks\/conf-[\w-]+\.js$/.test(file))).toHaveLength(1)
    expect(first.loads.packages).toContain('conf')
    expect(first.loads.required).not.toContain('conf')
    // The folder holds the Demo now: the next command only reads config.json, without conf.
    const next = await runCliRecordingLoads(['accounts', 'list', '--json'], {
      ...demoOnly,
      PLAUSIBLE_CONFIG_DIR: configDir,
    })
    const aliases = (stdout: string): string[] =>
      (JSON.parse(stdout) as { accounts: Array<{ alias: string }> }).accounts.map((account) => account.alias)
    expect([next.code, aliases(next.stdout)]).toEqual([0, aliases(first.stdout)])
    expect(next.loads.packages).not.toContain('conf')
  })

  it('events send on the Demo account: its action only; no Redis, no ui host', async () => {
    const result = await runCliRecordingLoads(
      ['events', 'send', '--data', '{"name":"pageview","url":"https://shop.example.com/"}', '--json'],
      { ...demoOnly, PLAUSIBLE_CONFIG_DIR: tempConfigDir() },
    )
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/events/send-action.ts'])
    for (const name of ['ioredis', 'keytar', 'electron-store'])
      expect(result.loads.packages, name).not.toContain(name)
    expect(result.loads.sources).not.toContain('src/core/transport/ui-host.ts')
  })

  it('ui: the ui host and the built dashboard beside out/main (out/renderer), on the Demo account', async () => {
    const recording = moduleLoadRecorder()
    const ui = await startCli<{ url: string }>(['ui', '--port', '0', '--json'], {
      ...demoOnly,
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      ...recording.env,
    })
    const page = await fetch(ui.first.url)
    expect([page.status, (await page.text()).includes('<div id="root">')]).toEqual([200, true])
    expect(await ui.stop()).toBe(0)
    const loads = recording.loads()
    expect(actionModules(loads)).toEqual(['src/cli/commands/ui-action.ts'])
    expect(loads.sources).toContain('src/core/transport/ui-host.ts')
    for (const name of ['ioredis', 'keytar', 'electron-store'])
      expect(loads.packages, name).not.toContain(name)
  })

  it('mcp: its action and the MCP SDK; --print-config neither the SDK nor the core', async () => {
    // stdin ends at once: the server starts, sees its client gone, and exits.
    const served = await runCliRecordingLoads(['mcp'], { ...demoOnly, PLAUSIBLE_CONFIG_DIR: tempConfigDir() })
    expect([served.code, served.stdout, served.stderr]).toEqual([0, '', ''])
    expect(actionModules(served.loads)).toEqual(['src/cli/commands/mcp-action.ts'])
    expect(served.loads.packages).toContain('@modelcontextprotocol/sdk')
    const printed = await runCliRecordingLoads(['mcp', '--print-config', 'cursor'], {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
    })
    expect([printed.code, printed.stderr]).toEqual([0, ''])
    expect(printed.loads.packages).toEqual(['commander'])
    expect(coreModules(printed.loads)).toEqual([
      'src/core/builtin-module.ts',
      'src/core/install/cli-launch.ts',
      'src/core/paths.ts',
    ])
  })

  it('imports list: its action and the history file reader; no core, no Redis, no keytar, no sandbox', async () => {
    const result = await runCliRecordingLoads(['imports', 'list', '--json'], realAccount)
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '{"imports":[]}\n', ''])
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/imports/imports-action.ts'])
    expect(result.loads.sources).not.toContain('src/core/core.ts')
    expect(result.loads.sources.filter((source) => source.startsWith('src/core/sandbox/'))).toEqual([])
    for (const name of ['ioredis', 'keytar', 'electron-store', 'bottleneck', '@modelcontextprotocol/sdk'])
      expect(result.loads.packages, name).not.toContain(name)
  })

  it('track --dry-run: its action and the privacy rules; no Redis, no keytar, no sandbox, no ui host, no MCP SDK', async () => {
    const result = await runCliRecordingLoads(
      ['track', '--site', 'shop.example.com', '--dry-run', '--', process.execPath, '-e', 'process.exit(3)'],
      realAccount,
    )
    expect(result.code, result.stderr).toBe(3)
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/track-action.ts'])
    expect(result.loads.sources.filter((source) => source.startsWith('src/core/sandbox/'))).toEqual([])
    expect(result.loads.sources).not.toContain('src/core/transport/ui-host.ts')
    for (const name of ['ioredis', 'keytar', 'electron-store', '@modelcontextprotocol/sdk'])
      expect(result.loads.packages, name).not.toContain(name)
  })

  it('metrics: its action and the core; without --serve no HTTP server, and no Redis, keytar, sandbox or MCP SDK', async () => {
    const result = await runCliRecordingLoads(['metrics'], realAccount)
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toContain('plausible_budget_hourly_limit{account="team"} 600\n')
    expect(actionModules(result.loads)).toEqual(['src/cli/commands/metrics-action.ts'])
    expect(result.loads.sources).toContain('src/core/core.ts')
    expect(result.loads.sources).not.toContain('src/core/metrics/metrics-server.ts')
    expect(result.loads.sources).not.toContain('src/core/transport/ui-host.ts')
    expect(result.loads.sources.filter((source) => source.startsWith('src/core/sandbox/'))).toEqual([])
    for (const name of ['ioredis', 'keytar', 'electron-store', '@modelcontextprotocol/sdk'])
      expect(result.loads.packages, name).not.toContain(name)
  })

  it('with PLAUSIBLE_REDIS_URL the shared budget loads ioredis (and the command meets that Redis)', async () => {
    const redisUrl = `redis://127.0.0.1:${await freePort()}`
    const result = await runCliRecordingLoads(['budget', 'status'], {
      ...realAccount,
      PLAUSIBLE_REDIS_URL: redisUrl,
    })
    // No Redis listens there: the command says so (exit 7), which proves it went through ioredis.
    expect(result.code).toBe(7)
    expect(result.stderr).toContain(`The shared budget in Redis at ${redisUrl}`)
    expect(result.loads.packages).toContain('ioredis')
    expect(result.loads.sources).toContain('src/core/budget/redis-ledger-store.ts')
  })
})

describe("Node's compile cache and the CLI's code cache", () => {
  it('are written under the per-user cache folder (XDG_CACHE_HOME) by a run, and used by the next', async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'plausible-cache-'))
    const env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), XDG_CACHE_HOME: cacheHome }
    const first = await runCli(['--help'], env)
    expect([first.code, first.stderr]).toEqual([0, ''])
    // Node keeps one folder per Node version and V8 flags, with the files it compiled after the entry
    // turned it on (the version, the code cache's set-up); the code cache one folder per V8, with every
    // file of the build compiled after those, as they were after the command ran.
    const nodeCache = join(cacheHome, 'plausible-desktop', 'compile-cache')
    const nodeEntries = readdirSync(nodeCache).flatMap((folder) => readdirSync(join(nodeCache, folder)))
    expect(nodeEntries.length).toBe(2)
    const codeCache = join(cacheHome, 'plausible-desktop', 'code-cache')
    const [tag] = readdirSync(codeCache)
    expect(tag).toBe(`${process.versions.v8}-${process.arch}`)
    const cacheFiles = () =>
      Object.fromEntries(
        readdirSync(join(codeCache, tag!)).map((name) => [
          name,
          statSync(join(codeCache, tag!, name)).mtimeMs,
        ]),
      )
    const written = cacheFiles()
    expect(Object.keys(written).length).toBeGreaterThan(3)
    // The same command again: the caches are read, none is written.
    const second = await runCli(['--help'], env)
    expect([second.code, second.stdout, second.stderr]).toEqual([0, first.stdout, ''])
    expect(cacheFiles()).toEqual(written)
    // Another command grows the caches of the files it shares with --help, once.
    const other = await runCli(['status', '--help'], env)
    expect([other.code, other.stderr]).toEqual([0, ''])
    const grown = cacheFiles()
    expect(
      Object.keys(grown).filter((name) => written[name] !== undefined && grown[name] !== written[name]),
    ).not.toEqual([])
    const again = await runCli(['status', '--help'], env)
    expect([again.code, again.stdout]).toEqual([0, other.stdout])
    expect(cacheFiles()).toEqual(grown)
  })

  it('compiles a build that import()s nothing: under the code cache import() would warn on stderr', () => {
    // Comments aside (commander's JSDoc names types with import("./…")), no chunk of the CLI's build
    // loads a module with import(): packages loaded on demand are required (dynamicImportInCjs: false).
    const buildDir = dirname(cliPath)
    const files = readdirSync(buildDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.js'),
    )
    expect(files.length).toBeGreaterThan(10)
    const imports = files.flatMap((file) =>
      readFileSync(join(buildDir, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /(^|[^\w$.])import\(/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    )
    expect(imports).toEqual([])
  })

  it('never stands in the way: a cache folder that cannot be made leaves the output as it is, stderr empty', async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'plausible-cache-')), 'file')
    writeFileSync(notAFolder, 'not a folder')
    const env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir() }
    const normal = await runCli(['--help'], env)
    for (const args of [['--version'], ['--help'], ['completion', 'bash']]) {
      const blocked = await runCli(args, { ...env, XDG_CACHE_HOME: notAFolder })
      const reference = args[0] === '--help' ? normal : await runCli(args, env)
      expect([args.join(' '), blocked.code, blocked.stdout, blocked.stderr]).toEqual([
        args.join(' '),
        0,
        reference.stdout,
        '',
      ])
    }
    // Node's own variable still wins: the cache goes where NODE_COMPILE_CACHE says, ours is not made.
    const chosen = mkdtempSync(join(tmpdir(), 'plausible-node-cache-'))
    const cacheHome = mkdtempSync(join(tmpdir(), 'plausible-cache-'))
    const own = await runCli(['--help'], { ...env, NODE_COMPILE_CACHE: chosen, XDG_CACHE_HOME: cacheHome })
    expect([own.code, own.stderr]).toEqual([0, ''])
    expect(readdirSync(chosen).length).toBeGreaterThan(0)
    expect(readdirSync(cacheHome)).toEqual([])
  })
})
