// React.lazy for our named exports (the house has no default exports), with a `preload()` that starts the
// chunk's download on intent (a hover, a focus) before the click that needs it.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'

export type Preloadable<P extends object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts (or joins) the chunk's download. Never rejects: a failure shows where the component renders. */
  preload(): void
}

/** The props of a function component (a component without any: none). */
type PropsOf<C> = C extends (props: infer P) => ReactNode ? (P extends object ? P : object) : never

/** `lazyNamed(() => import('./routes/accounts'), 'AccountsScreen')`: one download, shared by preload and render. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): Preloadable<PropsOf<M[K]>> {
  let loading: Promise<M> | undefined
  const loadOnce = (): Promise<M> => (loading ??= load())
  const component = lazy(async () => ({
    default: (await loadOnce())[name] as ComponentType<PropsOf<M[K]>>,
  }))
  return Object.assign(component, {
    preload: () => {
      loadOnce().catch(() => undefined)
    },
  })
}
