// stats.* — reading stats: v2 queries and realtime visitors.
import type { DomainHandlers, HandlerDeps } from './types'

export function statsHandlers({ connector }: HandlerDeps): DomainHandlers<'stats'> {
  return {
    async 'stats.query'({ account, query }) {
      const connection = await connector.connect(account)
      return connector.send(connection, (client) => client.query(query))
    },
    async 'stats.realtime'({ account, site }) {
      const connection = await connector.connect(account)
      const visitors = await connector.send(connection, (client) => client.realtimeVisitors(site))
      return { site, visitors }
    },
  }
}
