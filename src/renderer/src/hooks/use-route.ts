// Which screen the window shows, kept in the address bar's hash (`#/accounts`) so the dashboard's own
// query parameters stay untouched and a reload, a link or the back button lands on the same screen.
import { useSyncExternalStore } from 'react'

export const screens = [
  'overview',
  'dashboard',
  'accounts',
  'sites',
  'events',
  'queue',
  'settings',
  'report',
] as const
export type Screen = (typeof screens)[number]

/**
 * `#/sites` → sites. No hash (or an unknown one) is the landing page, the overview — unless the address
 * names a site (`?site=…`, as the tray's "open this site" and older links do), which is that site's
 * dashboard.
 */
export function screenOf(hash: string, search = ''): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  if ((screens as readonly string[]).includes(name)) return name as Screen
  return new URLSearchParams(search).has('site') ? 'dashboard' : 'overview'
}

export function hrefOf(screen: Screen): string {
  return `#/${screen}`
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, () => screenOf(window.location.hash, window.location.search))
}

export function goTo(screen: Screen): void {
  window.location.hash = hrefOf(screen)
}

/**
 * One site's dashboard, from the overview: the site alone goes into the address the dashboard reads its
 * selection from (use-selection.ts), so the site opens on its own remembered view rather than on the
 * last site's period and filters; the entry being left keeps `#/overview`, so Back returns to it.
 */
export function openDashboard(site: { account: string; domain: string }): void {
  const params = new URLSearchParams({ site: site.domain, account: site.account })
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}?${params.toString()}${hrefOf('overview')}`,
  )
  goTo('dashboard')
}
