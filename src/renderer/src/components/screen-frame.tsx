// The frame every management screen shares: the top bar with navigation, a title, a one-line purpose;
// and the shell that stands in for a screen whose code is still on its way.
import { AppNav } from './app-nav'
import type { Screen } from '../hooks/use-route'

export interface ScreenFrameProps {
  screen: Screen
  title: string
  intro: React.ReactNode
  /** What tests wait for: loading until the screen's first answers are in. */
  state: 'loading' | 'ready' | 'error'
  aside?: React.ReactNode
  children: React.ReactNode
}

export function ScreenFrame({ screen, title, intro, state, aside, children }: ScreenFrameProps) {
  return (
    <div className="app" data-screen={screen} data-screen-state={state} data-testid={`screen-${screen}`}>
      <AppNav>{aside}</AppNav>
      <main className="page screen">
        <div className="screen__head">
          <h1 className="screen__title">{title}</h1>
          <p className="screen__intro">{intro}</p>
        </div>
        {children}
      </main>
    </div>
  )
}

/**
 * A screen whose chunk is still on its way (or could not be fetched): the same top bar and page, so
 * nothing jumps when it lands. The skeleton fades in only after a delay (styles.css), so a fast load
 * shows no flash of it at all.
 */
export function ScreenShell({ screen, children }: { screen: Screen; children?: React.ReactNode }) {
  return (
    <div className="app" data-screen-loading={screen}>
      <AppNav />
      <main className="page screen">
        {children ?? (
          <div className="screen-loading" role="status" aria-busy="true" aria-label="Loading">
            <span className="skeleton skeleton--title" />
            <span className="skeleton skeleton--inline" />
            <span className="card skeleton skeleton--card" />
          </div>
        )}
      </main>
    </div>
  )
}
