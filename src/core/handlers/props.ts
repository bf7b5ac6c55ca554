// props.* — a site's custom-property allowlist through the Sites API (§6): the list through the read
// cache (every dashboard load asks for it), adding and removing idempotent on the server, journaled here,
// and dropping what the cache holds.
import { connectFor } from './capabilities'
import type { DomainHandlers, HandlerDeps } from './types'

export function propHandlers(deps: HandlerDeps): DomainHandlers<'props'> {
  const { connector, capabilities, siteWrites, cache, priority } = deps
  return {
    async 'props.list'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-read')
      const properties = await connector.read(connection, 'props.list', { site }, (client) =>
        client.sites.customProps.list(site),
      )
      return { account: connection.account.alias, site, properties }
    },
    async 'props.add'({ account, site, property, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      await siteWrites.run(
        connection,
        { op: 'prop.add', site, property },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      cache.clear()
      return { account: connection.account.alias, site, property, created: true as const }
    },
    async 'props.remove'({ account, site, property, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      await siteWrites.run(
        connection,
        { op: 'prop.remove', site, property },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      cache.clear()
      return { account: connection.account.alias, site, property, deleted: true as const }
    },
  }
}
