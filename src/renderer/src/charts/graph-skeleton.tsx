// The main graph's place while its points (or recharts itself) are on their way: the chart's own height.
export function GraphSkeleton(): React.JSX.Element {
  return <div className="chart chart--loading skeleton" data-testid="chart-loading" aria-busy="true" />
}
