// overview.* — every site of every account at a glance (the window's landing page, `plausible sites
// overview`): one overview per core, shared by every host, so a refresh the window started is joined by
// the CLI's ask instead of sent twice. The window's asks refresh at background priority (its landing page
// is background work: the budget's reserve stays for what the user clicks), the CLI's at cli priority.
import type { RequestPriority } from '../../shared/contract'
import { createOverview, type Overview } from '../overview/overview'
import type { DomainHandlers, HandlerDeps } from './types'

/** One per core, shared by every host's handlers. */
function overviewOf(deps: HandlerDeps): Overview {
  return deps.perCore('overview', () =>
    createOverview({
      accounts: deps.accounts,
      connector: deps.connector,
      ledger: deps.budget,
      glance: deps.glance,
      clock: deps.clock,
      configDir: deps.configDir,
      isDryRun: deps.isDryRun,
    }),
  )
}

/** The window asks interactively, but keeping the overview fresh is background work. */
export function overviewPriorityOf(host: RequestPriority): RequestPriority {
  return host === 'interactive' ? 'background' : host
}

export function overviewHandlers(deps: HandlerDeps): DomainHandlers<'overview'> {
  return {
    'overview.get': (input) => overviewOf(deps).get(input, overviewPriorityOf(deps.priority)),
  }
}
