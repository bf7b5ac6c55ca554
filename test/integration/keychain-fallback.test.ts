// With no Secret Service (the session bus points nowhere, or there is none), keys go to
// <config>/secrets/<alias>.key: mode 0600 in a 0700 folder, said in the output and as a warning.
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliPath, runCli } from '../helpers/spawn-cli'

const key = 'fallback-key-0123456789abcdefghijklmnopqrstuv'
const modeOf = (path: string) => statSync(path).mode & 0o777

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
})

describe.each([
  [
    'a session bus that points nowhere',
    { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/plausible-test-bus', DISPLAY: '' },
  ],
  ['no session bus at all', { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' }],
])('keys without a Secret Service: %s', (_, busEnv) => {
  const configDir = mkdtempSync(join(tmpdir(), 'plausible-fallback-'))
  const env = { ...busEnv, PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_NO_APP: '1' }
  const folder = join(configDir, 'secrets')
  const file = join(folder, 'work.key')

  it('keeps the key in a 0600 file inside a 0700 folder, and says so on stdout and as a warning', async () => {
    const result = await runCli(['accounts', 'add', 'work', '--no-verify', '--key-stdin'], env, key)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`kept in a file in ${folder} (mode 0600).`)
    expect(result.stderr).toMatch(/^warning: No OS keychain answered \(No D-Bus session is running/)
    expect(result.stderr).toContain(`the API key of "work" is kept in ${folder}`)
    expect(modeOf(folder)).toBe(0o700)
    expect(modeOf(file)).toBe(0o600)
  })

  it('lists the account as keySource file with the reason', async () => {
    const listed = await runCli(['accounts', 'list', '--json'], env)
    expect(listed.code).toBe(0)
    const { accounts, keyStore } = JSON.parse(listed.stdout)
    expect(keyStore).toEqual({
      backend: 'file',
      note: 'No D-Bus session is running, so no Secret Service (GNOME Keyring, KWallet) can be reached',
      folder,
    })
    expect(accounts.find((account: { alias: string }) => account.alias === 'work')).toMatchObject({
      keySource: 'file',
      maskedKey: `${key.slice(0, 4)}…${key.slice(-4)}`,
    })
    const table = await runCli(['accounts', 'list'], env)
    expect(table.stdout).toMatch(new RegExp(`\\* work .* file +${key.slice(0, 4)}…${key.slice(-4)}`))
    expect(table.stdout).toContain(`keys: files in ${folder} (mode 0600) — No D-Bus session is running`)
  })

  it('sets a loosened folder back to 0700', async () => {
    chmodSync(folder, 0o755)
    const listed = await runCli(['accounts', 'list', '--json'], env)
    expect(listed.code).toBe(0)
    expect(modeOf(folder)).toBe(0o700)
    expect(listed.stderr).toContain(`${folder} was open to other users (mode 0755); it was set back to 0700.`)
  })

  it('refuses a key file others can read, with the file and the fix, and never prints the key', async () => {
    chmodSync(file, 0o644)
    const result = await runCli(['stats', 'realtime', '--site', 'example.com', '--account', 'work'], env)
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(
      `error: ${file} can be read by other users (mode 0644), so Plausible Desktop does not use it.`,
    )
    expect(result.stderr).toContain(`chmod 600 ${file}`)
    expect(result.stdout + result.stderr).not.toContain(key)
    chmodSync(file, 0o600)
  })

  it('removes the file with the account', async () => {
    expect((await runCli(['accounts', 'remove', 'work'], env)).code).toBe(0)
    expect(existsSync(file)).toBe(false)
  })
})

describe('the warning that keys are kept in files', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'plausible-fallback-'))
  const env = {
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/plausible-test-bus',
    DISPLAY: '',
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_NO_APP: '1',
  }
  const warning = (alias: string): string =>
    'warning: No OS keychain answered (No D-Bus session is running, so no Secret Service (GNOME Keyring, ' +
    `KWallet) can be reached); the API key of "${alias}" is kept in ${join(configDir, 'secrets')} (a file ` +
    'only you can read). Set PLAUSIBLE_SECRET_STORE=file to choose this on purpose. (Said once per account.)\n'

  it('is printed once for an account, not again on the commands after', async () => {
    const added = await runCli(['accounts', 'add', 'work', '--no-verify', '--key-stdin'], env, key)
    expect(added.code).toBe(0)
    expect(added.stderr).toBe(warning('work'))
    for (const args of [
      ['accounts', 'list'],
      ['accounts', 'list', '--json'],
    ]) {
      const later = await runCli(args, env)
      expect(later.code).toBe(0)
      expect(later.stderr).toBe('')
    }
  })

  it('is printed once more for an account added later, for that account only', async () => {
    const added = await runCli(['accounts', 'add', 'client-a', '--no-verify', '--key-stdin'], env, key)
    expect(added.code).toBe(0)
    expect(added.stderr).toBe(warning('client-a'))
    const later = await runCli(['accounts', 'list'], env)
    expect(later.stderr).toBe('')
  })
})
