// Resolves which account a call uses and with which key: stored accounts, the Demo account,
// and the one-run overrides, in that order of precedence reversed (overrides win).
import type { AccountSummary, KeySource } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import type { SecretStore, SettingsStore, StoredAccount } from '../ports'
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
  isDemo: boolean
  apiKey: string | null
  keySource: KeySource
}

export interface AccountDirectory {
  resolve(alias?: string): Promise<ResolvedAccount>
  list(): Promise<AccountSummary[]>
}

export function createAccountDirectory(deps: {
  settings: SettingsStore
  secrets?: SecretStore
  overrides: AccountOverrides
}): AccountDirectory {
  const { settings, secrets, overrides } = deps

  async function fromStored(stored: StoredAccount): Promise<ResolvedAccount> {
    const useOverrides =
      !stored.isDemo && (overrides.account === undefined || overrides.account === stored.alias)
    const envKey = useOverrides ? overrides.apiKey : undefined
    const storedKey = stored.isDemo || envKey ? null : ((await secrets?.get(stored.alias)) ?? null)
    const keySource: KeySource = stored.isDemo
      ? 'demo'
      : envKey
        ? 'env'
        : storedKey
          ? secrets?.kind === 'file'
            ? 'file'
            : 'keychain'
          : 'none'
    return {
      alias: stored.alias,
      baseUrl: useOverrides && overrides.baseUrl ? overrides.baseUrl : stored.baseUrl,
      hourlyLimit: (useOverrides ? overrides.hourlyLimit : undefined) ?? stored.hourlyLimit,
      isDemo: stored.isDemo === true,
      apiKey: envKey ?? storedKey,
      keySource,
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
    }
  }

  return {
    async resolve(alias) {
      const config = settings.read()
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
      return resolved.map((account) => ({
        alias: account.alias,
        baseUrl: account.baseUrl,
        isDefault: account.alias === defaultAlias,
        isDemo: account.isDemo,
        hourlyLimit: account.hourlyLimit,
        keySource: account.keySource,
        maskedKey: account.apiKey ? maskKey(account.apiKey) : null,
      }))
    },
  }
}
