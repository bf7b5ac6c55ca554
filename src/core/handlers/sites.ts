// sites.* — the sites an account can read, through the read cache and the scheduler.
import type { DomainHandlers, HandlerDeps } from './types'

export function siteHandlers({ connector, priority }: HandlerDeps): DomainHandlers<'sites'> {
  return {
    async 'sites.list'({ account, wait }) {
      const connection = await connector.connect(account, {
        priority,
        ...(wait === undefined ? {} : { wait }),
      })
      const sites = await connector.read(connection, 'sites.list', {}, (client) => client.listSites())
      return { account: connection.account.alias, sites }
    },
  }
}
