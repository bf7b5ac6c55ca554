// The core's view of the world: interfaces its adapters implement and its tests fake.

/** Milliseconds since the epoch; injected so a test can live through an hour in milliseconds. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

/** The fetch the API client uses; injected so tests and benchmarks can observe requests. */
export type Fetch = typeof fetch

/** Account metadata as stored in config.json. Never a secret. */
export interface StoredAccount {
  alias: string
  baseUrl: string
  hourlyLimit: number
  /** Requests per local day; absent means no daily cap (only the hourly limit applies). */
  dailyCap?: number
  /** The built-in Demo account, answered by an in-process sandbox. */
  isDemo?: boolean
  /** The user agreed to send the key over plain http to this baseUrl (`--allow-insecure-http`). */
  allowInsecureHttp?: boolean
}

export interface StoredConfig {
  accounts: StoredAccount[]
  defaultAccount: string | null
}

/** config.json: electron-store in the app, conf in the CLI — same file, same schema. */
export interface SettingsStore {
  read(): StoredConfig
  /**
   * The config as read() answers it, shared rather than copied, for a reader asked on every request (the
   * account a request goes to): frozen, never to be changed. A store without it is read through read().
   */
  view?(): Readonly<StoredConfig>
  write(config: StoredConfig): void
}

export type SecretBackend = 'keychain' | 'file' | 'memory'

/** Which backend a store writes to and why; `accounts list` and the window show it. */
export interface SecretStoreStatus {
  backend: SecretBackend
  /** Why this backend, when it is not the keychain by default: the fallback reason or the forcing variable. */
  note: string | null
  /** The folder of the file store; null for the keychain. */
  folder: string | null
}

/** Where API keys live (keychain, 0600 file, memory in tests). */
export interface SecretStore {
  readonly kind: SecretBackend
  get(alias: string): Promise<string | null>
  set(alias: string, secret: string): Promise<void>
  delete(alias: string): Promise<boolean>
  /** The key and the backend it was found in; stores that read from several backends implement it. */
  locate?(alias: string): Promise<{ secret: string; source: SecretBackend } | null>
  /** The backend writes go to, chosen once per process. */
  status?(): Promise<SecretStoreStatus>
}
