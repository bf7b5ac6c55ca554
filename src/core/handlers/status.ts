// status.* — every account with the budget it has left this hour, and the write journal at a glance.
// Sends nothing: it reads the shared ledger and the journal only.
import type { DomainHandlers, HandlerDeps } from './types'

export function statusHandlers({
  accounts,
  budget,
  connector,
  queue,
}: HandlerDeps): DomainHandlers<'status'> {
  return {
    async 'status.get'() {
      const summaries = await accounts.list()
      const rows = await Promise.all(
        summaries.map(async (summary) => {
          const resolved = await accounts.resolve(summary.alias).catch(() => null)
          // No key on this machine: the ledger knows the account by its key, so there is no budget to read.
          const hasBudget = resolved !== null && (resolved.isDemo || resolved.apiKey !== null)
          return {
            alias: summary.alias,
            baseUrl: summary.baseUrl,
            isDefault: summary.isDefault,
            isDemo: summary.isDemo,
            keySource: summary.keySource,
            budget: hasBudget ? await budget.snapshot(connector.budgetOf(resolved)) : null,
          }
        }),
      )
      const { isDelivering, pending, inFlight, failed } = await queue.snapshot(1)
      return {
        defaultAccount: summaries.find((summary) => summary.isDefault)?.alias ?? null,
        accounts: rows,
        queue: { isDelivering, pending, inFlight, failed },
      }
    },
  }
}
