// props.* — a site's custom-property allowlist through the Sites API (§6); adding and removing are
// idempotent on the server, and journaled here.
import { connectFor } from './capabilities'
import type { DomainHandlers, HandlerDeps } from './types'

export function propHandlers(deps: HandlerDeps): DomainHandlers<'props'> {
  const { connector, capabilities, siteWrites, priority } = deps
  return {
    async 'props.list'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-read')
      const properties = await connector.send(connection, (client) => client.sites.customProps.list(site))
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
      return { account: connection.account.alias, site, property, deleted: true as const }
    },
  }
}
