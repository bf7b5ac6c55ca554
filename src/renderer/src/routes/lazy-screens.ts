// The management screens as chunks of their own: the window opens on the overview (or a site's dashboard),
// both in the first chunk, and a screen's code is fetched when the screen is first shown, or a little
// earlier, when its link is hovered or focused.
import type { Screen } from '../hooks/use-route'
import { lazyNamed } from '../lazy-named'

export const lazyScreens = {
  accounts: lazyNamed(() => import('./accounts'), 'AccountsScreen'),
  sites: lazyNamed(() => import('./sites'), 'SitesScreen'),
  events: lazyNamed(() => import('./events'), 'EventsScreen'),
  queue: lazyNamed(() => import('./queue'), 'QueueScreen'),
  settings: lazyNamed(() => import('./settings'), 'SettingsScreen'),
  report: lazyNamed(() => import('./report'), 'ReportScreen'),
} satisfies Record<Exclude<Screen, FirstLoadScreen>, unknown>

/** The screens the window can open on, in the first chunk: nothing to fetch for them. */
export type FirstLoadScreen = 'overview' | 'dashboard'

/** Starts fetching a screen's chunk; the overview and the dashboard are in the first chunk already. */
export function preloadScreen(screen: Screen): void {
  if (screen !== 'dashboard' && screen !== 'overview') lazyScreens[screen].preload()
}
