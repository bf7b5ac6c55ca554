// The core's implementation of the contract, composed from one module per domain (handlers/<noun>.ts).
// A call declared in the contract but missing here does not compile.
import type { ContractHandlers } from '../shared/contract'
import { accountHandlers } from './handlers/accounts'
import { budgetHandlers } from './handlers/budget'
import { siteHandlers } from './handlers/sites'
import { queueHandlers } from './handlers/queue'
import { statsHandlers } from './handlers/stats'
import type { HandlerDeps } from './handlers/types'

export function createService(deps: HandlerDeps): ContractHandlers {
  return {
    ...accountHandlers(deps),
    ...siteHandlers(deps),
    ...statsHandlers(deps),
    ...budgetHandlers(deps),
    ...queueHandlers(deps),
  }
}
