// config.json through `conf` (electron-store's base), for the CLI and `plausible ui` outside Electron.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type Conf from 'conf'
import { PlausibleError } from '../../shared/errors'
import { namingFile } from '../budget/atomic-file'
import { configDirError } from '../config-dir'
import type { SettingsStore, StoredConfig } from '../ports'
import { loadConf } from './conf-module'
import { setConfigAside } from './config-copy'
import { StoredConfigSchema, emptyConfig } from './config-schema'

export const configFileName = 'config.json'

/**
 * A corrupt config is moved aside (never silently reset) and the move is reported through `onWarning`.
 */
export function createConfSettingsStore(
  configDir: string,
  onWarning: (message: string) => void = () => {},
): SettingsStore {
  const path = join(configDir, configFileName)
  // A file system failure names config.json, what it holds and the fix (CONFIG_DIR), never INTERNAL.
  const named = <T>(step: () => T): T => {
    try {
      return step()
    } catch (error) {
      throw isFileSystemError(error) ? configDirError(configDir, namingFile(error, path)) : error
    }
  }
  // The check reads the file as read() would: its answer is the first read's.
  let kept: { identity: string; config: Readonly<StoredConfig> } | null = named(() =>
    checkedOrSetAside(path, onWarning),
  )
  // conf (conf-module.ts) only for a write: a command that only reads its accounts parses the same file
  // itself, as conf.store would.
  let conf: Conf<Record<string, unknown>> | null = null
  const writer = (): Conf<Record<string, unknown>> =>
    (conf ??= named(() => {
      const ConfClass = loadConf()
      return new ConfClass<Record<string, unknown>>({
        cwd: configDir,
        configName: 'config',
        projectName: 'plausible-desktop',
        // Accounts and servers are nobody else's business: 0600 from the first write, and on every write.
        configFileMode: configFilePrivateMode,
      })
    }))
  /** The config as it stands, frozen: the copy kept while the file is unchanged, else read and checked again. */
  function current(): Readonly<StoredConfig> {
    const written = conf
    // Each request resolves its account through here: the file is read and checked again only once it
    // changed (another inode, size or time), whichever process changed it.
    const identity = written ? null : named(() => identityOf(path))
    if (identity !== null && kept?.identity === identity) return kept.config
    const stored = named(() => (written ? written.store : readStored(path)))
    const parsed = StoredConfigSchema.safeParse({ ...emptyConfig(), ...stored })
    if (!parsed.success) {
      throw new PlausibleError('INTERNAL', {
        message: `The settings in ${path} do not match the expected shape.`,
        hint: 'Move the file aside and add the accounts again; it never holds keys.',
      })
    }
    const config = deepFreeze(parsed.data)
    kept = identity === null ? null : { identity, config }
    return config
  }

  return {
    read: () => structuredClone(current()) as StoredConfig,
    view: current,
    write(config: StoredConfig) {
      // conf writes atomically (temp file + rename).
      named(() => writer().set({ ...StoredConfigSchema.parse(config) }))
    },
  }
}

/** What tells one version of the file from another without reading it; `none` while there is no file. */
function identityOf(path: string): string {
  // Asked on every request: a missing file is an answer, not an error (building one costs more than the stat).
  const stats = statSync(path, { throwIfNoEntry: false })
  return stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : 'none'
}

/** `value` and everything in it made read-only: a shared view nobody may change by mistake. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const item of Object.values(value)) deepFreeze(item)
  }
  return value
}

/** config.json as conf reads it: an object, or nothing yet when there is no file. */
function readStored(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  const value: unknown = JSON.parse(text)
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

/** config.json's mode, for conf and electron-store alike. */
export const configFilePrivateMode = 0o600

/** An errno from the file system (EACCES, ENOSPC…), as opposed to a bug or a schema error. */
export function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

/**
 * The file as it is now, checked as read() parses it (a missing key takes its empty value), with what tells
 * this version of it from the next; null when there is none. One that does not pass is moved aside, and
 * the move reported: never reset in place.
 */
function checkedOrSetAside(
  path: string,
  onWarning: (message: string) => void,
): { identity: string; config: StoredConfig } | null {
  const identity = identityOf(path)
  if (identity === 'none') return null
  const text = readFileSync(path, 'utf8')
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const parsed = StoredConfigSchema.safeParse({ ...emptyConfig(), ...value })
      if (parsed.success) return { identity, config: deepFreeze(parsed.data) }
    }
  } catch {
    // Not JSON: set aside below.
  }
  const aside = setConfigAside(path, Date.now())
  onWarning(`${path} was unreadable; it was moved to ${aside} and a fresh config was started.`)
  return null
}
