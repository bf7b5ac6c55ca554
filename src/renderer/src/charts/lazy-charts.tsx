// The charts as chunks of their own: recharts is the largest part of the window's code, and the top stats,
// panels and realtime numbers should paint without waiting for it. Each chart waits behind a placeholder
// of its own size, so the page does not move when it lands.
import { lazyNamed } from '../lazy-named'
import { LoadBoundary } from '../components/load-boundary'
import { GraphSkeleton } from './graph-skeleton'
import type { MainGraphProps } from './main-graph'
import type { SparklineChartProps } from './sparkline-chart'

const MainGraphChunk = lazyNamed(() => import('./main-graph'), 'MainGraph')
const SparklineChunk = lazyNamed(() => import('./sparkline-chart'), 'SparklineChart')

export function LazyMainGraph(props: MainGraphProps): React.JSX.Element {
  return (
    <LoadBoundary compact fallback={<GraphSkeleton />}>
      <MainGraphChunk {...props} />
    </LoadBoundary>
  )
}

export function LazySparkline(props: SparklineChartProps): React.JSX.Element {
  return (
    <LoadBoundary compact fallback={<div style={{ height: props.height }} aria-hidden="true" />}>
      <SparklineChunk {...props} />
    </LoadBoundary>
  )
}
