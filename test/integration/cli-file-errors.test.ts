// Errors that name the cause: a file of the config folder that cannot be read or written ends the command
// with CONFIG_DIR (exit 9) naming that file, what it holds and the fix, instead of "network error" or
// "Something went wrong"; doctor reports the same as failing checks (exit 1) instead of stopping, also on a
// read-only or full folder and for an unreachable PLAUSIBLE_REDIS_URL.
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { readOnlyFolder } from '../helpers/read-only-folder'
import { smallDisk } from '../helpers/small-disk'
import { runCli, tempConfigDir } from '../helpers/spawn-cli'

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(() => sandbox.close())

const keyed = (configDir: string): Record<string, string> => ({
  PLAUSIBLE_CONFIG_DIR: configDir,
  PLAUSIBLE_BASE_URL: sandbox.baseUrl,
  PLAUSIBLE_API_KEY: sandbox.apiKey,
  PLAUSIBLE_NO_APP: '1',
  PLAUSIBLE_SECRET_STORE: 'file',
})
const fix = (remedy: string): string =>
  `${remedy}, or point PLAUSIBLE_CONFIG_DIR at a folder you can write (for example PLAUSIBLE_CONFIG_DIR="$HOME/plausible-desktop").`

interface Check {
  check: string
  account: string | null
  status: string
  message: string
  hint: string | null
}
const checksOf = (stdout: string): Check[] => (JSON.parse(stdout) as { checks: Check[] }).checks

describe('a file of the config folder that cannot be used', () => {
  it.each([
    {
      file: 'usage.json',
      args: ['stats', 'aggregate', '--site', 'shop.example.com'],
      message: (dir: string) =>
        `usage.json (the shared budget ledger) in the config folder ${dir} cannot be read: a folder is in the way (EISDIR).`,
    },
    {
      // Read when first used: by the overview (its pins), not by a command that never asks.
      file: 'glance.json',
      args: ['sites', 'overview'],
      message: (dir: string) =>
        `glance.json (the tray's settings) in the config folder ${dir} cannot be read: a folder is in the way (EISDIR).`,
    },
    {
      file: 'config.json',
      args: ['accounts', 'list'],
      message: (dir: string) =>
        `config.json (the accounts and settings) in the config folder ${dir} cannot be read: a folder is in the way (EISDIR).`,
    },
  ])(
    'ends `plausible $args.0` with exit 9 naming $file, what it holds and the fix',
    async ({ file, args, message }) => {
      const dir = tempConfigDir()
      // A folder where the file should be: refused even to root, like a file the user cannot read. Private
      // (0700), so the only thing said is the error.
      mkdirSync(join(dir, file), { mode: 0o700 })
      const result = await runCli(args, keyed(dir))
      expect(result.code).toBe(9)
      expect(result.stderr).toBe(
        `error: ${message(dir)}\nhint: ${fix(`Move the folder ${join(dir, file)} out of the way`)}\n`,
      )
    },
  )

  it("is not stopped by the tray's files when it never uses them: stats aggregate answers", async () => {
    const dir = tempConfigDir()
    mkdirSync(join(dir, 'glance.json'), { mode: 0o700 })
    mkdirSync(join(dir, 'realtime-history.json'), { mode: 0o700 })
    const result = await runCli(['stats', 'aggregate', '--site', 'shop.example.com', '--json'], keyed(dir))
    expect([result.code, result.stderr]).toEqual([0, ''])
    expect(JSON.parse(result.stdout)).toMatchObject({ site: 'shop.example.com' })
  })

  it('names the key file folder when a file stands where it should be', async () => {
    const dir = tempConfigDir()
    writeFileSync(join(dir, 'secrets'), '', { mode: 0o600 })
    const result = await runCli(
      ['accounts', 'add', 'local', '--base-url', sandbox.baseUrl, '--key-stdin', '--no-verify'],
      { PLAUSIBLE_CONFIG_DIR: dir, PLAUSIBLE_SECRET_STORE: 'file' },
      sandbox.apiKey,
    )
    expect(result.code).toBe(9)
    expect(result.stderr).toBe(
      `error: secrets (the folder of key files) in the config folder ${dir} cannot be written: a file is in the way (EEXIST).\nhint: ${fix('Move the file out of the way')}\n`,
    )
    expect(result.stderr).not.toContain(sandbox.apiKey)
  })

  it('warns with the request history named, and still answers, when only the history cannot be written', async () => {
    const dir = tempConfigDir()
    mkdirSync(join(dir, 'http-history.json'), { mode: 0o700 })
    const result = await runCli(['stats', 'aggregate', '--site', 'shop.example.com', '--json'], keyed(dir))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe(
      `warning: http-history.json (the request history) in the config folder ${dir} cannot be written: a folder is in the way (EISDIR). The requests were sent; \`plausible debug http\` will not list them. ${fix(`Move the folder ${join(dir, 'http-history.json')} out of the way`)}\n`,
    )
  })
})

