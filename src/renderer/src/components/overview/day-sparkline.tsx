// A site card's 24-hour line: one plain SVG path over the hourly visitors (no chart library, so the
// overview stays in the first chunk). Scaled to the card's own highest hour; a flat zero line when quiet.

const width = 120
const height = 32
/** Room above the highest point and below zero, so a 1 px stroke is never cut by the edge. */
const pad = 2

/** The line's `d` and the area under it, in a `width × height` box; null for fewer than two points. */
export function sparkPaths(values: ReadonlyArray<number | null>): { line: string; area: string } | null {
  if (values.length < 2) return null
  const max = Math.max(1, ...values.map((value) => value ?? 0))
  const step = width / (values.length - 1)
  const points = values.map((value, index) => {
    const x = round(index * step)
    const y = round(height - pad - ((value ?? 0) / max) * (height - 2 * pad))
    return `${x},${y}`
  })
  const line = `M${points.join('L')}`
  return { line, area: `${line}L${width},${height}L0,${height}Z` }
}

const round = (value: number): number => Math.round(value * 10) / 10

export function DaySparkline({
  values,
  label,
}: {
  values: ReadonlyArray<number | null>
  label: string
}): React.JSX.Element {
  const paths = sparkPaths(values)
  return (
    <svg
      className="day-sparkline"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="card-sparkline"
      data-points={values.map((value) => value ?? '').join(',')}
    >
      {paths ? (
        <>
          <path className="day-sparkline__area" d={paths.area} />
          <path className="day-sparkline__line" d={paths.line} vectorEffect="non-scaling-stroke" />
        </>
      ) : null}
    </svg>
  )
}
