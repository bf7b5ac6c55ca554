// The window's site icons: off until the user turns them on; then each site's icon is asked of its
// account's server once and kept (icon-cache.ts), so the overview's tiles cost no request on most opens.
// Never sent: the API key (the favicon route is public) and any request while fetching is off.
import type { SiteIcon, SiteIconSettings } from '../../shared/contract/site-icons'
import { isPlainHttpToNetwork } from '../../shared/plain-http'
import type { AccountDirectory } from '../accounts/account-directory'
import type { DemoServer } from '../demo'
import type { GlanceSettingsStore } from '../glance/glance-settings'
import type { Clock, Fetch } from '../ports'
import { createIconCache, type IconCache } from './icon-cache'
import { requestIcon } from './icon-request'

export interface SiteIcons {
  settings(): Promise<SiteIconSettings>
  setFetch(fetch: boolean): Promise<SiteIconSettings>
  icon(alias: string | undefined, site: string): Promise<SiteIcon>
}

export function createSiteIcons(deps: {
  configDir: string
  settings: GlanceSettingsStore
  accounts: AccountDirectory
  demo: DemoServer
  fetch: Fetch
  clock: Clock
  cache?: IconCache
}): SiteIcons {
  const cache = deps.cache ?? createIconCache(deps.configDir)
  // One request per server and site at a time: a grid of cards asks for the same icon at once.
  const inFlight = new Map<string, Promise<SiteIcon>>()
  const isOn = (): boolean => deps.settings.read().siteIcons.fetch

  const settings = async (): Promise<SiteIconSettings> => ({
    fetch: isOn(),
    folder: cache.folder,
    cached: await cache.count(),
  })

  async function fetchOrKeep(account: string, baseUrl: string, site: string): Promise<SiteIcon> {
    const now = deps.clock()
    const kept = await cache.read(baseUrl, site, now)
    if (kept) return answer(account, site, 'cache', kept.fetchedAt, kept.contentType, kept.base64)
    let found: Awaited<ReturnType<typeof requestIcon>>
    try {
      found = await requestIcon(deps.fetch, baseUrl, site)
    } catch {
      // Unreachable or too slow: the letter tile for now, and nothing kept, so the next open asks again.
      return { account, site, icon: null, from: 'server', fetchedAt: null }
    }
    const fetchedAt = deps.clock()
    const contentType = found.kind === 'icon' ? found.contentType : null
    const base64 = found.kind === 'icon' ? found.body.toString('base64') : null
    // Turned off while the request was out: keep nothing.
    if (isOn()) await cache.write({ baseUrl, site, fetchedAt, contentType, base64 })
    return answer(account, site, 'server', fetchedAt, contentType, base64)
  }

  return {
    settings,
    async setFetch(fetch) {
      await deps.settings.updateSiteIcons({ fetch })
      if (!fetch) await cache.clear()
      return settings()
    },
    async icon(alias, site) {
      const account = await deps.accounts.resolve(alias)
      const off: SiteIcon = { account: account.alias, site, icon: null, from: 'off', fetchedAt: null }
      if (!isOn()) return off
      const baseUrl = account.isDemo ? (await deps.demo.get()).baseUrl : account.baseUrl
      // The domains this machine looks at are nobody's business on the way: not over plain http to the network.
      if (!account.isDemo && isPlainHttpToNetwork(baseUrl) && !account.allowInsecureHttp) return off
      const key = `${baseUrl}\n${site}`
      let pending = inFlight.get(key)
      if (!pending) {
        pending = fetchOrKeep(account.alias, baseUrl, site).finally(() => inFlight.delete(key))
        inFlight.set(key, pending)
      }
      return pending
    },
  }
}

function answer(
  account: string,
  site: string,
  from: 'cache' | 'server',
  fetchedAt: number,
  contentType: string | null,
  base64: string | null,
): SiteIcon {
  return {
    account,
    site,
    icon:
      contentType !== null && base64 !== null
        ? { contentType, dataUrl: `data:${contentType};base64,${base64}` }
        : null,
    from,
    fetchedAt: new Date(fetchedAt).toISOString(),
  }
}
