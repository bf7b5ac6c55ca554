// Filters as removable chips, and the editor that adds one: a dimension, an operator, several values.
import { useState } from 'react'
import {
  describeFilter,
  filterDimensions,
  operatorLabels,
  operatorsFor,
  type DashboardFilter,
  type FilterChoice,
  type FilterOperator,
} from '../../../shared/stats/filters'

export function FilterChips({
  filters,
  onRemove,
  onClear,
}: {
  filters: DashboardFilter[]
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
          <span className="chip__text">{describeFilter(filter)}</span>
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

export interface FilterEditorProps {
  propertyNames: string[]
  /** Values already on screen for a dimension (rows of panels in the cache): offered without a request. */
  suggestions: (dimension: string) => string[]
  onAdd: (filter: DashboardFilter) => void
  onClose: () => void
}

export function FilterEditor({
  propertyNames,
  suggestions,
  onAdd,
  onClose,
}: FilterEditorProps): React.JSX.Element {
  const dimensions: FilterChoice[] = [
    ...filterDimensions,
    ...propertyNames.map((name) => ({
      dimension: `event:props:${name}`,
      label: `Property: ${name}`,
      operators: operatorsFor(''),
    })),
  ]
  const [dimension, setDimension] = useState(dimensions[0]?.dimension ?? 'event:page')
  const [operator, setOperator] = useState<FilterOperator>('is')
  const [values, setValues] = useState<string[]>([])
  const [draft, setDraft] = useState('')
  const [custom, setCustom] = useState('')
  const spec = dimensions.find((d) => d.dimension === dimension)
  const operators = spec?.operators ?? operatorsFor(dimension)
  const known = suggestions(dimension)
    .filter((v) => !values.includes(v))
    .slice(0, 8)
  const addValue = (value: string): void => {
    const trimmed = value.trim()
    if (trimmed && !values.includes(trimmed)) setValues([...values, trimmed])
    setDraft('')
  }
  const submit = (): void => {
    const all = draft.trim() ? [...values, draft.trim()] : values
    const target = dimension === 'custom-prop' ? `event:props:${custom.trim()}` : dimension
    if (all.length === 0 || target === 'event:props:') return
    onAdd({ dimension: target, operator, values: all })
    onClose()
  }
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <form
        className="modal modal--small"
        role="dialog"
        aria-modal="true"
        aria-label="Add a filter"
        data-testid="filter-editor"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <header className="modal__head">
          <h2 className="modal__title">Filter by</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal__body form">
          <label className="field">
            <span>Dimension</span>
            <select
              data-testid="filter-dimension"
              value={dimension}
              onChange={(event) => {
                setDimension(event.target.value)
                setOperator('is')
              }}
            >
              {dimensions.map((d) => (
                <option key={d.dimension} value={d.dimension}>
                  {d.label}
                </option>
              ))}
              <option value="custom-prop">Other property…</option>
            </select>
          </label>
          {dimension === 'custom-prop' ? (
            <label className="field">
              <span>Property name</span>
              <input
                value={custom}
                data-testid="filter-property"
                onChange={(e) => setCustom(e.target.value)}
              />
            </label>
          ) : null}
          <label className="field">
            <span>Operator</span>
            <select
              data-testid="filter-operator"
              value={operator}
              onChange={(event) => setOperator(event.target.value as FilterOperator)}
            >
              {operators.map((op) => (
                <option key={op} value={op}>
                  {operatorLabels[op]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Values {spec?.hint ? <em className="field__hint">{spec.hint}</em> : null}</span>
            <input
              data-testid="filter-value"
              value={draft}
              placeholder="Type a value, Enter adds another"
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && draft.trim()) {
                  event.preventDefault()
                  addValue(draft)
                }
              }}
            />
          </label>
          {values.length > 0 ? (
            <div className="chips chips--inline">
              {values.map((value) => (
                <span className="chip" key={value} data-testid="filter-value-chip">
                  <span className="chip__text">{value}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={`Remove ${value}`}
                    onClick={() => setValues(values.filter((v) => v !== value))}
                  >
                    ×
                  </button>
                </span>
              ))}
            </div>
          ) : null}
          {known.length > 0 ? (
            <div className="suggestions">
              {known.map((value) => (
                <button type="button" key={value} className="suggestion" onClick={() => addValue(value)}>
                  {value}
                </button>
              ))}
            </div>
          ) : null}
        </div>
        <footer className="modal__foot">
          <span />
          <button type="submit" className="button" data-testid="filter-apply">
            Apply filter
          </button>
        </footer>
      </form>
    </div>
  )
}
