// Which screen the window shows, kept in the address bar's hash (`#/accounts`) so the dashboard's own
// query parameters stay untouched and a reload, a link or the back button lands on the same screen.
import { useSyncExternalStore } from 'react'

export const screens = ['dashboard', 'accounts', 'sites', 'events', 'queue', 'settings'] as const
export type Screen = (typeof screens)[number]

/** `#/sites` → sites; anything unknown (or no hash) is the dashboard. */
export function screenOf(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'dashboard'
}

export function hrefOf(screen: Screen): string {
  return screen === 'dashboard' ? '#/' : `#/${screen}`
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, () => screenOf(window.location.hash))
}

export function goTo(screen: Screen): void {
  window.location.hash = hrefOf(screen)
}
