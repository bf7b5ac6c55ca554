// What a domain's handlers receive, and the slice of the contract each domain implements.
import type { ContractHandlers } from '../../shared/contract'
import type { AccountDirectory } from '../accounts/account-directory'
import type { KeyChecker } from '../accounts/key-check'
import type { Ledger } from '../budget/ledger'
import type { RequestPriority } from '../budget/policy'
import type { ReadCache } from '../cache/read-cache'
import type { Connector } from '../connection'
import type { DemoServer } from '../demo'
import type { CapabilityCache } from '../api/capability-cache'
import type { Glance } from '../glance/glance'
import type { Clock, Fetch, SecretStore, SettingsStore } from '../ports'
import type { Scheduler } from '../queue/scheduler'
import type { SiteWrites } from '../queue/site-writes'
import type { Telemetry } from '../queue/telemetry'
import type { WriteQueue } from '../queue/write-queue'
import type { HttpHistory } from '../api/history'

export interface HandlerDeps {
  accounts: AccountDirectory
  connector: Connector
  demo: DemoServer
  clock: Clock
  /** accounts.* writes config.json and keys directly; every other domain reads through `accounts`. */
  settings: SettingsStore
  secrets: SecretStore
  keyChecker: KeyChecker
  /** The shared, persisted budget: usage.json under a lock, or Redis. */
  budget: Ledger
  /**
   * Whom these handlers answer, fixed by the host they were handed to (core.handlersFor): the IPC host
   * says interactive, the control socket cli, the tray tray. No call input carries it, so a renderer
   * cannot buy a better place in the queue; a caller only chooses whether to wait for the budget.
   */
  priority: RequestPriority
  scheduler: Scheduler
  cache: ReadCache
  queue: WriteQueue
  /** The tray's preferences, realtime history rings and polling status (pins.*, alerts.*, tray.*, realtime.*). */
  glance: Glance
  /** Job events of this process (events.send waits on its own job's answer). */
  telemetry: Telemetry
  /** --dry-run: handlers that would journal a write describe its request instead. */
  isDryRun: boolean
  /** The requests this machine sent (debug.http). */
  history: HttpHistory
  /** Sites API writes (sites, goals, props, shared links, guests) through the write journal. */
  siteWrites: SiteWrites
  /** Each account's capability probe, kept for the life of the process. */
  capabilities: CapabilityCache
  /**
   * The one value of this core under `key`, made by `make` on the first ask: what every priority's
   * handlers and the core's host share (the overview, open window imports, the /metrics endpoint…).
   */
  perCore<T>(key: string, make: () => T): T
  /** doctor.* checks the folder and its files. */
  configDir: string
  /** The fetch requests go out through (the dry-run fetch under --dry-run); doctor's unkeyed health check. */
  fetch?: Fetch
}

/** The calls whose names start with `prefix.` — one domain's share of the contract. */
export type DomainHandlers<Prefix extends string> = {
  [N in keyof ContractHandlers as N extends `${Prefix}.${string}` ? N : never]: ContractHandlers[N]
}
