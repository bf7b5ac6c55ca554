// The map as a chunk of its own: its country outlines (~45 KB) load the first time the Map tab is shown,
// never with the window's first paint. A placeholder of the map's shape holds its place meanwhile.
import { lazyNamed } from '../../lazy-named'
import { LoadBoundary } from '../load-boundary'
import type { WorldMapProps } from './world-map'

const WorldMapChunk = lazyNamed(() => import('./world-map'), 'WorldMap')

export function LazyWorldMap(props: WorldMapProps): React.JSX.Element {
  return (
    <LoadBoundary
      compact
      fallback={<div className="skeleton" style={{ aspectRatio: '800 / 390' }} aria-hidden="true" />}
    >
      <WorldMapChunk {...props} />
    </LoadBoundary>
  )
}
