// The ledger as code written before the shared ledger knows it: pause an account by its alias. The
// budget itself lives in ledger.ts (counts in usage.json or Redis, keyed by server and key, not alias).
import type { AccountDirectory } from '../accounts/account-directory'
import type { BudgetAccount, Ledger } from './ledger'

export interface HourLedger {
  /** After a 429: nothing more is sent to this account until `until` (default: the next UTC hour). */
  pause(account: string, until?: number): void
}

/** Pauses by alias through the shared ledger; an alias that no longer resolves has nothing to pause. */
export function createAliasLedger(deps: {
  accounts: AccountDirectory
  ledger: Ledger
  budgetOf: (account: Awaited<ReturnType<AccountDirectory['resolve']>>) => BudgetAccount
}): HourLedger {
  return {
    pause(alias, until) {
      void deps.accounts
        .resolve(alias)
        .then((account) => deps.ledger.pause(deps.budgetOf(account), until))
        .catch(() => undefined)
    },
  }
}
