// Filters as pills: each opens its filter for editing (filter-editor.tsx) and has its own remove button.
import { describeFilter, type DashboardFilter } from '../../../shared/stats/filters'

export function FilterChips({
  filters,
  onEdit,
  onRemove,
  onClear,
}: {
  filters: DashboardFilter[]
  /** A click (or Enter, Space) on the pill's text opens its filter in the editor. */
  onEdit: (index: number) => void
  onRemove: (index: number) => void
  onClear: () => void
}): React.JSX.Element | null {
  if (filters.length === 0) return null
  return (
    <div className="chips" data-testid="filter-chips">
      {filters.map((filter, index) => (
        <span
          className="chip"
          key={`${filter.dimension}:${filter.operator}`}
          data-testid="filter-chip"
          data-dimension={filter.dimension}
        >
          <button
            type="button"
            className="chip__text chip__edit"
            aria-label={`Edit filter ${describeFilter(filter)}`}
            data-testid="filter-chip-edit"
            onClick={() => onEdit(index)}
          >
            {describeFilter(filter)}
          </button>
          <button
            type="button"
            className="chip__remove"
            aria-label={`Remove filter ${describeFilter(filter)}`}
            data-testid="filter-chip-remove"
            onClick={() => onRemove(index)}
          >
            ×
          </button>
        </span>
      ))}
      {filters.length > 1 ? (
        <button
          type="button"
          className="link-button"
          data-testid="filter-clear"
          onClick={onClear}
          title="Clear all filters (Esc)"
        >
          Clear all
        </button>
      ) : null}
    </div>
  )
}
