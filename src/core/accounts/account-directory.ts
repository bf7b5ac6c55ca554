// Resolves which account a call uses and with which key: stored accounts, the Demo account,
// and the one-run overrides, in that order of precedence reversed (overrides win).
import type { AccountSummary, KeySource } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import type { SecretStore, SecretStoreStatus, SettingsStore, StoredAccount } from '../ports'
import type { SecretRedactor } from '../secrets/redactor'
import { defaultHourlyLimit } from './config-schema'
import { maskKey } from './mask'
import type { AccountOverrides } from './overrides'

/** The alias of an account that exists only for this run, from PLAUSIBLE_API_KEY. */
export const envAccountAlias = 'env'

const plausibleIo = 'https://plausible.io'

export interface ResolvedAccount {
  alias: string
  /** For the Demo account: `builtin:sandbox`, replaced by the running sandbox's URL by the caller. */
  baseUrl: string
  hourlyLimit: number
  /** Requests per local day; absent when the account has no daily cap. */
  dailyCap?: number
  isDemo: boolean
  apiKey: string | null
  keySource: KeySource
  /**
   * The user agreed to send the key over plain http to this baseUrl: given with the stored account for its
   * own URL, or for this run (PLAUSIBLE_ALLOW_INSECURE_HTTP=1). The connector refuses a plain http URL
   * to another machine without it.
   */
  allowInsecureHttp: boolean
  /** The baseUrl was named for this run (--base-url, PLAUSIBLE_BASE_URL), not stored with the account. */
  isBaseUrlForRun?: boolean
  /**
   * The Demo account only: a server named for this run (--base-url, PLAUSIBLE_BASE_URL) that it cannot
   * honour. Set, it makes a request refuse to run rather than answer from the sandbox.
   */
  ignoredBaseUrl?: string
}

export interface AccountDirectory {
  resolve(alias?: string): Promise<ResolvedAccount>
  list(): Promise<AccountSummary[]>
  /** Where new keys go on this machine; null when no secret store is wired (some tests). */
  keyStore(): Promise<SecretStoreStatus | null>
}

/** Two spellings of one base URL (case, a trailing slash): the same server. */
function isSameServer(a: string, b: string): boolean {
  const canonical = (url: string): string | null => {
    try {
      const parsed = new URL(url.trim())
      return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`
    } catch {
      return null
    }
  }
  const left = canonical(a)
  return left !== null && left === canonical(b)
}

/** The summary the window and `accounts list` show: the key masked, its source named. */
export function summarize(account: ResolvedAccount, isDefault: boolean): AccountSummary {
  return {
    alias: account.alias,
    baseUrl: account.baseUrl,
    isDefault,
    isDemo: account.isDemo,
    hourlyLimit: account.hourlyLimit,
    ...(account.dailyCap !== undefined ? { dailyCap: account.dailyCap } : {}),
    keySource: account.keySource,
    maskedKey: account.apiKey ? maskKey(account.apiKey) : null,
    ...(account.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
  }
}

export function createAccountDirectory(deps: {
  settings: SettingsStore
  secrets?: SecretStore
  overrides: AccountOverrides
  /** Told every key the directory hands out, so errors that quote one are masked. */
  redactor?: SecretRedactor
}): AccountDirectory {
  const { settings, secrets, overrides, redactor } = deps
  redactor?.remember(overrides.apiKey)

  async function storedKey(alias: string): Promise<{ secret: string; source: KeySource } | null> {
    if (!secrets) return null
    const found = secrets.locate
      ? await secrets.locate(alias)
      : await secrets.get(alias).then((secret) => (secret ? { secret, source: secrets.kind } : null))
    if (!found) return null
    redactor?.remember(found.secret)
    return { secret: found.secret, source: found.source === 'file' ? 'file' : 'keychain' }
  }

  /** One-run overrides apply to the account the run names, or to every account when it names none. */
  function appliesTo(stored: StoredAccount): boolean {
    return overrides.account === undefined || overrides.account === stored.alias
  }

  async function fromStored(stored: StoredAccount): Promise<ResolvedAccount> {
    const useOverrides = !stored.isDemo && appliesTo(stored)
    const envKey = useOverrides ? overrides.apiKey : undefined
    const found = stored.isDemo || envKey ? null : await storedKey(stored.alias)
    const keySource: KeySource = stored.isDemo ? 'demo' : envKey ? 'env' : (found?.source ?? 'none')
    const isOverridden = useOverrides && overrides.baseUrl !== undefined
    return {
      alias: stored.alias,
      baseUrl: isOverridden && overrides.baseUrl ? overrides.baseUrl : stored.baseUrl,
      hourlyLimit: (useOverrides ? overrides.hourlyLimit : undefined) ?? stored.hourlyLimit,
      ...(stored.dailyCap !== undefined ? { dailyCap: stored.dailyCap } : {}),
      isDemo: stored.isDemo === true,
      apiKey: envKey ?? found?.secret ?? null,
      keySource,
      // Consent is for the URL it was given with: another server named for the run needs the run's own.
      allowInsecureHttp:
        overrides.allowInsecureHttp === true ||
        (stored.allowInsecureHttp === true &&
          (!isOverridden || isSameServer(overrides.baseUrl ?? '', stored.baseUrl))),
      ...(isOverridden ? { isBaseUrlForRun: true } : {}),
      ...(stored.isDemo && overrides.baseUrl && appliesTo(stored)
        ? { ignoredBaseUrl: overrides.baseUrl }
        : {}),
    }
  }

  function envAccount(): ResolvedAccount | null {
    if (!overrides.apiKey) return null
    return {
      alias: overrides.account ?? envAccountAlias,
      baseUrl: overrides.baseUrl ?? plausibleIo,
      hourlyLimit: overrides.hourlyLimit ?? defaultHourlyLimit,
      isDemo: false,
      apiKey: overrides.apiKey,
      keySource: 'env',
      allowInsecureHttp: overrides.allowInsecureHttp === true,
      isBaseUrlForRun: true,
    }
  }

  return {
    async resolve(alias) {
      const config = settings.view?.() ?? settings.read()
      const wanted = alias ?? overrides.account
      if (wanted !== undefined) {
        const stored = config.accounts.find((account) => account.alias === wanted)
        if (stored) return fromStored(stored)
        const env = envAccount()
        if (env && env.alias === wanted) return env
        throw new PlausibleError('ACCOUNT_NOT_FOUND', {
          message: `There is no account "${wanted}".`,
          hint:
            config.accounts.length > 0
              ? `Known accounts: ${config.accounts.map((a) => a.alias).join(', ')}.`
              : undefined,
        })
      }
      const env = envAccount()
      if (env) return env
      const stored =
        config.accounts.find((account) => account.alias === config.defaultAccount) ?? config.accounts[0]
      if (!stored) throw new PlausibleError('NO_ACCOUNT')
      return fromStored(stored)
    },
    async list() {
      const config = settings.read()
      const env = envAccount()
      const resolved = await Promise.all(config.accounts.map(fromStored))
      if (env && !resolved.some((account) => account.alias === env.alias)) resolved.unshift(env)
      const defaultAlias = env?.alias ?? overrides.account ?? config.defaultAccount ?? resolved[0]?.alias
      return resolved.map((account) => summarize(account, account.alias === defaultAlias))
    },
    async keyStore() {
      if (!secrets) return null
      return secrets.status ? secrets.status() : { backend: secrets.kind, note: null, folder: null }
    },
  }
}
