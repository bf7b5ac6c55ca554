// The SecretStore every process uses: the OS keychain when one answers, else 0600 files with a warning.
// The backend is chosen once per process, on first use, by one cheap read; PLAUSIBLE_SECRET_STORE
// (keychain | file) forces it. Reads look in the keychain first and then in the files, so a key stored
// on a day without a keychain is still found, and reported as coming from a file.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import { writeFileAtomic } from '../budget/atomic-file'
import type { SecretBackend, SecretStore, SecretStoreStatus } from '../ports'
import { defaultKeychainTimeoutMs } from './deadline'
import { describeKeychainFailure } from './keychain-errors'
import { createFileSecretStore, secretsFolderOf } from './file-secret-store'
import {
  createKeytarSecretStore,
  describeKeytarLoadFailure,
  keychainService,
  loadKeytar,
  type KeytarLike,
} from './keytar-secret-store'

export const secretStoreVariable = 'PLAUSIBLE_SECRET_STORE'

/**
 * `<configDir>/keychain-notices.json`: for each alias, the situation (why no keychain, which folder) the
 * user was last told about, so the file-store warning comes once per account, not on every command.
 */
export const keychainNoticesFileName = 'keychain-notices.json'

/** The account name of the probe read; no key is ever stored under it. */
const probeAccount = '__plausible_desktop_probe__'

export type SecretStoreChoice = 'auto' | 'keychain' | 'file'

export interface DefaultSecretStoreOptions {
  configDir: string
  env: Record<string, string | undefined>
  onWarning?: (message: string) => void
  /** Tests pass a fake keytar or a loader that fails. */
  loadKeytar?: () => Promise<{ keytar: KeytarLike } | { error: unknown }>
  timeoutMs?: number
  service?: string
}

interface Selection {
  backend: 'keychain' | 'file'
  note: string | null
  keychain: SecretStore | null
  /** Auto mode: the file store may take over from the keychain; forced modes never switch. */
  isAuto: boolean
}

export function secretStoreChoiceOf(env: Record<string, string | undefined>): SecretStoreChoice {
  const raw = env[secretStoreVariable]?.trim().toLowerCase()
  if (!raw || raw === 'auto') return 'auto'
  if (raw === 'keychain' || raw === 'file') return raw
  throw new PlausibleError('USAGE', {
    message: `${secretStoreVariable} must be keychain, file or auto, not ${JSON.stringify(raw.slice(0, 20))}.`,
    hint: `Unset ${secretStoreVariable} to let Plausible Desktop use the keychain when one answers.`,
  })
}

