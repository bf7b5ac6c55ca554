// Assembles the core for one process: settings, accounts, budget, the Demo server, the service.
// The app, the CLI and `plausible ui` each open one; tests open one on a temp config dir.
// The budget is shared: usage.json under a file lock for every process on this machine, or Redis
// (PLAUSIBLE_REDIS_URL / redisUrl) across machines; write jobs are journaled under queue/.
import { join } from 'node:path'
import type { ContractHandlers } from '../shared/contract'
import { createAccountDirectory, type ResolvedAccount } from './accounts/account-directory'
import { demoAccount } from './accounts/config-schema'
import { createConfSettingsStore } from './accounts/conf-settings-store'
import { createKeyChecker } from './accounts/key-check'
import { overridesFromEnv, type AccountOverrides } from './accounts/overrides'
import { dryRunFetch } from './api/dry-run'
import { createHttpHistory, type HttpHistory } from './api/history'
import { createFileLedgerStore } from './budget/file-ledger-store'
import { createLedger, type Ledger } from './budget/ledger'
import type { RequestPriority } from './budget/policy'
import { createReadCache } from './cache/read-cache'
import {
  asConfigDirError,
  configDirError,
  isConfigDirFailure,
  prepareConfigDir,
  tightenedWarning,
} from './config-dir'
import { createConnector } from './connection'
import { createCapabilityCache } from './api/capability-cache'
import { createDemoServer } from './demo'
import { openGlance, type Glance } from './glance/glance'
import { createRequestFetch } from './api/request-fetch'
import { eventJobKind } from './queue/event-job-kind'
import { createJournal } from './queue/journal'
import { createScheduler } from './queue/scheduler'
import { createSiteWrites, siteWriteJobKind } from './queue/site-writes'
import type { Sleep } from './queue/sleep'
import { createTelemetry, type Telemetry } from './queue/telemetry'
import { createWriteQueue, type JobSender, type WriteQueue } from './queue/write-queue'
import { systemClock, type Clock, type Fetch, type SecretStore, type SettingsStore } from './ports'
import { createDefaultSecretStore } from './secrets/default-secret-store'
import { createSecretRedactor, type SecretRedactor } from './secrets/redactor'
import { createPerCore } from './per-core'
import type { HandlerDeps } from './handlers/types'
import { createService } from './service'
import { frozenClockFrom } from './frozen-clock'

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
  /** Share the budget across machines through this Redis (default: PLAUSIBLE_REDIS_URL); else usage.json. */
  redisUrl?: string
  /** Share of each hour background refresh and tray polling leave alone; default 0.1. */
  reserveFraction?: number
  /** Deliver the write journal from this process when no other process does. Default true. */
  deliverJournal?: boolean
  /** Prune the journal only while its done/ holds at most so many files (WriteQueueOptions.pruneUpToDoneFiles). */
  pruneUpToDoneFiles?: number
  /** --dry-run: every request is described (key masked) and refused with DRY_RUN; nothing is sent or counted. */
  dryRun?: boolean
  /** Which face this core serves (cli, ui), shown in `debug http`; default app. */
  face?: string
  /** Injected waits and jitter, for tests that live through an hour in milliseconds. */
  sleep?: Sleep
  random?: () => number
}

export interface Core {
  /** The contract at interactive priority (the window, `plausible ui`). */
  handlers: ContractHandlers
  /** The contract at a host's priority: the control socket asks for cli, the tray for tray. */
  handlersFor(priority: RequestPriority): ContractHandlers
  /** What handlers at `priority` are made with: a long-running host starts its per-core services from it. */
  handlerDeps(priority: RequestPriority): HandlerDeps
  configDir: string
  budget: Ledger
  /** The journal of write jobs (events now; site and goal changes register their own senders). */
  queue: WriteQueue
  /** Job and request events: queued, started, retry, succeeded, failed, budget exhausted, paused. */
  telemetry: Telemetry
  /** The requests this machine sent and their answers, keys masked (`debug http`, --verbose). */
  history: HttpHistory
  /** The tray's preferences and realtime history; the app's tray polls into it. */
  glance: Glance
  /**
   * The account a command names, else the default, as the handlers resolve it (one-run overrides
   * included), without reading the other accounts' keys or starting the Demo sandbox as a list does.
   */
  resolveAccount(alias?: string): Promise<ResolvedAccount>
  /** Stops the queue (jobs in flight get a moment to finish; the rest stay journaled) and the scheduler. */
  close(): Promise<void>
}

