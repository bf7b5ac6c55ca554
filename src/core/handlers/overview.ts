// overview.* — every site of every account at a glance (the window's landing page, `plausible sites
// overview`). A first version: the accounts with no cards yet, while the refresh is built.
import type { DomainHandlers, HandlerDeps } from './types'

export function overviewHandlers({ accounts, clock }: HandlerDeps): DomainHandlers<'overview'> {
  return {
    async 'overview.get'({ account }) {
      const listed = (await accounts.list()).filter((summary) => !account || summary.alias === account)
      return {
        generatedAt: new Date(clock()).toISOString(),
        cards: [],
        accounts: listed.map((summary) => ({
          account: summary.alias,
          isDemo: summary.isDemo,
          siteCount: 0,
          requestsPerRefresh: 0,
          intervalMs: null,
          lastRefreshAt: null,
          nextRefreshAt: null,
          isRefreshing: false,
          stale: null,
          error: null,
        })),
        refresh: { siteCount: 0, requestsPerRefresh: 0, nextRefreshAt: null },
      }
    },
  }
}
