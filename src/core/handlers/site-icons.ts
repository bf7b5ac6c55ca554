// siteIcons.* — favicons for the overview and the site switcher, off until the user turns them on
// (site-icons/site-icons.ts). One per core, like the overview, so every host shares its in-flight asks.
import { createSiteIcons, type SiteIcons } from '../site-icons/site-icons'
import type { DomainHandlers, HandlerDeps } from './types'

function siteIconsOf(deps: HandlerDeps): SiteIcons {
  return deps.perCore('siteIcons', () =>
    createSiteIcons({
      configDir: deps.configDir,
      settings: deps.glance.settings,
      accounts: deps.accounts,
      demo: deps.demo,
      fetch: deps.fetch ?? globalThis.fetch,
      clock: deps.clock,
    }),
  )
}

export function siteIconHandlers(deps: HandlerDeps): DomainHandlers<'siteIcons'> {
  return {
    'siteIcons.get': () => siteIconsOf(deps).settings(),
    'siteIcons.set': ({ fetch }) => siteIconsOf(deps).setFetch(fetch),
    async 'siteIcons.icon'({ account, site }) {
      // A dry run sends nothing, an icon included.
      if (deps.isDryRun) {
        const { alias } = await deps.accounts.resolve(account)
        return { account: alias, site, icon: null, from: 'off', fetchedAt: null }
      }
      return siteIconsOf(deps).icon(account, site)
    },
  }
}
