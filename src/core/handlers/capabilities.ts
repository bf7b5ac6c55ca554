// capabilities.* — what each account's server and key can do, probed once per account for the process
// (at most three budgeted requests, see api/capabilities.ts; kept in api/capability-cache.ts) and told in
// plain sentences.
import type { RequestPriority } from '../budget/policy'
import type { Connection, Connector } from '../connection'
import type { DomainHandlers, HandlerDeps } from './types'

export function capabilityHandlers({
  connector,
  capabilities,
  priority,
}: HandlerDeps): DomainHandlers<'capabilities'> {
  return {
    async 'capabilities.get'({ account, refresh, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      return capabilities.probe(connection, { refresh: refresh === true })
    },
  }
}

/** The connection every site-management handler uses: the host's priority, the caller's wait. */
export function connectFor(
  connector: Connector,
  account: string | undefined,
  priority: RequestPriority,
  wait: boolean | undefined,
): Promise<Connection> {
  return connector.connect(account, { priority, ...(wait === undefined ? {} : { wait }) })
}
