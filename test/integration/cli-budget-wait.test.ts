// Waiting for the budget is never silent: a command the hour cannot afford says on stderr what it waits
// for, until when (local time and UTC) and that --no-wait fails at once; on a terminal a countdown follows.
// Before, `stats aggregate` with the hour spent printed nothing for up to an hour.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/core/core'
import { controlSocketPath } from '../../src/core/paths'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { serveControlSocket, type ControlSocketServer } from '../../src/core/transport/control-socket-server'
import { cliPath, runCli, tempConfigDir, watchCli } from '../helpers/spawn-cli'

// Frozen for the CLI, so the hour that is spent and its reset are known; Berlin is UTC+1 in November.
const now = '2026-11-23T10:15:00Z'
const aggregate = ['stats', 'aggregate', '--site', 'shop.example.com']
const waitLine = (account: string, spent: string): string =>
  `Waiting for the API budget: account "${account}" used ${spent} of this UTC hour. ` +
  'Trying again at 12:00:00 local time (11:00:00 UTC); run with --no-wait to fail at once instead (exit code 5).\n'

let sandbox: RunningSandbox

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0, clock: () => Date.parse(now) })
})
afterAll(() => sandbox.close())

describe('a command in this process, with the hour spent', () => {
  let env: Record<string, string>

  beforeAll(async () => {
    env = {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_NO_APP: '1',
      PLAUSIBLE_FROZEN_TIME: now,
      PLAUSIBLE_HOURLY_LIMIT: '2',
      TZ: 'Europe/Berlin',
    }
    // The last request the hour affords is sent at once and says nothing.
    for (let spent = 0; spent < 2; spent++) {
      const result = await runCli(aggregate, env)
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    }
  })

  it('off a terminal, prints one plain line on stderr (no countdown) and waits', async () => {
    const cli = watchCli(aggregate, env)
    try {
      await cli.until(({ stderr }) => stderr.includes('\n'))
      // A moment longer: a countdown would be drawn within a second.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(cli.output()).toEqual({ stdout: '', stderr: waitLine('env', 'all 2 requests') })
      expect(cli.child.exitCode).toBeNull()
    } finally {
      await cli.kill()
    }
  })

  const hasScript = spawnSync('script', ['--version']).status === 0

  it.runIf(hasScript)('on a terminal, prints the line and then a countdown redrawn in place', async () => {
    // `script` gives the CLI a real pty for stdin, stdout and stderr; its output merges both streams.
    // `sh` hands the node binary, the CLI and its arguments to `script -c` as one command line.
    const cli = watchCli(aggregate, env, {
      wrapper: ['sh', '-c', 'exec script -qfec "$*" /dev/null', 'sh'],
    })
    try {
      await cli.until(({ stdout }) => stdout.includes('left to wait (Ctrl-C to stop)'))
      // The pty turns each \n into \r\n.
      expect(cli.output().stdout).toBe(
        `${waitLine('env', 'all 2 requests').replace('\n', '\r\n')}\r\u001b[2K  45:00 left to wait (Ctrl-C to stop)`,
      )
    } finally {
      await cli.kill()
    }
  })

  it('with --no-wait, fails at once with exit 5 and the reset time, and prints no wait line', async () => {
    const started = performance.now()
    const result = await runCli([...aggregate, '--no-wait'], env)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 5,
      stdout: '',
      stderr:
        'error: Account "env" used all 2 requests of this UTC hour; the budget resets at 2026-11-23T11:00:00.000Z.\n' +
        'hint: Wait for the reset, or raise the account limit if the server allows more.\n',
    })
  })
})

describe('a command through the running app, with the hour spent', () => {
  let core: Core
  let server: ControlSocketServer
  let env: Record<string, string>

  beforeAll(async () => {
    const configDir = tempConfigDir()
    // The app's side: a core and its control socket, as src/main serves them.
    core = await openCore({
      configDir,
      env: { PLAUSIBLE_SECRET_STORE: 'file', PLAUSIBLE_FROZEN_TIME: now },
      deliverJournal: false,
    })
    await core.handlers['accounts.add']({
      alias: 'work',
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      hourlyLimit: 1,
      makeDefault: true,
      verify: false,
    })
    server = await serveControlSocket({
      path: controlSocketPath(configDir),
      handlers: core.handlersFor('cli'),
    })
    env = {
      PLAUSIBLE_CONFIG_DIR: configDir,
      PLAUSIBLE_SECRET_STORE: 'file',
      PLAUSIBLE_FROZEN_TIME: now,
      TZ: 'Europe/Berlin',
    }
    const spent = await runCli(aggregate, env)
    expect({ code: spent.code, stderr: spent.stderr }).toEqual({ code: 0, stderr: '' })
  })
  afterAll(async () => {
    await server.close()
    await core.close()
  })

  it("prints the wait the app's scheduler tells over the control socket", async () => {
    // Another question than the first: the app's cache would answer the same one without a request.
    const cli = watchCli([...aggregate, '--period', '7d'], env)
    try {
      await cli.until(({ stderr }) => stderr.includes('\n'))
      expect(cli.output()).toEqual({ stdout: '', stderr: waitLine('work', 'the 1 request') })
    } finally {
      await cli.kill()
    }
  })
})
