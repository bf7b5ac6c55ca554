// sites.* — the sites an account can read.
import type { DomainHandlers, HandlerDeps } from './types'

export function siteHandlers({ connector }: HandlerDeps): DomainHandlers<'sites'> {
  return {
    async 'sites.list'({ account }) {
      const connection = await connector.connect(account)
      const sites = await connector.send(connection, (client) => client.listSites())
      return { account: connection.account.alias, sites }
    },
  }
}
