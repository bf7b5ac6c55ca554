// The overview's controls: search (`/` focuses it, Esc clears it, ↓ goes on to the cards), the sort, and
// the grid/list switch.
import type { RefObject } from 'react'
import {
  overviewLayouts,
  overviewSorts,
  type OverviewLayout,
  type OverviewSort,
} from '../../../../shared/stats/overview-view'

const sortLabels: Record<OverviewSort, string> = { visitors: 'Visitors', change: 'Change', name: 'Name' }
const layoutLabels: Record<OverviewLayout, string> = { grid: 'Grid', list: 'List' }

export interface OverviewToolbarProps {
  search: string
  onSearch: (text: string) => void
  searchRef: RefObject<HTMLInputElement | null>
  sort: OverviewSort
  onSort: (sort: OverviewSort) => void
  layout: OverviewLayout
  onLayout: (layout: OverviewLayout) => void
  /** ArrowDown in the search box: on to the cards. */
  onLeave: () => void
}

export function OverviewToolbar({
  search,
  onSearch,
  searchRef,
  sort,
  onSort,
  layout,
  onLayout,
  onLeave,
}: OverviewToolbarProps): React.JSX.Element {
  return (
    <div className="overview-toolbar">
      <label className="overview-search">
        <span className="visually-hidden">Search sites</span>
        <input
          ref={searchRef}
          type="search"
          className="overview-search__input"
          placeholder="Search sites and accounts"
          aria-keyshortcuts="/"
          value={search}
          data-testid="overview-search"
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && search) {
              event.preventDefault()
              onSearch('')
            } else if (event.key === 'ArrowDown') {
              event.preventDefault()
              onLeave()
            }
          }}
        />
        <kbd className="kbd overview-search__key" aria-hidden="true">
          /
        </kbd>
      </label>
      <div className="overview-toolbar__right">
        <Segmented
          label="Sort by"
          testId="overview-sort"
          options={overviewSorts}
          labels={sortLabels}
          value={sort}
          onChange={onSort}
        />
        <Segmented
          label="Layout"
          testId="overview-layout"
          options={overviewLayouts}
          labels={layoutLabels}
          value={layout}
          onChange={onLayout}
        />
      </div>
    </div>
  )
}

function Segmented<T extends string>({
  label,
  testId,
  options,
  labels,
  value,
  onChange,
}: {
  label: string
  testId: string
  options: readonly T[]
  labels: Record<T, string>
  value: T
  onChange: (value: T) => void
}): React.JSX.Element {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId} data-value={value}>
      {options.map((option) => (
        <button
          type="button"
          key={option}
          role="radio"
          aria-checked={option === value}
          className={option === value ? 'segmented__item segmented__item--on' : 'segmented__item'}
          data-testid={`${testId}-${option}`}
          onClick={() => onChange(option)}
        >
          {labels[option]}
        </button>
      ))}
    </div>
  )
}
