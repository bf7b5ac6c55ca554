// An in-memory SettingsStore for unit tests of the core.
import type { SettingsStore, StoredConfig } from '../../src/core/ports'

export function memorySettings(
  initial: StoredConfig = { accounts: [], defaultAccount: null },
): SettingsStore & { current: StoredConfig } {
  const store = {
    current: structuredClone(initial),
    read: () => structuredClone(store.current),
    write: (config: StoredConfig) => void (store.current = structuredClone(config)),
  }
  return store
}
