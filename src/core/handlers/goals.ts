// goals.* — a site's goals through the Sites API (§6): the list through the read cache, find-or-create
// and delete journaled, each dropping what the cache holds.
import type { Goal } from '../api/sites'
import { connectFor } from './capabilities'
import { goalView } from './site-views'
import type { DomainHandlers, HandlerDeps } from './types'

export function goalHandlers(deps: HandlerDeps): DomainHandlers<'goals'> {
  const { connector, capabilities, siteWrites, cache, priority } = deps
  return {
    async 'goals.list'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-read')
      const goals = await connector.read(connection, 'goals.list', { site }, (client) =>
        client.sites.goals.listAll(site),
      )
      return { account: connection.account.alias, site, goals: goals.map(goalView) }
    },
    async 'goals.add'({ account, site, goalType, eventName, pagePath, displayName, customProps, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      const { value } = await siteWrites.run(
        connection,
        {
          op: 'goal.add',
          site,
          goalType,
          ...(eventName !== undefined ? { eventName } : {}),
          ...(pagePath !== undefined ? { pagePath } : {}),
          ...(displayName !== undefined ? { displayName } : {}),
          ...(customProps !== undefined ? { customProps } : {}),
        },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      cache.clear()
      return { account: connection.account.alias, site, goal: goalView(value as Goal) }
    },
    async 'goals.remove'({ account, site, goalId, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      await siteWrites.run(
        connection,
        { op: 'goal.remove', site, goalId },
        { priority, ...(wait === undefined ? {} : { wait }) },
      )
      cache.clear()
      return { account: connection.account.alias, site, goalId, deleted: true as const }
    },
  }
}
