// The core's implementation of the contract: each call resolves an account, asks the budget, and
// sends at most one request through the Plausible client.
import type { ContractHandlers } from '../shared/contract'
import { PlausibleError } from '../shared/errors'
import type { AccountDirectory, ResolvedAccount } from './accounts/account-directory'
import { createPlausibleClient, type PlausibleClient } from './api/client'
import type { HourLedger } from './budget/hour-ledger'
import type { DemoServer } from './demo'
import type { Clock, Fetch } from './ports'

export interface ServiceDeps {
  accounts: AccountDirectory
  ledger: HourLedger
  demo: DemoServer
  clock: Clock
  fetch?: Fetch
}

interface Connection {
  account: ResolvedAccount
  client: PlausibleClient
}

export function createService(deps: ServiceDeps): ContractHandlers {
  const { accounts, ledger, demo, clock } = deps

  async function connect(alias: string | undefined): Promise<Connection> {
    const account = await accounts.resolve(alias)
    let baseUrl = account.baseUrl
    let apiKey = account.apiKey
    if (account.isDemo) {
      const sandbox = await demo.get()
      baseUrl = sandbox.baseUrl
      apiKey = sandbox.apiKey
    }
    if (!apiKey) {
      throw new PlausibleError('AUTH_MISSING', {
        message: `Account "${account.alias}" has no API key on this machine.`,
        hint: `Set PLAUSIBLE_API_KEY for this run, or add the key again with \`plausible accounts add ${account.alias}\`.`,
      })
    }
    const client = createPlausibleClient({
      baseUrl,
      apiKey,
      now: clock,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      onResponse: ({ status, retryAfterMs }) => {
        // A 429 means the server's counter is spent: stay silent until it resets (§3: no Retry-After
        // from Plausible, so the next UTC hour; a proxy's Retry-After is honoured when present).
        if (status === 429)
          ledger.pause(account.alias, retryAfterMs === undefined ? undefined : clock() + retryAfterMs)
      },
    })
    return { account: { ...account, baseUrl: client.baseUrl }, client }
  }

  /** One request against the account's hourly budget; a request that never reached the server is refunded. */
  async function send<T>(
    connection: Connection,
    request: (client: PlausibleClient) => Promise<T>,
  ): Promise<T> {
    const { account, client } = connection
    ledger.reserve(account.alias, account.hourlyLimit)
    try {
      return await request(client)
    } catch (error) {
      if (error instanceof PlausibleError && error.code === 'NETWORK') ledger.release(account.alias)
      throw error
    }
  }

  return {
    async 'accounts.list'() {
      const list = await accounts.list()
      const sandbox = list.some((account) => account.isDemo) ? await demo.get() : null
      return {
        accounts: list.map((account) =>
          account.isDemo && sandbox ? { ...account, baseUrl: sandbox.baseUrl } : account,
        ),
      }
    },
    async 'sites.list'({ account }) {
      const connection = await connect(account)
      const sites = await send(connection, (client) => client.listSites())
      return { account: connection.account.alias, sites }
    },
    async 'stats.query'({ account, query }) {
      const connection = await connect(account)
      return send(connection, (client) => client.query(query))
    },
    async 'stats.realtime'({ account, site }) {
      const connection = await connect(account)
      const visitors = await send(connection, (client) => client.realtimeVisitors(site))
      return { site, visitors }
    },
    async 'budget.status'({ account }) {
      const resolved = await accounts.resolve(account)
      return ledger.snapshot(resolved.alias, resolved.hourlyLimit)
    },
  }
}
