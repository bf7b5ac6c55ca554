// What a domain's handlers receive, and the slice of the contract each domain implements.
import type { ContractHandlers } from '../../shared/contract'
import type { AccountDirectory } from '../accounts/account-directory'
import type { KeyChecker } from '../accounts/key-check'
import type { HourLedger } from '../budget/hour-ledger'
import type { Connector } from '../connection'
import type { DemoServer } from '../demo'
import type { Clock, SecretStore, SettingsStore } from '../ports'

export interface HandlerDeps {
  accounts: AccountDirectory
  connector: Connector
  ledger: HourLedger
  demo: DemoServer
  clock: Clock
  /** accounts.* writes config.json and keys directly; every other domain reads through `accounts`. */
  settings: SettingsStore
  secrets: SecretStore
  keyChecker: KeyChecker
}

/** The calls whose names start with `prefix.` — one domain's share of the contract. */
export type DomainHandlers<Prefix extends string> = {
  [N in keyof ContractHandlers as N extends `${Prefix}.${string}` ? N : never]: ContractHandlers[N]
}
