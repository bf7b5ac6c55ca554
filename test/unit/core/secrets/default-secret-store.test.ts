import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDefaultSecretStore } from '../../../../src/core/secrets/default-secret-store'
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

function setup(env: Record<string, string> = {}, keytar: KeytarLike | 'missing' = keytarWith()) {
  const configDir = mkdtempSync(join(tmpdir(), 'plausible-default-secrets-'))
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

  it('falls back to 0600 files when no Secret Service answers, says why, and warns once', async () => {
    const { configDir, store, warnings } = setup({}, keytarWith({ getPassword: noBus, setPassword: noBus }))
    await store.set('work', key)
    await store.set('home', key)
    expect(await store.locate?.('work')).toEqual({ secret: key, source: 'file' })
    expect(statSync(join(configDir, 'secrets', 'work.key')).mode & 0o777).toBe(0o600)
    const status = await store.status?.()
    expect(status).toEqual({
      backend: 'file',
      note: 'No D-Bus session is running, so no Secret Service (GNOME Keyring, KWallet) can be reached',
      folder: join(configDir, 'secrets'),
    })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('No OS keychain answered (No D-Bus session is running')
    expect(warnings[0]).toContain(join(configDir, 'secrets'))
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