describe('plausible doctor', () => {
  it('fails the ledger checks naming usage.json instead of "Something went wrong"', async () => {
    const dir = tempConfigDir()
    mkdirSync(join(dir, 'usage.json'), { mode: 0o700 })
    const result = await runCli(['doctor', '--account', 'env', '--json'], keyed(dir))
    expect(result.code).toBe(1)
    const message = `usage.json (the shared budget ledger) in the config folder ${dir} cannot be read: a folder is in the way (EISDIR).`
    const hint = fix(`Move the folder ${join(dir, 'usage.json')} out of the way`)
    const checks = checksOf(result.stdout)
    expect(checks.filter((check) => check.status === 'fail')).toEqual([
      { check: 'usage-file', account: null, status: 'fail', message, hint },
      { check: 'capabilities', account: 'env', status: 'fail', message, hint },
      { check: 'budget', account: 'env', status: 'fail', message, hint },
    ])
  })

  it('fails the budget check naming an unreachable PLAUSIBLE_REDIS_URL', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const result = await runCli(['doctor', '--account', 'env', '--json'], {
      ...keyed(tempConfigDir()),
      PLAUSIBLE_REDIS_URL: `redis://127.0.0.1:${port}`,
    })
    expect(result.code).toBe(1)
    expect(checksOf(result.stdout).find((check) => check.check === 'budget')).toEqual({
      check: 'budget',
      account: 'env',
      status: 'fail',
      message: `The shared budget in Redis at redis://127.0.0.1:${port} (PLAUSIBLE_REDIS_URL) did not answer: connect ECONNREFUSED 127.0.0.1:${port}. Nothing was sent.`,
      hint: "Start that Redis server or fix PLAUSIBLE_REDIS_URL; or unset PLAUSIBLE_REDIS_URL to count this machine's requests on their own.",
    })
  })

  it('reports a read-only config folder as its failing check (exit 1) instead of stopping', async () => {
    const dir = tempConfigDir()
    const readOnly = readOnlyFolder(dir)
    if (!readOnly) return
    const result = await runCli(['doctor', '--json'], keyed(dir), undefined, readOnly.options)
    expect(result.code).toBe(1)
    const isRoot = process.getuid?.() === 0
    expect(JSON.parse(result.stdout)).toEqual({
      configDir: dir,
      checks: [
        {
          check: 'config-dir',
          account: null,
          status: 'fail',
          message: isRoot
            ? `The config folder ${dir} cannot be used: it is on a read-only file system (EROFS).`
            : `The config folder ${dir} cannot be used: permission denied (EACCES).`,
          hint: isRoot
            ? fix('Remount the disk read-write')
            : fix(`Give your user write access to ${dir} (\`chmod u+rwx "${dir}"\`)`),
        },
      ],
      ok: 0,
      warn: 0,
      fail: 1,
    })
  })

  it('reports a full disk as its failing check, in text too', async (context) => {
    const disk = await smallDisk()
    if (!disk) return context.skip()
    try {
      const dir = join(disk.dir, 'config')
      const warmUp = await runCli(['status'], keyed(dir), undefined, disk.options)
      expect(warmUp.code, warmUp.stderr).toBe(0)
      disk.fill(0)
      const result = await runCli(['doctor'], keyed(dir), undefined, disk.options)
      expect(result.code).toBe(1)
      expect(result.stdout).toBe(
        `FAIL  config-dir     The config folder ${dir} cannot be used: the disk is full (ENOSPC).\n` +
          `       → ${fix('Free some disk space')}\n\n0 ok, 0 warning(s), 1 failure(s).\n`,
      )
    } finally {
      await disk.close()
    }
  })
})
