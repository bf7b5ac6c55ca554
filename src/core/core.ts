// Assembles the core for one process: settings, accounts, budget, the Demo server, the service.
// The app, the CLI and `plausible ui` each open one; tests open one on a temp config dir.
import type { ContractHandlers } from '../shared/contract'
import { createAccountDirectory } from './accounts/account-directory'
import { demoAccount } from './accounts/config-schema'
import { createConfSettingsStore } from './accounts/conf-settings-store'
import { overridesFromEnv, type AccountOverrides } from './accounts/overrides'
import { createHourLedger } from './budget/hour-ledger'
import { createConnector } from './connection'
import { createDemoServer } from './demo'
import { systemClock, type Clock, type Fetch, type SecretStore, type SettingsStore } from './ports'
import { createService } from './service'

export interface CoreOptions {
  configDir: string
  env?: Record<string, string | undefined>
  /** Flags that override the environment for this run (the CLI's --account, --base-url…). */
  overrides?: AccountOverrides
  settings?: SettingsStore
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
  const accounts = createAccountDirectory({
    settings,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    overrides: { ...overridesFromEnv(options.env ?? process.env), ...options.overrides },
  })
  const ledger = createHourLedger(clock)
  const connector = createConnector({
    accounts,
    ledger,
    demo,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const handlers = createService({ accounts, connector, ledger, demo, clock })
  return {
    handlers,
    configDir: options.configDir,
    close: () => demo.close(),
  }
}

function addDemoIfEmpty(settings: SettingsStore): void {
  const config = settings.read()
  if (config.accounts.length > 0) return
  settings.write({ accounts: [{ ...demoAccount }], defaultAccount: demoAccount.alias })
}
