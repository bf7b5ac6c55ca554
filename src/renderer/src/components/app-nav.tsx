// The window's top bar: the brand, links to every screen (Tab/Enter, or `g` then a letter from anywhere),
// and whatever the screen puts on the right (the dashboard's budget meter).
import { useEffect, useRef } from 'react'
import { goTo, hrefOf, useScreen, type Screen } from '../hooks/use-route'
import { preloadScreen } from '../routes/lazy-screens'

const links: Array<{ screen: Screen; label: string; key: string }> = [
  { screen: 'overview', label: 'Overview', key: 'o' },
  { screen: 'dashboard', label: 'Dashboard', key: 'd' },
  { screen: 'accounts', label: 'Accounts', key: 'a' },
  { screen: 'sites', label: 'Sites & goals', key: 's' },
  { screen: 'events', label: 'Events', key: 'e' },
  { screen: 'queue', label: 'Queue & budget', key: 'q' },
  // `s` is the sites screen; the comma is the settings key of most desktop apps (⌘,).
  { screen: 'settings', label: 'Settings', key: ',' },
]

/** How long after `g` the second key still counts as a screen jump. */
const chordMs = 1500

export function AppNav({ children }: { children?: React.ReactNode }): React.JSX.Element {
  const current = useScreen()
  useScreenShortcuts()
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Plausible Desktop
        </span>
        <nav className="app-nav" aria-label="Screens" data-testid="app-nav">
          {links.map((link) => (
            <a
              key={link.screen}
              href={hrefOf(link.screen)}
              className={link.screen === current ? 'app-nav__link app-nav__link--current' : 'app-nav__link'}
              aria-current={link.screen === current ? 'page' : undefined}
              aria-keyshortcuts={`g ${link.key}`}
              title={`${link.label} (g then ${link.key})`}
              data-testid={`nav-${link.screen}`}
              // A hover or a Tab onto the link is intent enough to start fetching the screen's chunk.
              onPointerEnter={() => preloadScreen(link.screen)}
              onFocus={() => preloadScreen(link.screen)}
            >
              {link.label}
            </a>
          ))}
        </nav>
        {children}
      </div>
    </header>
  )
}

/**
 * `g` then o/d/a/s/e/q/, jumps to a screen. Listened to on window in the capture phase, before the
 * dashboard's single-key shortcuts on document, so the second key is not also a period shortcut.
 */
function useScreenShortcuts(): void {
  const armedAt = useRef(0)
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.repeat) return
      const target = event.target as HTMLElement | null
      if (target && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable)) return
      const key = event.key.toLowerCase()
      if (Date.now() - armedAt.current < chordMs) {
        armedAt.current = 0
        const link = links.find((entry) => entry.key === key)
        if (link) {
          event.preventDefault()
          event.stopPropagation()
          goTo(link.screen)
        }
        return
      }
      if (key === 'g') {
        armedAt.current = Date.now()
        event.preventDefault()
        event.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
}
