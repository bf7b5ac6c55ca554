// budget.* — what an account has left this hour; answered locally, costs no request.
import type { DomainHandlers, HandlerDeps } from './types'

export function budgetHandlers({ accounts, ledger }: HandlerDeps): DomainHandlers<'budget'> {
  return {
    async 'budget.status'({ account }) {
      const resolved = await accounts.resolve(account)
      return ledger.snapshot(resolved.alias, resolved.hourlyLimit)
    },
  }
}
