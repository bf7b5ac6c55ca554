// What each account's server and key can do, probed once per account for the life of the process (at
// most three budgeted requests, see capabilities.ts): the core keeps one cache, the handlers read it.
import type { CapabilityReport } from '../../shared/contract/site-management'
import type { Connection, Connector } from '../connection'
import type { Clock } from '../ports'
import { requireCapability, type Capabilities, type Need } from './capabilities'

interface Probe {
  capabilities: Capabilities
  checkedAt: number
}

/** Probes kept for the life of the process, per account alias and server. */
export interface CapabilityCache {
  /** The earlier probe of this connection's account, if any. */
  known(connection: Connection): Capabilities | undefined
  /** The cached probe, or a new one (refresh: always a new one). */
  probe(connection: Connection, options?: { refresh?: boolean }): Promise<CapabilityReport>
  /** Fails with the typed error when an earlier probe found `need` missing; sends nothing. */
  require(connection: Connection, need: Need): void
}

export function createCapabilityCache(deps: { connector: Connector; clock: Clock }): CapabilityCache {
  const probes = new Map<string, Probe>()
  const keyOf = (connection: Connection): string =>
    `${connection.account.alias}\n${connection.account.baseUrl}`

  return {
    known: (connection) => probes.get(keyOf(connection))?.capabilities,
    async probe(connection, options = {}) {
      const key = keyOf(connection)
      const cached = options.refresh ? undefined : probes.get(key)
      const probe =
        cached ??
        ({
          capabilities: await deps.connector.send(connection, (client) => client.probeCapabilities()),
          checkedAt: deps.clock(),
        } satisfies Probe)
      // A probe cut short by a spent hour says little: ask again next time.
      if (!cached && !probe.capabilities.rateLimitedUntil) probes.set(key, probe)
      const { capabilities } = probe
      return {
        account: connection.account.alias,
        baseUrl: connection.account.baseUrl,
        statsV2: capabilities.statsV2,
        sitesApi: capabilities.sitesApi,
        keyKind: capabilities.keyKind,
        sentences: capabilities.sentences,
        keyedRequests: cached ? 0 : capabilities.keyedRequests,
        rateLimitedUntil: capabilities.rateLimitedUntil ?? null,
        checkedAt: new Date(probe.checkedAt).toISOString(),
        isCached: cached !== undefined,
      }
    },
    require(connection, need) {
      const capabilities = probes.get(keyOf(connection))?.capabilities
      if (capabilities) requireCapability(capabilities, need)
    },
  }
}
