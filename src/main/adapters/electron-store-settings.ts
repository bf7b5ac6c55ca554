// config.json through electron-store in the app: the same file and schema as the CLI's conf adapter
// (src/core/accounts/conf-settings-store.ts). A corrupt file is moved aside and reported, never reset.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Store from 'electron-store'
import { configFilePrivateMode, isFileSystemError } from '../../core/accounts/conf-settings-store'
import { setConfigAside } from '../../core/accounts/config-copy'
import { namingFile } from '../../core/budget/atomic-file'
import { configDirError } from '../../core/config-dir'
import { StoredConfigSchema, emptyConfig } from '../../core/accounts/config-schema'
import type { SettingsStore, StoredConfig } from '../../core/ports'

export const configFileName = 'config.json'

export interface ElectronStoreSettingsOptions {
  /** The config dir (Electron userData, which index.ts points at the dir the CLI resolves). */
  configDir: string
  /** Told when a corrupt config.json was moved aside, with where it went. */
  onWarning?: (message: string) => void
  /** For the name of the moved-aside file. */
  clock?: () => number
}

export function createElectronStoreSettings(options: ElectronStoreSettingsOptions): SettingsStore {
  const path = join(options.configDir, configFileName)
  const warn = options.onWarning ?? (() => {})
  const now = options.clock ?? Date.now

  const moveAside = (why: string): void => {
    const aside = setConfigAside(path, now())
    warn(`${path} ${why}; it was moved to ${aside} and a fresh config was started.`)
  }

  // A file system failure names config.json, what it holds and the fix (CONFIG_DIR), never INTERNAL.
  const named = <T>(step: () => T): T => {
    try {
      return step()
    } catch (error) {
      throw isFileSystemError(error) ? configDirError(options.configDir, namingFile(error, path)) : error
    }
  }
  const problem = named(() => inspectConfigFile(path))
  if (problem) named(() => moveAside(problem))
  // clearInvalidConfig stays off: conf would reset a bad file in place, losing it; we move it aside instead.
  const store = named(
    () =>
      new Store<Record<string, unknown>>({
        cwd: options.configDir,
        name: 'config',
        clearInvalidConfig: false,
        // 0600 from the first write, and on every write: the same as the CLI's conf.
        configFileMode: configFilePrivateMode,
      }),
  )

  return {
    read(): StoredConfig {
      let raw: Record<string, unknown>
      try {
        raw = store.store
      } catch (error) {
        if (isFileSystemError(error)) throw configDirError(options.configDir, namingFile(error, path))
        // Damaged since we opened it (another process, a sync tool): move it aside the same way.
        const laterProblem = inspectConfigFile(path)
        if (!laterProblem) throw error
        moveAside(laterProblem)
        return emptyConfig()
      }
      const parsed = StoredConfigSchema.safeParse({ ...emptyConfig(), ...raw })
      if (!parsed.success) {
        moveAside('does not match the expected shape')
        return emptyConfig()
      }
      return parsed.data
    },
    write(config: StoredConfig): void {
      // set(object) writes only our keys, so anything else in the file (preferences) is kept; atomic.
      named(() => store.set({ ...StoredConfigSchema.parse(config) }))
    },
  }
}

/** Why config.json cannot be used, or null when it is fine or absent. */
function inspectConfigFile(path: string): string | null {
  if (!existsSync(path)) return null
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return 'is not valid JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object'
  return StoredConfigSchema.partial().safeParse(value).success ? null : 'does not match the expected shape'
}
