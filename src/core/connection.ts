// Turns an account alias into a ready client, and sends each request against the account's budget.
// Every handler that talks to a server goes through here, so no request escapes the budget.
import { PlausibleError } from '../shared/errors'
import type { AccountDirectory, ResolvedAccount } from './accounts/account-directory'
import { createPlausibleClient, type PlausibleClient } from './api/client'
import type { HourLedger } from './budget/hour-ledger'
import type { DemoServer } from './demo'
import type { Clock, Fetch } from './ports'

export interface Connection {
  account: ResolvedAccount
  client: PlausibleClient
}

export interface Connector {
  connect(alias: string | undefined): Promise<Connection>
  /** One request against the account's hourly budget; a request that never reached the server is refunded. */
  send<T>(connection: Connection, request: (client: PlausibleClient) => Promise<T>): Promise<T>
}

export interface ConnectorDeps {
  accounts: AccountDirectory
  ledger: HourLedger
  demo: DemoServer
  clock: Clock
  fetch?: Fetch
}

export function createConnector(deps: ConnectorDeps): Connector {
  const { accounts, ledger, demo, clock } = deps
  return {
    async connect(alias) {
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
    },
    async send(connection, request) {
      const { account, client } = connection
      ledger.reserve(account.alias, account.hourlyLimit)
      try {
        return await request(client)
      } catch (error) {
        if (error instanceof PlausibleError && error.code === 'NETWORK') ledger.release(account.alias)
        throw error
      }
    },
  }
}
