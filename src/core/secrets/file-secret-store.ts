// API keys in files where no keychain answers: <configDir>/secrets/<alias>.key, mode 0600 in a 0700
// folder, written atomically (temp file + rename). A key file others can read is refused, not used.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { join } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import { namingFile } from '../budget/atomic-file'
import { randomHex } from '../random-hex'
import type { SecretStore } from '../ports'

export const secretsFolderName = 'secrets'

const aliasPattern = /^[a-z0-9][a-z0-9_-]{0,39}$/i

export interface FileSecretStoreOptions {
  /** The folder that holds the key files: `<configDir>/secrets`. */
  folder: string
  /** Told when a folder with loose permissions was tightened back to 0700. */
  onWarning?: (message: string) => void
  /** Mode checks only make sense where POSIX permissions exist. */
  platform?: NodeJS.Platform
}

export function secretsFolderOf(configDir: string): string {
  return join(configDir, secretsFolderName)
}

export function createFileSecretStore(options: FileSecretStoreOptions): SecretStore {
  const { folder } = options
  const warn = options.onWarning ?? (() => {})
  const checksModes = (options.platform ?? process.platform) !== 'win32'
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined

  function pathOf(alias: string): string {
    // The alias names a file, so it must never carry a path: the contract checks it too.
    if (!aliasPattern.test(alias))
      throw new PlausibleError('USAGE', { message: 'An alias is 1–40 letters, digits, - or _.' })
    return join(folder, `${alias}.key`)
  }

  function unsafe(path: string, why: string): PlausibleError {
    return new PlausibleError('SECRET_FILE_UNSAFE', {
      message: `${path} ${why}, so Plausible Desktop does not use it.`,
      hint: `Check the file, then run \`chmod 600 ${path}\` (or add the key again) and rotate the key if others could have read it.`,
    })
  }

  /** The folder's stats after checking it is ours and repairing loose permissions; null if absent. */
  function checkFolder(create: boolean): Stats | null {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 })
    let stats: Stats
    try {
      stats = lstatSync(folder)
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
    if (!stats.isDirectory()) throw unsafe(folder, 'is not a folder (or is a symbolic link)')
    if (!checksModes) return stats
    if (uid !== undefined && stats.uid !== uid) throw unsafe(folder, 'belongs to another user')
    if ((stats.mode & 0o077) !== 0) {
      chmodSync(folder, 0o700)
      warn(`${folder} was open to other users (mode ${octal(stats.mode)}); it was set back to 0700.`)
    }
    return stats
  }

  return {
    kind: 'file',
    async get(alias) {
      const path = pathOf(alias)
      if (!checkFolder(false)) return null
      let stats: Stats
      try {
        stats = lstatSync(path)
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
      if (!stats.isFile()) throw unsafe(path, 'is not a regular file (or is a symbolic link)')
      if (checksModes) {
        if (uid !== undefined && stats.uid !== uid) throw unsafe(path, 'belongs to another user')
        if ((stats.mode & 0o077) !== 0)
          throw unsafe(path, `can be read by other users (mode ${octal(stats.mode)})`)
      }
      const secret = readFileSync(path, 'utf8').trim()
      return secret === '' ? null : secret
    },
    async set(alias, secret) {
      const path = pathOf(alias)
      checkFolder(true)
      const temporary = join(folder, `.${alias}.key.${process.pid}.${randomHex(12)}.tmp`)
      try {
        // 'wx' refuses to follow or reuse anything already at the temp path; 0600 from the first byte.
        const fd = openSync(temporary, 'wx', 0o600)
        try {
          writeSync(fd, `${secret}\n`)
          fsyncSync(fd)
        } finally {
          closeSync(fd)
        }
        renameSync(temporary, path)
      } catch (error) {
        try {
          unlinkSync(temporary)
        } catch {
          // Already renamed or never created.
        }
        // Named by the key file, never the temp file: CONFIG_DIR says which file and what to do.
        throw namingFile(error, path)
      }
    },
    async delete(alias) {
      const path = pathOf(alias)
      try {
        unlinkSync(path)
        return true
      } catch (error) {
        if (isMissing(error)) return false
        throw error
      }
    },
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`
}
