// guests.* — who may see a site without being on its team (§6): list, invite, remove; writes journaled.
import type { Guest } from '../api/sites'
import { connectFor } from './capabilities'
import { guestView } from './site-views'
import type { DomainHandlers, HandlerDeps } from './types'

export function guestHandlers(deps: HandlerDeps): DomainHandlers<'guests'> {
  const { connector, capabilities, siteWrites, priority } = deps
  return {
    async 'guests.list'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-read')
      const guests = await connector.send(connection, (client) => client.sites.guests.listAll(site))
      return { account: connection.account.alias, site, guests: guests.map(guestView) }
    },
    async 'guests.invite'({ account, site, email, role, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      const { value } = await siteWrites.run(
        connection,
        { op: 'guest.invite', site, email, role },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      return { account: connection.account.alias, site, guest: guestView(value as Guest) }
    },
    async 'guests.remove'({ account, site, email, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      await siteWrites.run(
        connection,
        { op: 'guest.remove', site, email },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      return { account: connection.account.alias, site, email, deleted: true as const }
    },
  }
}
