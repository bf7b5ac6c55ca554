// budget.* — what an account has left this hour and today; answered from the shared ledger, costs no request.
import type { DomainHandlers, HandlerDeps } from './types'

export function budgetHandlers({ accounts, budget, connector }: HandlerDeps): DomainHandlers<'budget'> {
  return {
    async 'budget.status'({ account }) {
      const resolved = await accounts.resolve(account)
      return budget.snapshot(connector.budgetOf(resolved))
    },
  }
}
