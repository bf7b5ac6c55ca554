// accounts.* — the configured accounts: add, list, switch, remove, export and import, budgets and key
// rotation.
// Keys come in through add/rotate inputs and go to the SecretStore; no output ever carries one.
import type { AccountSummary } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import { summarize } from '../accounts/account-directory'
import { defaultHourlyLimit, demoAccount } from '../accounts/config-schema'
import { refuseInsecureHttp } from '../accounts/insecure-http'
import { isPlainHttpToNetwork } from '../../shared/plain-http'
import { normalizeBaseUrl } from '../api/client'
import { toPlausibleError } from '../dispatch'
import type { StoredAccount, StoredConfig } from '../ports'
import type { DomainHandlers, HandlerDeps } from './types'

export function accountHandlers(deps: HandlerDeps): DomainHandlers<'accounts'> {
  const { accounts, demo, settings, secrets, keyChecker, connector, budget, clock } = deps

  async function listSummaries(): Promise<AccountSummary[]> {
    const list = await accounts.list()
    const sandbox = list.some((account) => account.isDemo) ? await demo.get() : null
    return list.map((account) =>
      account.isDemo && sandbox ? { ...account, baseUrl: sandbox.baseUrl } : account,
    )
  }

  async function summaryOf(alias: string): Promise<AccountSummary> {
    const found = (await listSummaries()).find((account) => account.alias === alias)
    if (found) return found
    // PLAUSIBLE_ACCOUNT may point the one-run overrides at another alias; describe the stored one.
    return summarize(await accounts.resolve(alias), settings.read().defaultAccount === alias)
  }

  async function keyStore() {
    return (await accounts.keyStore()) ?? { backend: secrets.kind, note: null, folder: null }
  }

  return {
    async 'accounts.list'() {
      const store = await accounts.keyStore()
      return { accounts: await listSummaries(), ...(store ? { keyStore: store } : {}) }
    },

    async 'accounts.add'(input) {
      if (findStored(settings.read(), input.alias)) throw accountExists(input.alias)
      const baseUrl = normalizeBaseUrl(input.baseUrl)
      // Refused before the key check: without consent the key never leaves in clear text.
      refuseInsecureHttp({ alias: input.alias, baseUrl, allowInsecureHttp: input.allowInsecureHttp }, 'add')
      const account: StoredAccount = {
        alias: input.alias,
        baseUrl,
        hourlyLimit: input.hourlyLimit ?? defaultHourlyLimit,
        ...(input.dailyCap !== undefined ? { dailyCap: input.dailyCap } : {}),
        // Kept only where it means something: a plain http URL to another machine.
        ...(input.allowInsecureHttp === true && isPlainHttpToNetwork(baseUrl)
          ? { allowInsecureHttp: true }
          : {}),
      }
      const verified = input.verify !== false
      // Checked before anything is written, so a refused key leaves no trace.
      if (verified) await keyChecker.check({ ...account, apiKey: input.apiKey })
      await secrets.set(account.alias, input.apiKey)
      try {
        const config = settings.read()
        if (findStored(config, account.alias)) throw accountExists(account.alias)
        settings.write({
          accounts: [...config.accounts, account],
          defaultAccount: shouldBecomeDefault(config, input.makeDefault === true)
            ? account.alias
            : config.defaultAccount,
        })
      } catch (error) {
        await secrets.delete(account.alias).catch(() => false)
        throw error
      }
      return { account: await summaryOf(account.alias), verified, keyStore: await keyStore() }
    },

    async 'accounts.use'({ alias }) {
      const config = settings.read()
      requireStored(config, alias)
      settings.write({ ...config, defaultAccount: alias })
      return { account: await summaryOf(alias) }
    },

    async 'accounts.remove'({ alias, purgeUsage }) {
      const stored = requireStored(settings.read(), alias)
      // The usage bucket is named by server and key, so find it while the key is still here.
      const usage =
        purgeUsage === true ? await accounts.resolve(alias).then(connector.budgetOf, () => null) : null
      // The key goes first: if the keychain refuses, nothing changed and the command can be repeated.
      const keyRemoved = stored.isDemo ? false : await secrets.delete(alias)
      const config = settings.read()
      const remaining = config.accounts.filter((account) => account.alias !== alias)
      const defaultAccount =
        config.defaultAccount === alias || config.defaultAccount === null
          ? ((remaining.find((account) => !account.isDemo) ?? remaining[0])?.alias ?? null)
          : config.defaultAccount
      settings.write({ accounts: remaining, defaultAccount })
      if (usage) await budget.forget(usage)
      const usagePurged = usage !== null
      return { alias, keyRemoved, usagePurged, defaultAccount }
    },

    async 'accounts.export'() {
      const config = settings.read()
      return {
        format: 'plausible-desktop/accounts' as const,
        version: 1 as const,
        exportedAt: new Date(clock()).toISOString(),
        defaultAccount: config.defaultAccount,
        accounts: config.accounts.map((account) => ({
          alias: account.alias,
          baseUrl: account.baseUrl,
          hourlyLimit: account.hourlyLimit,
          ...(account.dailyCap !== undefined ? { dailyCap: account.dailyCap } : {}),
          isDefault: account.alias === config.defaultAccount,
          isDemo: account.isDemo === true,
          ...(account.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
        })),
      }
    },

    async 'accounts.import'({ accounts: incoming, defaultAccount }) {
      const config = settings.read()
      const added: StoredAccount[] = []
      const kept: Array<{ alias: string; reason: string }> = []
      const isKnown = (alias: string): boolean =>
        findStored(config, alias) !== undefined || added.some((account) => account.alias === alias)
      for (const account of incoming) {
        // Restoring never overwrites: what is configured here now is what the user last chose.
        if (isKnown(account.alias)) {
          kept.push({
            alias: account.alias,
            reason: findStored(config, account.alias)
              ? 'already configured here; kept as it is'
              : 'listed twice; the first one was taken',
          })
          continue
        }
        let baseUrl: string
        try {
          baseUrl = account.isDemo ? demoAccount.baseUrl : normalizeBaseUrl(account.baseUrl)
        } catch (error) {
          kept.push({ alias: account.alias, reason: toPlausibleError(error).message })
          continue
        }
        added.push({
          alias: account.alias,
          baseUrl,
          hourlyLimit: account.hourlyLimit ?? defaultHourlyLimit,
          ...(account.dailyCap !== undefined ? { dailyCap: account.dailyCap } : {}),
          ...(account.isDemo ? { isDemo: true } : {}),
          // The consent an export carries is the user's own, for this very URL.
          ...(account.allowInsecureHttp && !account.isDemo && isPlainHttpToNetwork(baseUrl)
            ? { allowInsecureHttp: true }
            : {}),
        })
      }
      const accounts = [...config.accounts, ...added]
      const wanted =
        defaultAccount && accounts.some((account) => account.alias === defaultAccount) ? defaultAccount : null
      const next = wanted && shouldBecomeDefault(config, false) ? wanted : config.defaultAccount
      if (added.length > 0 || next !== config.defaultAccount)
        settings.write({ accounts, defaultAccount: next })
      return {
        added: await Promise.all(added.map((account) => summaryOf(account.alias))),
        kept,
        defaultAccount: next,
      }
    },

    async 'accounts.budget'({ alias, hourlyLimit, dailyCap, clear }) {
      const config = settings.read()
      const stored = requireStored(config, alias)
      const updated: StoredAccount = clear
        ? withoutDailyCap({ ...stored, hourlyLimit: defaultHourlyLimit })
        : {
            ...stored,
            ...(hourlyLimit !== undefined ? { hourlyLimit } : {}),
            ...(dailyCap !== undefined ? { dailyCap } : {}),
          }
      settings.write({
        ...config,
        accounts: config.accounts.map((account) => (account.alias === alias ? updated : account)),
      })
      return { account: await summaryOf(alias) }
    },

    async 'accounts.allowInsecureHttp'({ alias, allow }) {
      const config = settings.read()
      const stored = requireStored(config, alias)
      if (stored.isDemo)
        throw new PlausibleError('USAGE', {
          message: 'The Demo account sends no key anywhere; there is nothing to allow.',
          hint: 'Name one of your own accounts (`plausible accounts list`).',
        })
      const { allowInsecureHttp: _previous, ...rest } = stored
      // An https or loopback URL needs no consent: nothing is kept for it.
      const updated: StoredAccount =
        allow && isPlainHttpToNetwork(stored.baseUrl) ? { ...rest, allowInsecureHttp: true } : rest
      settings.write({
        ...config,
        accounts: config.accounts.map((account) => (account.alias === alias ? updated : account)),
      })
      return { account: await summaryOf(alias) }
    },

    async 'accounts.rotate'({ alias, apiKey }) {
      const stored = requireStored(settings.read(), alias)
      if (stored.isDemo)
        throw new PlausibleError('USAGE', {
          message: 'The Demo account has no key to rotate.',
          hint: 'Add your own account with `plausible accounts add <alias> --base-url <url>`.',
        })
      // The new key must work before the old one is touched: a refusal here changes nothing.
      await keyChecker.check({ ...stored, apiKey })
      const previous = await secrets.get(alias)
      // One replace in the keychain, or temp file + rename on disk: either the old key or the new one.
      await secrets.set(alias, apiKey)
      if ((await secrets.get(alias)) !== apiKey) {
        if (previous) await secrets.set(alias, previous)
        throw new PlausibleError('INTERNAL', {
          message: `The new key of "${alias}" did not read back from the key store; the old key was kept.`,
        })
      }
      return { account: await summaryOf(alias), keyStore: await keyStore() }
    },
  }
}

function findStored(config: StoredConfig, alias: string): StoredAccount | undefined {
  return config.accounts.find((account) => account.alias === alias)
}

function requireStored(config: StoredConfig, alias: string): StoredAccount {
  const stored = findStored(config, alias)
  if (stored) return stored
  throw new PlausibleError('ACCOUNT_NOT_FOUND', {
    message: `There is no account "${alias}".`,
    ...(config.accounts.length > 0
      ? { hint: `Known accounts: ${config.accounts.map((account) => account.alias).join(', ')}.` }
      : {}),
  })
}

function accountExists(alias: string): PlausibleError {
  return new PlausibleError('ACCOUNT_EXISTS', { message: `There is already an account "${alias}".` })
}

/** Asked for, or the first real account replacing the Demo account (or no account) as the default. */
function shouldBecomeDefault(config: StoredConfig, asked: boolean): boolean {
  if (asked) return true
  const current = config.accounts.find((account) => account.alias === config.defaultAccount)
  if (!current) return true
  return current.isDemo === true && !config.accounts.some((account) => !account.isDemo)
}

function withoutDailyCap(account: StoredAccount): StoredAccount {
  const { dailyCap: _dropped, ...rest } = account
  return rest
}
