// sharedLinks.* — named links to a site's dashboard (§6: find-or-create by name), journaled.
import type { SharedLink } from '../api/sites'
import { connectFor } from './capabilities'
import type { DomainHandlers, HandlerDeps } from './types'

export function sharedLinkHandlers(deps: HandlerDeps): DomainHandlers<'sharedLinks'> {
  const { connector, capabilities, siteWrites, priority } = deps
  return {
    async 'sharedLinks.create'({ account, site, name, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      const { value } = await siteWrites.run(
        connection,
        { op: 'shared-link.create', site, name },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      const link = value as SharedLink
      return { account: connection.account.alias, site, name: link.name, url: link.url }
    },
  }
}
