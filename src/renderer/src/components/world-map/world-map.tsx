// The Locations panel's world map: countries shaded by their visitors from the panel's own breakdown (no
// request of its own), a tooltip on hover and focus, and a click — or Enter or Space on a focused country —
// filters the whole dashboard by that country. Countries without visitors are background, out of the tab order.
import { useState } from 'react'
import type { BreakdownRow } from '../../../../shared/stats/breakdowns'
import {
  countryFlag,
  countryShade,
  undrawnCountries,
  visitorsPhrase,
} from '../../../../shared/stats/country-map'
import { countryShapes, worldMapSize } from './world-paths'

export interface WorldMapProps {
  /** Visitors by country, the rows of the panel's visit:country breakdown (value = ISO alpha-2). */
  rows: readonly BreakdownRow[]
  onFilter: (dimension: string, value: string, label: string) => void
  /** The breakdown had more countries than its first page: the map says it shows the top ones. */
  truncated?: boolean
}

const drawableCodes: ReadonlySet<string> = new Set(countryShapes.map((shape) => shape.code))

interface Hovered {
  code: string
  name: string
  visitors: number
  /** Where the tooltip goes, in percent of the map's box. */
  x: number
  y: number
}

export function WorldMap({ rows, onFilter, truncated = false }: WorldMapProps): React.JSX.Element {
  const [hovered, setHovered] = useState<Hovered | null>(null)
  const byCode = new Map(rows.map((row) => [row.value.toUpperCase(), row]))
  const max = Math.max(0, ...rows.map((row) => row.metrics.visitors ?? 0))
  const shapes = countryShapes.map((shape) => ({ shape, row: byCode.get(shape.code) }))
  const undrawn = undrawnCountries(rows, drawableCodes)

  const show = (code: string, name: string, visitors: number, target: SVGGraphicsElement): void => {
    const box = target.getBBox()
    setHovered({
      code,
      name,
      visitors,
      x: ((box.x + box.width / 2) / worldMapSize.width) * 100,
      y: (box.y / worldMapSize.height) * 100,
    })
  }

  return (
    <div className="world-map" data-testid="world-map" data-max-visitors={max}>
      <svg
        className="world-map__svg"
        viewBox={`0 0 ${worldMapSize.width} ${worldMapSize.height}`}
        role="group"
        aria-label="Visitors by country: a country filters the dashboard"
      >
        <g aria-hidden="true">
          {shapes
            .filter(({ row }) => !row || (row.metrics.visitors ?? 0) <= 0)
            .map(({ shape }) => (
              <path key={shape.code} className="world-map__country" d={shape.d} data-country={shape.code} />
            ))}
        </g>
        {shapes.map(({ shape, row }) => {
          const visitors = row?.metrics.visitors ?? 0
          if (!row || visitors <= 0) return null
          const name = row.name || shape.name
          const shade = countryShade(visitors, max)
          const filter = (): void => onFilter('visit:country', row.value, name)
          return (
            <path
              key={shape.code}
              className="world-map__country world-map__country--visited"
              d={shape.d}
              style={{ '--shade': `${shade}%` } as React.CSSProperties}
              data-testid="map-country"
              data-country={shape.code}
              data-visitors={visitors}
              data-shade={shade}
              tabIndex={0}
              role="button"
              aria-label={`${name}, ${visitorsPhrase(visitors)}`}
              onMouseEnter={(event) => show(shape.code, name, visitors, event.currentTarget)}
              onMouseLeave={() => setHovered(null)}
              onFocus={(event) => show(shape.code, name, visitors, event.currentTarget)}
              onBlur={() => setHovered(null)}
              onClick={filter}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return
                event.preventDefault()
                filter()
              }}
            />
          )
        })}
      </svg>
      {hovered ? (
        <div
          className="world-map__tooltip"
          role="tooltip"
          data-testid="map-tooltip"
          data-country={hovered.code}
          data-visitors={hovered.visitors}
          style={{ left: `${hovered.x}%`, top: `${hovered.y}%` }}
        >
          <span className="world-map__tooltip-name">
            {countryFlag(hovered.code)} {hovered.name}
          </span>
          <span className="world-map__tooltip-value">{visitorsPhrase(hovered.visitors)}</span>
        </div>
      ) : null}
      <div className="world-map__legend" aria-hidden="true">
        <span>0</span>
        <span className="world-map__scale" />
        <span>{visitorsPhrase(max)}</span>
      </div>
      {undrawn.length > 0 ? (
        <p className="world-map__note" data-testid="map-undrawn">
          Too small to draw at this scale: {undrawn.join(', ')}. The Countries tab lists them.
        </p>
      ) : null}
      {truncated ? (
        <p className="world-map__note" data-testid="map-truncated">
          The map shows the countries of the first page; Details lists them all.
        </p>
      ) : null}
    </div>
  )
}
