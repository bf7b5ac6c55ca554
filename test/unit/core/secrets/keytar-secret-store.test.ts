import { describe, expect, it } from 'vitest'
import {
  createKeytarSecretStore,
  describeKeytarLoadFailure,
  type KeytarLike,
} from '../../../../src/core/secrets/keytar-secret-store'

const key = 'keychain-key-0123456789abcdefghijklmnop'

function fakeKeytar(overrides: Partial<KeytarLike> = {}): KeytarLike & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getPassword: async (service, account) => items.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void items.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => items.delete(`${service}/${account}`),
    ...overrides,
  }
}

describe('keytar secret store', () => {
  it('stores under service plausible-desktop with the alias as the account', async () => {
    const keytar = fakeKeytar()
    const store = createKeytarSecretStore({ keytar })
    await store.set('work', key)
    expect([...keytar.items.keys()]).toEqual(['plausible-desktop/work'])
    expect(await store.get('work')).toBe(key)
    expect(await store.delete('work')).toBe(true)
    expect(await store.get('work')).toBeNull()
  })

  it('gives up after the deadline with KEYCHAIN_TIMEOUT instead of hanging', async () => {
    const store = createKeytarSecretStore({
      keytar: fakeKeytar({ getPassword: () => new Promise(() => {}) }),
      timeoutMs: 20,
    })
    await expect(store.get('work')).rejects.toMatchObject({
      code: 'KEYCHAIN_TIMEOUT',
      message: 'The OS keychain did not answer within 0.02 s while reading the key of "work".',
    })
  })

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'No D-Bus session is running'],
    ['Cannot create an item in a locked collection', 'The login keyring is locked'],
    ['User interaction is not allowed.', 'The macOS keychain is locked'],
    ['something new', 'The OS keychain reported an error it did not explain.'],
  ])('maps "%s" to a sentence, keeping the raw text out of the message', async (raw, sentence) => {
    const store = createKeytarSecretStore({
      keytar: fakeKeytar({ setPassword: async () => Promise.reject(new Error(raw)) }),
    })
    const error = await store.set('work', key).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    expect((error as Error).message).toContain(
      `The OS keychain failed while storing the key of "work": ${sentence}`,
    )
    expect((error as Error).message).not.toContain(raw)
  })
})

describe('describeKeytarLoadFailure', () => {
  it('says keytar is not installed when the module is missing, whatever the loader', () => {
    for (const code of ['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND'])
      expect(
        describeKeytarLoadFailure(Object.assign(new Error("Cannot find module 'keytar'"), { code })),
      ).toBe(
        'the keychain module (keytar, an optional dependency) is not installed: its native build needs libsecret',
      )
  })

  it('gives the first line of a load failure, such as a missing shared library', () => {
    expect(
      describeKeytarLoadFailure(
        new Error('libsecret-1.so.0: cannot open shared object file\n    at Module._load'),
      ),
    ).toBe(
      'the keychain module (keytar) could not be loaded: libsecret-1.so.0: cannot open shared object file',
    )
  })
})
