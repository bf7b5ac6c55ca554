// The frame every management screen shares: the top bar with navigation, a title, a one-line purpose.
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
