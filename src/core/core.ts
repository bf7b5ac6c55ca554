// Assembles the core for one process: settings, accounts, budget, the Demo server, the service.
// The app, the CLI and `plausible ui` each open one; tests open one on a temp config dir.
import type { ContractHandlers } from '../shared/contract'
import { createAccountDirectory } from './accounts/account-directory'
import { demoAccount } from './accounts/config-schema'
import { createConfSettingsStore } from './accounts/conf-settings-store'
import { createKeyChecker } from './accounts/key-check'
import { overridesFromEnv, type AccountOverrides } from './accounts/overrides'
import { createHourLedger } from './budget/hour-ledger'
import { createConnector } from './connection'
import { createDemoServer } from './demo'
import { systemClock, type Clock, type Fetch, type SecretStore, type SettingsStore } from './ports'
import { createDefaultSecretStore } from './secrets/default-secret-store'
import { createSecretRedactor, type SecretRedactor } from './secrets/redactor'
import { createService } from './service'

export interface CoreOptions {
  configDir: string
  env?: Record<string, string | undefined>
  /** Flags that override the environment for this run (the CLI's --account, --base-url…). */
  overrides?: AccountOverrides
  settings?: SettingsStore
  /** Default: the OS keychain through keytar, or 0600 files under configDir/secrets where none answers. */
  secrets?: SecretStore
  clock?: Clock
  fetch?: Fetch
  /** First start of the app or `plausible ui`: an empty config gets the Demo account. */
  addDemoIfEmpty?: boolean
  onWarning?: (message: string) => void
}

export interface Core {
  handlers: ContractHandlers
  configDir: string
  close(): Promise<void>
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock
  const settings = options.settings ?? createConfSettingsStore(options.configDir, options.onWarning)
  if (options.addDemoIfEmpty) addDemoIfEmpty(settings)
  const demo = createDemoServer(clock)
  const env = options.env ?? process.env
  const secrets =
    options.secrets ??
    createDefaultSecretStore({
      configDir: options.configDir,
      env,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    })
  const redactor = createSecretRedactor()
  const accounts = createAccountDirectory({
    settings,
    secrets,
    redactor,
    overrides: { ...overridesFromEnv(env), ...options.overrides },
  })
  const ledger = createHourLedger(clock)
  const connector = createConnector({
    accounts,
    ledger,
    demo,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const keyChecker = createKeyChecker({
    connector,
    ledger,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const handlers = redactErrors(
    createService({ accounts, connector, ledger, demo, clock, settings, secrets, keyChecker }),
    redactor,
  )
  return {
    handlers,
    configDir: options.configDir,
    close: () => demo.close(),
  }
}

/** Every error leaving a handler has known keys and Bearer tokens masked; keys in inputs become known. */
function redactErrors(handlers: ContractHandlers, redactor: SecretRedactor): ContractHandlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [name, handler] of Object.entries(handlers) as Array<
    [string, (input: unknown) => Promise<unknown>]
  >) {
    wrapped[name] = async (input) => {
      if (input && typeof input === 'object' && 'apiKey' in input && typeof input.apiKey === 'string')
        redactor.remember(input.apiKey)
      try {
        return await handler(input)
      } catch (error) {
        throw redactor.redactError(error)
      }
    }
  }
  return wrapped as ContractHandlers
}

function addDemoIfEmpty(settings: SettingsStore): void {
  const config = settings.read()
  if (config.accounts.length > 0) return
  settings.write({ accounts: [{ ...demoAccount }], defaultAccount: demoAccount.alias })
}
