// sites.* — the sites of an account: the list through the read cache, one site's settings, and the
// Sites API writes (create, update, delete) through the write journal (queue/site-writes.ts).
import type { Site } from '../api/sites'
import { connectFor } from './capabilities'
import { siteView, trackerToApi } from './site-views'
import type { DomainHandlers, HandlerDeps } from './types'

export function siteHandlers(deps: HandlerDeps): DomainHandlers<'sites'> {
  const { connector, capabilities, siteWrites, cache, priority } = deps
  /** A changed site makes every cached `sites.list` stale; the cache has no finer key to drop. */
  const written = async (run: Promise<{ account: string; value: unknown }>) => {
    const result = await run
    cache.clear()
    return result
  }
  return {
    async 'sites.list'({ account, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      const sites = await connector.read(connection, 'sites.list', {}, (client) => client.listSites())
      return { account: connection.account.alias, sites }
    },
    async 'sites.get'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-read')
      const answer = await connector.send(connection, (client) => client.sites.get(site))
      return { account: connection.account.alias, site: siteView(answer) }
    },
    async 'sites.create'({ account, domain, timezone, teamId, tracker, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      const { value } = await written(
        siteWrites.run(
          connection,
          {
            op: 'site.create',
            domain,
            ...(timezone ? { timezone } : {}),
            ...(teamId ? { teamId } : {}),
            ...(tracker ? { tracker: trackerToApi(tracker) } : {}),
          },
          { priority, ...(wait === undefined ? {} : { wait }) },
        ),
      )
      return { account: connection.account.alias, site: siteView(value as Site) }
    },
    async 'sites.update'({ account, site, domain, tracker, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      const { value } = await written(
        siteWrites.run(
          connection,
          {
            op: 'site.update',
            site,
            ...(domain !== undefined ? { domain } : {}),
            ...(tracker ? { tracker: trackerToApi(tracker) } : {}),
          },
          { priority, ...(wait === undefined ? {} : { wait }) },
        ),
      )
      return { account: connection.account.alias, site: siteView(value as Site) }
    },
    async 'sites.delete'({ account, site, wait }) {
      const connection = await connectFor(connector, account, priority, wait)
      capabilities.require(connection, 'sites-write')
      await written(
        siteWrites.run(
          connection,
          { op: 'site.delete', site },
          { priority, ...(wait === undefined ? {} : { wait }) },
        ),
      )
      return { account: connection.account.alias, site, deleted: true as const }
    },
  }
}
