// A machine without libsecret's headers: `npm ci` on a throwaway copy of the checkout must still pass
// (keytar is optional and its build fails), and the CLI built there keeps an added account's key in the
// 0600 file store, saying why; `plausible doctor` names the store and the reason. This runs inside the
// suite's keyring session, so a Secret Service answers: only the missing module sends keys to files.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyCheckout, pathWithThisNode } from '../helpers/checkout-copy'
import { cliEnv } from '../helpers/spawn-cli'

const key = 'newcomer-key-0123456789abcdefghijklmnopqrstuvw'

let checkout: string
let env: NodeJS.ProcessEnv
let install: ReturnType<typeof spawnSync>

beforeAll(() => {
  checkout = copyCheckout()
  env = {
    ...cliEnv(),
    PATH: pathWithThisNode(),
    // pkg-config finds no libsecret, and no prebuilt keytar is fetched: its native build must fail.
    PKG_CONFIG_LIBDIR: join(checkout, 'no-pkgconfig'),
    PKG_CONFIG_PATH: '',
    npm_config_build_from_source: 'true',
  }
  install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: checkout, env, encoding: 'utf8' })
  if (install.status === 0)
    execFileSync('npm', ['run', 'build'], { cwd: checkout, env, stdio: ['ignore', 'pipe', 'pipe'] })
}, 300_000)

afterAll(() => {
  rmSync(checkout, { recursive: true, force: true })
})

function cli(
  args: string[],
  configDir: string,
  stdin = '',
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(checkout, 'out/main/cli.js'), ...args], {
    cwd: checkout,
    env: { ...env, PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_NO_APP: '1' },
    input: stdin,
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('npm ci where keytar cannot build', () => {
  it('installs all the same, without keytar', () => {
    expect(install.status, String(install.stderr).slice(-3000)).toBe(0)
    const loads = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: checkout, env })
    expect(loads.status).not.toBe(0)
  })

  it('adds an account with its key in the 0600 file store, and doctor says why', () => {
    const configDir = join(checkout, '.config-under-test')
    const added = cli(['accounts', 'add', 'work', '--no-verify', '--key-stdin', '--json'], configDir, key)
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).not.toContain(key)
    expect(added.stderr).toContain('keytar, an optional dependency')
    const file = join(configDir, 'secrets', 'work.key')
    expect(readFileSync(file, 'utf8').trim()).toBe(key)
    expect(statSync(file).mode & 0o777).toBe(0o600)

    const listed = cli(['accounts', 'list', '--json'], configDir)
    expect(listed.code, listed.stderr).toBe(0)
    const accounts = (JSON.parse(listed.stdout) as { accounts: Array<{ alias: string; keySource: string }> })
      .accounts
    expect(accounts.find((account) => account.alias === 'work')?.keySource).toBe('file')

    const doctor = cli(['doctor', '--json'], configDir)
    const checks = (
      JSON.parse(doctor.stdout) as { checks: Array<{ check: string; status: string; message: string }> }
    ).checks
    const keychain = checks.find((entry) => entry.check === 'keychain')
    expect(keychain?.status).toBe('warn')
    expect(keychain?.message).toContain(
      'the keychain module (keytar, an optional dependency) is not installed: its native build needs libsecret',
    )
    expect(keychain?.message).toContain(join(configDir, 'secrets'))
  })
})
