// Keys through keytar against a real Secret Service: gnome-keyring in a D-Bus session. Under
// test/run-all.sh the session already exists; anywhere else this file starts its own with
// dbus-run-session and runs itself inside it. A session whose keyring does not answer fails loudly.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDefaultSecretStore } from '../../src/core/secrets/default-secret-store'
import {
  createKeytarSecretStore,
  keychainService,
  loadKeytar,
  type KeytarLike,
} from '../../src/core/secrets/keytar-secret-store'
import { cliPath, runCli } from '../helpers/spawn-cli'

const inSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)
// Random aliases, so a run on a developer's real keyring can never touch their own entries.
const suffix = randomBytes(4).toString('hex')
const key = `kt-${randomBytes(24).toString('base64url')}`

describe.runIf(inSession)('keytar against the Secret Service of this D-Bus session', () => {
  let keytar: KeytarLike

  beforeAll(async () => {
    const loaded = await loadKeytar()
    if ('error' in loaded) throw new Error(`keytar did not load: ${String(loaded.error)}`)
    keytar = loaded.keytar
  })

  // Fail loudly, never skip: a session bus without an answering keyring is a broken CI setup.
  it('has a keyring that answers in this session', async () => {
    const probe = `probe-${suffix}`
    try {
      await keytar.setPassword('plausible-desktop-test', probe, 'probe')
      await keytar.deletePassword('plausible-desktop-test', probe)
    } catch (error) {
      throw new Error(
        `DBUS_SESSION_BUS_ADDRESS is set but the keyring did not answer (${String(error)}). ` +
          'Start gnome-keyring-daemon --unlock --components=secrets in the session (see test/run-all.sh).',
        { cause: error },
      )
    }
  })

  it('stores, reads back and deletes a key under service plausible-desktop, account = alias', async () => {
    const alias = `keytar-${suffix}`
    const store = createKeytarSecretStore({ keytar })
    await store.set(alias, key)
    expect(await keytar.getPassword(keychainService, alias)).toBe(key)
    expect(await store.get(alias)).toBe(key)
    expect(await store.delete(alias)).toBe(true)
    expect(await store.get(alias)).toBeNull()
  })

  it('chooses the keychain by itself and writes no key file', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-keychain-'))
    const warnings: string[] = []
    const store = createDefaultSecretStore({
      configDir,
      env: {},
      onWarning: (message) => warnings.push(message),
    })
    const alias = `default-${suffix}`
    await store.set(alias, key)
    expect(await store.locate?.(alias)).toEqual({ secret: key, source: 'keychain' })
    expect(await store.status?.()).toEqual({ backend: 'keychain', note: null, folder: null })
    expect(existsSync(join(configDir, 'secrets'))).toBe(false)
    expect(await store.delete(alias)).toBe(true)
    expect(warnings).toEqual([])
  })

  describe.runIf(existsSync(cliPath))('the built CLI', () => {
    const alias = `cli-${suffix}`
    const configDir = mkdtempSync(join(tmpdir(), 'plausible-keychain-cli-'))
    const env = { PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_NO_APP: '1' }
    afterAll(() => keytar.deletePassword(keychainService, alias))

    it('adds an account whose key lands in the keychain, lists it as keychain, and removes it', async () => {
      const added = await runCli(['accounts', 'add', alias, '--no-verify', '--key-stdin'], env, key)
      expect(added.stderr).toBe('')
      expect(added.code).toBe(0)
      expect(added.stdout).toContain('kept in the OS keychain.')
      expect(await keytar.getPassword(keychainService, alias)).toBe(key)
      const listed = JSON.parse((await runCli(['accounts', 'list', '--json'], env)).stdout)
      expect(listed.keyStore).toEqual({ backend: 'keychain', note: null, folder: null })
      expect(listed.accounts.find((account: { alias: string }) => account.alias === alias)).toMatchObject({
        keySource: 'keychain',
        maskedKey: `${key.slice(0, 4)}…${key.slice(-4)}`,
      })
      expect(existsSync(join(configDir, 'secrets'))).toBe(false)
      expect((await runCli(['accounts', 'remove', alias], env)).code).toBe(0)
      expect(await keytar.getPassword(keychainService, alias)).toBeNull()
    })
  })
})

describe.runIf(!inSession && process.platform === 'linux')('keytar in a private D-Bus session', () => {
  it('runs this file again inside dbus-run-session with an unlocked gnome-keyring, and it passes', () => {
    for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
      try {
        execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
      } catch {
        throw new Error(
          `${tool} is missing: apt-get install dbus gnome-keyring (the keychain test must not skip)`,
        )
      }
    }
    const home = mkdtempSync(join(tmpdir(), 'plausible-keyring-home-'))
    const root = resolve(__dirname, '../..')
    const vitest = join(root, 'node_modules/vitest/vitest.mjs')
    const inner = `echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" "${vitest}" run --project integration --reporter=verbose test/integration/keychain-keytar.test.ts`
    const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
      cwd: root,
      // A throwaway HOME: the daemon keeps its keyring under $HOME/.local/share/keyrings.
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, '.local/share'),
        XDG_RUNTIME_DIR: home,
        NO_COLOR: '1',
      },
      encoding: 'utf8',
      timeout: 120_000,
    })
    const output = `${result.stdout}\n${result.stderr}`
    expect(result.status, output).toBe(0)
    // Every test of the session suite ran and passed inside; only this outer one is skipped there.
    for (const name of [
      'has a keyring that answers in this session',
      'stores, reads back and deletes a key under service plausible-desktop',
      'chooses the keychain by itself and writes no key file',
      ...(existsSync(cliPath) ? ['adds an account whose key lands in the keychain'] : []),
    ])
      expect(output).toMatch(new RegExp(`✓ .*${name}`))
    expect(output).toMatch(/Tests\s+\d+ passed \| 1 skipped/)
  }, 150_000)
})
