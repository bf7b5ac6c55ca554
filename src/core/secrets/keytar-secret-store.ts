// API keys in the OS keychain through keytar: service `plausible-desktop`, account = the alias.
// keytar is N-API, so the same module loads in plain Node (CLI) and in Electron (the app).
import type { SecretStore } from '../ports'
import { defaultKeychainTimeoutMs, withDeadline } from './deadline'
import { keychainError } from './keychain-errors'

export const keychainService = 'plausible-desktop'

/** The part of keytar the store uses; tests pass a fake. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarSecretStoreOptions {
  keytar: KeytarLike
  /** Every call is raced against this many milliseconds (default 3 s). */
  timeoutMs?: number
  service?: string
}

export function createKeytarSecretStore(options: KeytarSecretStoreOptions): SecretStore {
  const { keytar } = options
  const service = options.service ?? keychainService
  const timeoutMs = options.timeoutMs ?? defaultKeychainTimeoutMs

  async function call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(operation(), timeoutMs, what)
    } catch (error) {
      throw keychainError(error, what)
    }
  }

  return {
    kind: 'keychain',
    get: (alias) =>
      call(`reading the key of "${alias}"`, async () => (await keytar.getPassword(service, alias)) ?? null),
    set: (alias, secret) =>
      call(`storing the key of "${alias}"`, () => keytar.setPassword(service, alias, secret)),
    delete: (alias) => call(`deleting the key of "${alias}"`, () => keytar.deletePassword(service, alias)),
  }
}

/** Why keytar did not load, in words for doctor and the file-store warning. */
export function describeKeytarLoadFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND')
    return 'the keychain module (keytar, an optional dependency) is not installed: its native build needs libsecret'
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return `the keychain module (keytar) could not be loaded: ${detail}`
}

/** keytar, or the reason it cannot load (no libsecret on this Linux, a build for another platform). */
export async function loadKeytar(): Promise<{ keytar: KeytarLike } | { error: unknown }> {
  try {
    const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike }
    return { keytar: loaded.default ?? loaded }
  } catch (error) {
    return { error }
  }
}
