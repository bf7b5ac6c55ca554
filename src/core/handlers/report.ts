// report.* — a report of one site or many, built from the same reads as the dashboard (stats.query and
// sites.list through the connector: the host's priority, the budget, the read cache, coalescing), and
// counting what it cost. Printing to PDF is the desktop app's (src/main); here it says what to do instead.
import { PlausibleError } from '../../shared/errors'
import { assertQueryAccepted } from '../../shared/plausible/query-rules/local-check'
import { buildReport, type ReportSource } from '../report/build-report'
import { createAnnotationStore } from '../annotations/annotation-store'
import { connectFor } from './capabilities'
import type { DomainHandlers, HandlerDeps } from './types'

/** The core's reads for one report, each through the connector, counting requests that really left. */
export function reportSource(deps: HandlerDeps, wait: boolean | undefined): ReportSource {
  const { connector, priority, accounts } = deps
  let queries = 0
  let sent = 0
  return {
    async accounts() {
      return (await accounts.list()).map((account) => account.alias)
    },
    async sites(account) {
      queries += 1
      const connection = await connectFor(connector, account, priority, wait)
      const sites = await connector.read(connection, 'sites.list', {}, (client) => {
        sent += 1
        return client.listSites()
      })
      return { account: connection.account.alias, sites }
    },
    async query(account, query) {
      queries += 1
      // The same checks and the same cache key as stats.query: the dashboard's reads and the report's meet.
      assertQueryAccepted(query)
      const connection = await connectFor(connector, account, priority, wait)
      return connector.read(connection, 'stats.query', query, (client) => {
        sent += 1
        return client.query(query)
      })
    },
    cost: () => ({ queries, sent }),
    // Under the alias they were kept by (the default account's when the report names none).
    async annotations(account, site) {
      const alias = (await accounts.resolve(account)).alias
      return createAnnotationStore({ configDir: deps.configDir, clock: deps.clock }).list({
        account: alias,
        site,
      })
    },
  }
}

export function reportHandlers(deps: HandlerDeps): DomainHandlers<'report'> {
  return {
    async 'report.build'({ account, scope, period, compare, wait }) {
      return buildReport(
        {
          ...(account ? { account } : {}),
          scope,
          period,
          ...(compare ? { compare } : {}),
        },
        reportSource(deps, wait),
        deps.clock(),
      )
    },
    async 'report.print'() {
      throw new PlausibleError('NOT_SUPPORTED', {
        message: 'Printing a report to PDF needs the desktop app.',
        hint: "Use the browser's print (Ctrl+P or ⌘P) and choose Save as PDF, or export the HTML.",
      })
    },
  }
}
