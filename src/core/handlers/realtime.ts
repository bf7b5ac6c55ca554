// realtime.* — a site's current-visitor counts as the tray sampled them (the window's sparkline); costs
// no request: the public API has no minute series (plausible-api.md §4.2), so the samples are our own.
import type { DomainHandlers, HandlerDeps } from './types'

export function realtimeHandlers({ accounts, clock, glance }: HandlerDeps): DomainHandlers<'realtime'> {
  return {
    async 'realtime.history'({ account, site }) {
      const alias = account ?? (await accounts.resolve(undefined)).alias
      return { account: alias, site, ...glance.history.view(alias, site, clock()) }
    },
  }
}
