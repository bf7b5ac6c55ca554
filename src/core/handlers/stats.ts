// stats.* — reading stats: v2 queries and realtime visitors, through the read cache and the scheduler.
import type { DomainHandlers, HandlerDeps } from './types'
import { assertQueryAccepted } from '../../shared/plausible/query-rules/local-check'

export function statsHandlers({ connector, priority }: HandlerDeps): DomainHandlers<'stats'> {
  return {
    async 'stats.query'({ account, query, wait }) {
      // Before the account or the budget is touched: a query the server would refuse is refused here.
      assertQueryAccepted(query)
      const connection = await connector.connect(account, {
        priority,
        ...(wait === undefined ? {} : { wait }),
      })
      return connector.read(connection, 'stats.query', query, (client) => client.query(query))
    },
    async 'stats.realtime'({ account, site, wait }) {
      const connection = await connector.connect(account, {
        priority,
        ...(wait === undefined ? {} : { wait }),
      })
      const visitors = await connector.read(connection, 'stats.realtime', { site }, (client) =>
        client.realtimeVisitors(site),
      )
      return { site, visitors }
    },
  }
}