/** Fails at once with CONFIG_DIR (path, errno, what to do) when the config folder cannot hold our files. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const privacy = await prepareConfigDir(options.configDir)
  for (const entry of privacy.tightened) options.onWarning?.(tightenedWarning(entry))
  try {
    return await assembleCore(options)
  } catch (error) {
    throw asConfigDirError(options.configDir, error)
  }
}

async function assembleCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env
  const clock = options.clock ?? frozenClockFrom(env) ?? systemClock
  const redactor = createSecretRedactor()
  const history = createHttpHistory({
    dir: options.configDir,
    redactor,
    clock,
    face: options.face ?? 'app',
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  })
  // Every request that really goes out is recorded for `debug http`; a dry run sends none.
  const fetch: Fetch = options.dryRun ? dryRunFetch : history.wrap(options.fetch ?? createRequestFetch())
  const settings = options.settings ?? createConfSettingsStore(options.configDir, options.onWarning)
  if (options.addDemoIfEmpty) addDemoIfEmpty(settings)
  const demo = createDemoServer(clock)
  const secrets =
    options.secrets ??
    createDefaultSecretStore({
      configDir: options.configDir,
      env,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    })
  const accounts = createAccountDirectory({
    settings,
    secrets,
    redactor,
    overrides: { ...overridesFromEnv(env), ...options.overrides },
  })
  const warn = options.onWarning ?? (() => undefined)
  const redisUrl = options.redisUrl ?? env.PLAUSIBLE_REDIS_URL
  const budget = createLedger({
    clock,
    ...(options.reserveFraction !== undefined ? { reserveFraction: options.reserveFraction } : {}),
    // ioredis loads only when a Redis URL is configured.
    store: redisUrl
      ? (await import('./budget/redis-ledger-store')).createRedisLedgerStore({ url: redisUrl })
      : createFileLedgerStore({
          path: join(options.configDir, 'usage.json'),
          now: clock,
          onCorrupt: ({ movedTo, reason }) =>
            warn(
              `The usage ledger could not be read (${reason}); it was moved to ${movedTo} and counting starts again.`,
            ),
        }),
  })
  const telemetry = createTelemetry()
  const waits = {
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  }
  const scheduler = createScheduler({ ledger: budget, clock, telemetry, ...waits })
  const cache = createReadCache({ clock })
  const connector = createConnector({
    accounts,
    ledger: budget,
    scheduler,
    cache,
    demo,
    clock,
    fetch,
    ...(options.dryRun ? { dryRun: true } : {}),
  })
  const queue = createWriteQueue({
    journal: createJournal({
      dir: join(options.configDir, 'queue'),
      onCorrupt: ({ movedTo }) =>
        warn(
          `A queued job could not be read; it was moved to ${movedTo}. Mend it and run \`plausible queue corrupt retry\`, or \`plausible queue corrupt delete\`.`,
        ),
    }),
    clock,
    telemetry,
    ...(options.pruneUpToDoneFiles !== undefined ? { pruneUpToDoneFiles: options.pruneUpToDoneFiles } : {}),
    // The Events API has no idempotency key (plausible-api.md §7): a send cut short may repeat.
    onInterrupted: (jobs) =>
      warn(
        `${jobs.length} write job(s) were cut short by a crash after their request may have left; they are sent again and may arrive twice (see plausible queue inspect).`,
      ),
    ...waits,
  })
  // The sender (and the Events client under it) loads with the first event job: most commands send none.
  let eventSender: Promise<JobSender> | undefined
  queue.registerSender(eventJobKind, async (job, context) => {
    eventSender ??= import('./queue/event-sender').then(({ createEventSender }) =>
      createEventSender({
        // The core's own fetch: kept-alive node:http connections, 8 per server, as the queue sends 8 at once.
        fetch,
        demoBaseUrl: async () => (await demo.get()).baseUrl,
      }),
    )
    return (await eventSender)(job, context)
  })
  // Sites API writes are journaled like events, and answered to the caller when the server replies.
  const siteWrites = createSiteWrites({
    queue,
    telemetry,
    connector,
    onWritten: () => cache.clear(),
    ...(options.dryRun ? { dryRun: true } : {}),
  })
  queue.registerSender(siteWriteJobKind, siteWrites.sender)
  const capabilities = createCapabilityCache({ connector, clock })
  const keyChecker = createKeyChecker({
    connector,
    budget,
    clock,
    fetch,
  })
  const glance = openGlance({ configDir: options.configDir, now: clock, onWarning: warn })
  const perCore = createPerCore()
  const handlerDeps = (priority: RequestPriority): HandlerDeps => ({
    accounts,
    connector,
    demo,
    clock,
    settings,
    secrets,
    keyChecker,
    budget,
    priority,
    scheduler,
    cache,
    queue,
    glance,
    telemetry,
    isDryRun: options.dryRun === true,
    history,
    siteWrites,
    capabilities,
    configDir: options.configDir,
    fetch,
    perCore,
  })
  const byPriority = new Map<RequestPriority, ContractHandlers>()
  const handlersFor = (priority: RequestPriority): ContractHandlers => {
    let handlers = byPriority.get(priority)
    if (!handlers) {
      handlers = redactErrors(options.configDir, createService(handlerDeps(priority)), redactor)
      byPriority.set(priority, handlers)
    }
    return handlers
  }
  // A dry run delivers nothing, not even jobs an earlier run left in the journal.
  if (options.deliverJournal !== false && !options.dryRun) await queue.start()
  return {
    handlers: handlersFor('interactive'),
    handlersFor,
    handlerDeps,
    configDir: options.configDir,
    budget,
    queue,
    telemetry,
    history,
    glance,
    resolveAccount: (alias) => accounts.resolve(alias),
    close: async () => {
      await glance.close()
      await queue.close()
      await scheduler.close()
      await budget.close()
      await demo.close()
      await history.flush()
    },
  }
}

/**
 * Every error leaving a handler has known keys and Bearer tokens masked; keys in inputs become known.
 * A file system failure inside the config folder leaves as CONFIG_DIR (path and errno), not INTERNAL.
 */
function redactErrors(
  configDir: string,
  handlers: ContractHandlers,
  redactor: SecretRedactor,
): ContractHandlers {
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
        if (isConfigDirFailure(configDir, error)) throw configDirError(configDir, error)
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
