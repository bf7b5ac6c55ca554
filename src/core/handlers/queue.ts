// queue.* — what the scheduler and the write queue are doing: pending and in-flight jobs, retries, last
// errors, requests waiting for the budget, the account's budget and what the read cache saved.
import type { DomainHandlers, HandlerDeps } from './types'

export function queueHandlers(deps: HandlerDeps): DomainHandlers<'queue'> {
  const { accounts, budget, connector, queue, scheduler, cache } = deps
  return {
    async 'queue.inspect'({ account, limit }) {
      const [snapshot, budgetSnapshot] = await Promise.all([
        queue.snapshot(limit ?? 50),
        // No account configured is not a reason to hide the journal.
        accounts
          .resolve(account)
          .then((resolved) => budget.snapshot(connector.budgetOf(resolved)))
          .catch((error: unknown) => {
            if (account !== undefined) throw error
            return null
          }),
      ])
      return { ...snapshot, requests: scheduler.activity(), budget: budgetSnapshot, reads: cache.stats() }
    },
  }
}
