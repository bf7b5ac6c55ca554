// Turns an account alias into a ready client whose every request goes through the scheduler (priority,
// budget, retries, 429 pauses), and answers identical reads once (cache and coalescing). Every handler
// that talks to a server goes through here, so no request escapes the budget.
import { PlausibleError } from '../shared/errors'
import type { AccountDirectory, ResolvedAccount } from './accounts/account-directory'
import { createPlausibleClient, normalizeBaseUrl, type PlausibleClient } from './api/client'
import { budgetIdOf, refusalError, type BudgetAccount, type Ledger } from './budget/ledger'
import type { RequestPriority } from './budget/policy'
import { nextUtcHour } from './budget/utc-hour'
import { freshnessFor } from './cache/freshness'
import { readKey, type ReadCache } from './cache/read-cache'
import { refuseInsecureHttp } from './accounts/insecure-http'
import type { DemoServer } from './demo'
import type { Clock, Fetch } from './ports'
import type { Scheduler } from './queue/scheduler'

export interface Connection {
  account: ResolvedAccount
  client: PlausibleClient
}

export interface ConnectOptions {
  /** Who asks; set by the host, never by the caller's input (see handlers/types.ts). Default interactive. */
  priority?: RequestPriority
  /** false: a request the budget cannot afford fails at once with BUDGET_EXHAUSTED. Default true. */
  wait?: boolean
}

export interface Connector {
  connect(alias: string | undefined, options?: ConnectOptions): Promise<Connection>
  /** Runs requests on a connection. One from `connect` is already scheduled request by request; one built
   * elsewhere (a key check before the account exists) is counted as one request here. */
  send<T>(connection: Connection, request: (client: PlausibleClient) => Promise<T>): Promise<T>
  /** A read that may be answered from cache or by joining the same read in flight. */
  read<T>(
    connection: Connection,
    call: string,
    input: unknown,
    request: (client: PlausibleClient) => Promise<T>,
  ): Promise<T>
  /** What the ledger knows the account by. */
  budgetOf(account: ResolvedAccount): BudgetAccount
}

export interface ConnectorDeps {
  accounts: AccountDirectory
  ledger: Ledger
  scheduler: Scheduler
  cache: ReadCache
  demo: DemoServer
  clock: Clock
  fetch?: Fetch
  /** --dry-run: every request is described and refused before the scheduler, so nothing is sent or counted. */
  dryRun?: boolean
}

/** The Demo account's sandbox lives in this process; its budget is counted here alone. */
const demoBudgetId = 'demo'

