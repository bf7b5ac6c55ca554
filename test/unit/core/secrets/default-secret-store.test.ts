import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createDefaultSecretStore,
  keychainNoticesFileName,
} from '../../../../src/core/secrets/default-secret-store'
import { createFileSecretStore } from '../../../../src/core/secrets/file-secret-store'
import type { KeytarLike } from '../../../../src/core/secrets/keytar-secret-store'

const key = 'default-key-0123456789abcdefghijklmnopq'

function keytarWith(overrides: Partial<KeytarLike> = {}): KeytarLike & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getPassword: async (_service, account) => items.get(account) ?? null,
    setPassword: async (_service, account, password) => void items.set(account, password),
    deletePassword: async (_service, account) => items.delete(account),
    ...overrides,
  }
}
const noBus = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
const noBusNote = 'No D-Bus session is running, so no Secret Service (GNOME Keyring, KWallet) can be reached'
const fileWarning = (alias: string, configDir: string): string =>
  `No OS keychain answered (${noBusNote}); the API key of "${alias}" is kept in ${join(configDir, 'secrets')} ` +
  '(a file only you can read). Set PLAUSIBLE_SECRET_STORE=file to choose this on purpose. (Said once per account.)'

function setup(
  env: Record<string, string> = {},
  keytar: KeytarLike | 'missing' = keytarWith(),
  configDir = mkdtempSync(join(tmpdir(), 'plausible-default-secrets-')),
) {
  const warnings: string[] = []
  const store = createDefaultSecretStore({
    configDir,
    env,
    onWarning: (message) => warnings.push(message),
    loadKeytar: async () => (keytar === 'missing' ? { error: new Error('no libsecret') } : { keytar }),
  })
  return { configDir, warnings, store }
}

describe('default secret store', () => {
  it('uses the keychain when the probe read answers, and writes no file', async () => {
    const keytar = keytarWith()
    const { configDir, store, warnings } = setup({}, keytar)
    await store.set('work', key)
    expect(keytar.items.get('work')).toBe(key)
    expect(await store.locate?.('work')).toEqual({ secret: key, source: 'keychain' })
    expect(await store.status?.()).toEqual({ backend: 'keychain', note: null, folder: null })
    expect(existsSync(join(configDir, 'secrets'))).toBe(false)
    expect(warnings).toEqual([])
  })

  it('falls back to 0600 files when no Secret Service answers, says why, and warns once per account', async () => {
    const { configDir, store, warnings } = setup({}, keytarWith({ getPassword: noBus, setPassword: noBus }))
    await store.set('work', key)
    await store.set('home', key)
    expect(await store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    expect(await store.locate?.('home')).toEqual({ secret: key, source: 'file' })
    expect(statSync(join(configDir, 'secrets', 'work.key')).mode & 0o777).toBe(0o600)
    const status = await store.status?.()
    expect(status).toEqual({
      backend: 'file',
      note: noBusNote,
      folder: join(configDir, 'secrets'),
    })
    expect(warnings).toEqual([fileWarning('work', configDir), fileWarning('home', configDir)])
  })

  it('remembers in the config folder who was told: a later process warns only a new account', async () => {
    const silent = keytarWith({ getPassword: noBus, setPassword: noBus })
    const first = setup({}, silent)
    await first.store.set('work', key)
    expect(first.warnings).toEqual([fileWarning('work', first.configDir)])
    const later = setup({}, silent, first.configDir)
    expect(await later.store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    expect(later.warnings).toEqual([])
    await later.store.set('client-a', key)
    expect(later.warnings).toEqual([fileWarning('client-a', first.configDir)])
  })

  it('warns an account again when the reason changes, or after it was removed and added back', async () => {
    const first = setup({}, keytarWith({ getPassword: noBus, setPassword: noBus }))
    await first.store.set('work', key)
    await first.store.set('home', key)
    const noKeytar = setup({}, 'missing', first.configDir)
    expect(await noKeytar.store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    expect(noKeytar.warnings).toEqual([
      expect.stringContaining('No OS keychain answered (the keychain module (keytar) could not be loaded'),
    ])
    const again = setup({}, keytarWith({ getPassword: noBus, setPassword: noBus }), first.configDir)
    expect(await again.store.delete('home')).toBe(true)
    await again.store.set('home', key)
    expect(again.warnings).toEqual([fileWarning('home', first.configDir)])
  })

  it('warns every time when the config folder will not keep the note, rather than never', async () => {
    const { configDir, store, warnings } = setup({}, 'missing')
    // A folder where the notes file should be: it can be neither read nor replaced.
    mkdirSync(join(configDir, keychainNoticesFileName))
    await store.set('work', key)
    const later = setup({}, 'missing', configDir)
    await later.store.locate?.('work')
    expect([...warnings, ...later.warnings]).toHaveLength(2)
  })

  it('falls back to files when keytar cannot load', async () => {
    const { store } = setup({}, 'missing')
    await store.set('work', key)
    expect(await store.status?.()).toMatchObject({
      backend: 'file',
      note: 'the keychain module (keytar) could not be loaded: no libsecret',
    })
  })

  it('falls back to files when the keychain reads but will not store (a locked collection)', async () => {
    const locked = () => Promise.reject(new Error('Cannot create an item in a locked collection'))
    const { store, warnings } = setup({}, keytarWith({ setPassword: locked }))
    await store.set('work', key)
    expect(await store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    expect((await store.status?.())?.note).toBe(
      'the keychain would not store a key: The login keyring is locked and no prompt can be shown to unlock it',
    )
    expect(warnings).toHaveLength(1)
  })

  it('PLAUSIBLE_SECRET_STORE=file uses files on purpose, without a warning', async () => {
    const keytar = keytarWith()
    const { store, warnings } = setup({ PLAUSIBLE_SECRET_STORE: 'file' }, keytar)
    await store.set('work', key)
    expect(keytar.items.size).toBe(0)
    expect(await store.status?.()).toMatchObject({ backend: 'file', note: 'PLAUSIBLE_SECRET_STORE=file' })
    expect(warnings).toEqual([])
  })

  it('PLAUSIBLE_SECRET_STORE=keychain never falls back: the typed error reaches the caller', async () => {
    const { store } = setup({ PLAUSIBLE_SECRET_STORE: 'keychain' }, keytarWith({ setPassword: noBus }))
    await expect(store.set('work', key)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
  })

  it('refuses an unknown PLAUSIBLE_SECRET_STORE value', async () => {
    const { store } = setup({ PLAUSIBLE_SECRET_STORE: 'vault' })
    await expect(store.get('work')).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('finds a key kept in a file on a day without a keychain, and removes that copy when the keychain takes it', async () => {
    const keytar = keytarWith()
    const { configDir, store } = setup({}, keytar)
    await createFileSecretStore({ folder: join(configDir, 'secrets') }).set('work', key)
    expect(await store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    await store.set('work', `${key}-2`)
    expect(existsSync(join(configDir, 'secrets', 'work.key'))).toBe(false)
    expect(await store.locate?.('work')).toEqual({ secret: `${key}-2`, source: 'keychain' })
  })
})