export function createDefaultSecretStore(options: DefaultSecretStoreOptions): SecretStore {
  const folder = secretsFolderOf(options.configDir)
  const warn = options.onWarning ?? (() => {})
  const files = createFileSecretStore({ folder, onWarning: warn })
  const timeoutMs = options.timeoutMs ?? defaultKeychainTimeoutMs
  let selection: Promise<Selection> | null = null
  let current: Selection | null = null
  const notices = createNotices(join(options.configDir, keychainNoticesFileName))

  async function select(): Promise<Selection> {
    const choice = secretStoreChoiceOf(options.env)
    if (choice === 'file')
      return { backend: 'file', note: `${secretStoreVariable}=file`, keychain: null, isAuto: false }
    const loaded = await (options.loadKeytar ?? loadKeytar)()
    if ('error' in loaded) {
      const note = describeKeytarLoadFailure(loaded.error)
      if (choice === 'keychain')
        throw new PlausibleError('KEYCHAIN_UNAVAILABLE', {
          message: `${note.charAt(0).toUpperCase()}${note.slice(1)}.`,
          cause: loaded.error,
        })
      return { backend: 'file', note, keychain: null, isAuto: true }
    }
    const keychain = createKeytarSecretStore({
      keytar: loaded.keytar,
      timeoutMs,
      service: options.service ?? keychainService,
    })
    if (choice === 'keychain')
      return { backend: 'keychain', note: `${secretStoreVariable}=keychain`, keychain, isAuto: false }
    try {
      await keychain.get(probeAccount)
      return { backend: 'keychain', note: null, keychain, isAuto: true }
    } catch (error) {
      return { backend: 'file', note: noteOf(error), keychain: null, isAuto: true }
    }
  }

  function selected(): Promise<Selection> {
    selection ??= select().then(
      (chosen) => (current = chosen),
      (error: unknown) => {
        // A failed selection (a bad variable, keytar missing when forced) is retried on the next call.
        selection = null
        throw error
      },
    )
    return selection
  }

  /** Once per account and situation: said again only when the reason or the folder changes. */
  async function warnAboutFiles(chosen: Selection, alias: string): Promise<void> {
    if (!chosen.isAuto) return
    const note = chosen.note ?? 'unknown reason'
    const isNew = await notices.tell(alias, `${note} | ${folder}`)
    if (!isNew) return
    warn(
      `No OS keychain answered (${note}); the API key of "${alias}" is kept in ${folder} (a file only you ` +
        `can read). Set ${secretStoreVariable}=file to choose this on purpose. (Said once per account.)`,
    )
  }

  async function locate(alias: string): Promise<{ secret: string; source: SecretBackend } | null> {
    const chosen = await selected()
    let keychainFailure: unknown = null
    if (chosen.backend === 'keychain' && chosen.keychain) {
      try {
        const secret = await chosen.keychain.get(alias)
        if (secret) return { secret, source: 'keychain' }
      } catch (error) {
        if (!chosen.isAuto) throw error
        keychainFailure = error
      }
      if (!chosen.isAuto) return null
    }
    const secret = await files.get(alias)
    if (secret) {
      if (chosen.backend === 'file') await warnAboutFiles(chosen, alias)
      return { secret, source: 'file' }
    }
    if (keychainFailure) throw keychainFailure
    return null
  }

  return {
    /** The backend writes go to; the keychain until the first call has chosen. */
    get kind(): SecretBackend {
      return current?.backend ?? 'keychain'
    },
    locate,
    async get(alias) {
      return (await locate(alias))?.secret ?? null
    },
    async set(alias, secret) {
      const chosen = await selected()
      if (chosen.backend === 'keychain' && chosen.keychain) {
        try {
          await chosen.keychain.set(alias, secret)
          // A copy left in a file from a day without a keychain would outlive a rotation: remove it.
          await files.delete(alias)
          return
        } catch (error) {
          if (!chosen.isAuto) throw error
          // gh's discipline: when the keychain will not store, fall back to the file and say so.
          chosen.backend = 'file'
          chosen.note = `the keychain would not store a key: ${noteOf(error)}`
          chosen.keychain = null
        }
      }
      await files.set(alias, secret)
      await warnAboutFiles(chosen, alias)
    },
    async delete(alias) {
      const chosen = await selected()
      let removed = false
      if (chosen.keychain) removed = await chosen.keychain.delete(alias)
      await notices.forget(alias)
      return (await files.delete(alias)) || removed
    },
    async status(): Promise<SecretStoreStatus> {
      const chosen = await selected()
      return {
        backend: chosen.backend,
        note: chosen.note,
        folder: chosen.backend === 'file' ? folder : null,
      }
    },
  }
}

function noteOf(error: unknown): string {
  if (error instanceof PlausibleError && error.code === 'KEYCHAIN_TIMEOUT')
    return 'the keychain did not answer in time'
  const cause = error instanceof PlausibleError && error.cause !== undefined ? error.cause : error
  return describeKeychainFailure(cause).replace(/\.$/, '')
}

/**
 * What each alias was told, kept in a small file. Losing it only repeats a warning, so a file that cannot
 * be read starts empty and one that cannot be written is let go (unlike the ledger, nothing is at stake).
 */
interface Notices {
  /** True when `alias` has not been told about `situation` yet (and now counts as told). */
  tell(alias: string, situation: string): Promise<boolean>
  /** A removed account is forgotten: added again, it is told again. */
  forget(alias: string): Promise<void>
}

function createNotices(path: string): Notices {
  const toldThisRun = new Map<string, string>()
  // One read-modify-write at a time in this process (`accounts list` locates every key at once).
  let queue: Promise<unknown> = Promise.resolve()

  async function readTold(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
      const told = (parsed as { told?: unknown } | null)?.told
      if (!told || typeof told !== 'object') return {}
      return Object.fromEntries(
        Object.entries(told).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      )
    } catch {
      return {}
    }
  }

  function writeTold(told: Record<string, string>): Promise<void> {
    return writeFileAtomic(path, `${JSON.stringify({ version: 1, told }, null, 2)}\n`, 0o600, {
      durable: false,
    }).catch(() => undefined)
  }

  function inTurn<T>(step: () => Promise<T>): Promise<T> {
    const result = queue.then(step)
    queue = result.catch(() => undefined)
    return result
  }

  return {
    tell(alias, situation) {
      if (toldThisRun.get(alias) === situation) return Promise.resolve(false)
      toldThisRun.set(alias, situation)
      return inTurn(async () => {
        const told = await readTold()
        if (told[alias] === situation) return false
        await writeTold({ ...told, [alias]: situation })
        return true
      })
    },
    forget(alias) {
      toldThisRun.delete(alias)
      return inTurn(async () => {
        const told = await readTold()
        if (!(alias in told)) return
        delete told[alias]
        await writeTold(told)
      })
    },
  }
}