export function createConnector(deps: ConnectorDeps): Connector {
  const { accounts, ledger, scheduler, cache, demo, clock } = deps
  /** Connections whose fetch goes through the scheduler (the budget is taken there, not in send). */
  const scheduled = new WeakSet<Connection>()
  const budgets = new WeakMap<Connection, BudgetAccount>()
  /**
   * One connection per account, priority and wait, reused while the account resolves the same: building
   * a client, a scheduled fetch and two weak-table entries for every call, cached reads included, left
   * garbage in the old generation that only a full GC frees (`plausible ui` grew with each cached read).
   * Bounded by the aliases in use; a changed key or URL replaces its entry.
   */
  const connections = new Map<
    string,
    { resolvedAs: ResolvedAccount; resolved: ResolvedAccount; connection: Connection }
  >()

  function budgetOf(account: ResolvedAccount): BudgetAccount {
    return {
      id: account.isDemo ? demoBudgetId : budgetIdOf(normalizeBaseUrl(account.baseUrl), account.apiKey ?? ''),
      alias: account.alias,
      hourlyLimit: account.hourlyLimit,
      dailyLimit: (account as ResolvedAccount & { dailyCap?: number }).dailyCap ?? null,
      isLocal: account.isDemo,
    }
  }

  async function sendUnscheduled<T>(
    connection: Connection,
    request: (client: PlausibleClient) => Promise<T>,
  ): Promise<T> {
    if (deps.dryRun) return request(connection.client)
    const budget = budgetOf(connection.account)
    const grant = await ledger.reserve(budget, 'interactive')
    if (!grant.granted) throw refusalError(budget, grant)
    try {
      return await request(connection.client)
    } catch (error) {
      if (error instanceof PlausibleError && error.code === 'RATE_LIMITED')
        await ledger.pause(budget, nextUtcHour(clock()))
      throw error
    }
  }

  const connector: Connector = {
    async connect(alias, options = {}) {
      const account = await accounts.resolve(alias)
      const schedule = { priority: options.priority ?? 'interactive', wait: options.wait ?? true }
      const slot = `${schedule.priority}\n${schedule.wait}\n${account.alias}`
      const reused = connections.get(slot)
      // Resolved as before: the checks below passed for these very fields. Not the Demo account, whose
      // server is the sandbox this process runs.
      if (reused && !account.isDemo && hasSameFields(reused.resolvedAs, account)) return reused.connection
      let baseUrl = account.baseUrl
      let apiKey = account.apiKey
      if (account.isDemo) {
        // Made-up numbers must never pass for the real server's: no key for it means no answer at all.
        if (account.ignoredBaseUrl) throw demoCannotServe(account.ignoredBaseUrl)
        const sandbox = await demo.get()
        baseUrl = sandbox.baseUrl
        apiKey = sandbox.apiKey
      }
      // Before the key is looked at or a request is scheduled: a key never leaves in clear text unasked.
      if (!account.isDemo) refuseInsecureHttp(account, account.isBaseUrlForRun ? 'run' : 'stored')
      if (!apiKey) {
        throw new PlausibleError('AUTH_MISSING', {
          message: `Account "${account.alias}" has no API key on this machine.`,
          hint: `Set PLAUSIBLE_API_KEY for this run, or add the key again with \`plausible accounts add ${account.alias}\`.`,
        })
      }
      const resolved = { ...account, baseUrl: normalizeBaseUrl(baseUrl), apiKey }
      if (reused && hasSameFields(reused.resolved, resolved)) return reused.connection
      const budget = budgetOf(resolved)
      const scheduledFetch = deps.dryRun ? deps.fetch : scheduler.fetchFor(budget, schedule, deps.fetch)
      const client = createPlausibleClient({
        baseUrl,
        apiKey,
        allowInsecureHttp: account.allowInsecureHttp,
        now: clock,
        // A 401 for a site may mean this key cannot see it: the hint names the sites it listed last.
        knownSites: () =>
          cache
            .peek<Array<{ domain: string }>>(readKey(budget.id, 'sites.list', {}))
            ?.map((site) => site.domain),
        // A refusal (BUDGET_EXHAUSTED with its reset time, RATE_LIMITED) passes through the transport typed.
        fetch: scheduledFetch as Fetch,
      })
      const connection = { account: { ...account, baseUrl: client.baseUrl }, client }
      scheduled.add(connection)
      budgets.set(connection, budget)
      connections.set(slot, { resolvedAs: account, resolved, connection })
      return connection
    },
    send(connection, request) {
      return scheduled.has(connection) ? request(connection.client) : sendUnscheduled(connection, request)
    },
    async read(connection, call, input, request) {
      const budget = budgets.get(connection) ?? budgetOf(connection.account)
      const { value } = await cache.read(
        readKey(budget.id, call, input),
        freshnessFor(call, input, clock()),
        () => connector.send(connection, request),
      )
      return value
    },
    budgetOf,
  }
  return connector
}

/** Two accounts as resolved, field by field: every field is a string, number, boolean or null. */
function hasSameFields(known: ResolvedAccount, now: ResolvedAccount): boolean {
  const names = Object.keys(now) as Array<keyof ResolvedAccount>
  return (
    names.length === Object.keys(known).length && names.every((name) => Object.is(known[name], now[name]))
  )
}

function demoCannotServe(baseUrl: string): PlausibleError {
  return new PlausibleError('AUTH_MISSING', {
    message: `No API key for ${baseUrl} (named with --base-url or PLAUSIBLE_BASE_URL); the Demo account answers only from its built-in sandbox, so nothing was sent.`,
    hint: `Add an account for that server with \`plausible accounts add <alias> --base-url ${baseUrl}\`, or set PLAUSIBLE_API_KEY for this run.`,
  })
}
