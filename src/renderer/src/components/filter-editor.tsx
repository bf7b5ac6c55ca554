// The filter editor, as Plausible's filter modal: a dimension, an operator, several values, with values
// suggested by the server as you type (a small breakdown, see api/filter-suggestion-queries.ts). Regions
// and cities are picked by name and sent as their code and id; saved segments by the name given to them.
// Opened empty by "Filter", or prefilled by a pill, whose filter it then replaces.
import { useState } from 'react'
import { useFilterSuggestions } from '../api/filter-suggestion-queries'
import type { SiteRef } from '../api/queries'
import type { DateRange } from '../../../shared/plausible/query'
import { mustPickValue, valueForTyped, type Suggestion } from '../../../shared/stats/filter-suggestions'
import {
  filterDimensions,
  operatorLabels,
  operatorsFor,
  type DashboardFilter,
  type FilterChoice,
  type FilterOperator,
} from '../../../shared/stats/filters'
import type { SavedSegment } from '../../../shared/stats/segment-book'

export interface FilterEditorProps {
  site: SiteRef
  dateRange: DateRange
  /** The dashboard's filters: suggestions are counted under them. */
  filters: readonly DashboardFilter[]
  propertyNames: readonly string[]
  segments: readonly SavedSegment[]
  /** The pill being edited; none for a new filter. */
  initial?: DashboardFilter
  onSave: (filter: DashboardFilter) => void
  onClose: () => void
}

const propertyPrefix = 'event:props:'

export function FilterEditor({
  site,
  dateRange,
  filters,
  propertyNames,
  segments,
  initial,
  onSave,
  onClose,
}: FilterEditorProps): React.JSX.Element {
  const dimensions: FilterChoice[] = [...filterDimensions]
  for (const name of propertyNames) dimensions.push(propertyChoice(name))
  if (initial && !dimensions.some((d) => d.dimension === initial.dimension))
    dimensions.push(
      initial.dimension.startsWith(propertyPrefix)
        ? propertyChoice(initial.dimension.slice(propertyPrefix.length))
        : { dimension: initial.dimension, label: initial.dimension, operators: operatorsFor('') },
    )
  const [dimension, setDimension] = useState(initial?.dimension ?? dimensions[0]?.dimension ?? 'event:page')
  const [operator, setOperator] = useState<FilterOperator>(initial?.operator ?? 'is')
  const [values, setValues] = useState<string[]>(initial?.values ?? [])
  const [labels, setLabels] = useState<Record<string, string>>(initial?.labels ?? {})
  const [draft, setDraft] = useState('')
  const [custom, setCustom] = useState('')
  const spec = dimensions.find((d) => d.dimension === dimension)
  const operators = spec?.operators ?? operatorsFor(dimension)
  const target = dimension === 'custom-prop' ? `${propertyPrefix}${custom.trim()}` : dimension
  // Only a value the server filters by may be sent (a place's code, a segment's id, a goal the site has).
  const mustPick = mustPickValue(target, operator)

  const asked = useFilterSuggestions(
    site,
    dateRange,
    filters,
    target === 'segment' || target === propertyPrefix ? null : target,
    draft,
    values,
  )
  const suggestions: Suggestion[] =
    target === 'segment' ? segmentSuggestions(segments, draft, values) : asked.suggestions

  const pick = (suggestion: Suggestion): void => {
    if (!values.includes(suggestion.value)) setValues([...values, suggestion.value])
    if (suggestion.label !== suggestion.value) setLabels({ ...labels, [suggestion.value]: suggestion.label })
    setDraft('')
  }
  // Enter picks from a list that answers what is typed now, never from the one before typing went on.
  const isAnswered = target === 'segment' || asked.answered === draft.trim()
  const typedValue = valueForTyped(target, operator, draft, isAnswered ? suggestions : [])
  const addTyped = (): void => {
    if (typedValue) pick(typedValue)
  }
  const submit = (): void => {
    const all = typedValue && !values.includes(typedValue.value) ? [...values, typedValue.value] : values
    const named =
      typedValue && typedValue.label !== typedValue.value
        ? { ...labels, [typedValue.value]: typedValue.label }
        : labels
    if (all.length === 0 || target === propertyPrefix) return
    const kept = Object.fromEntries(all.filter((v) => named[v] !== undefined).map((v) => [v, named[v]!]))
    onSave({
      dimension: target,
      operator: operators.includes(operator) ? operator : 'is',
      values: all,
      ...(Object.keys(kept).length > 0 ? { labels: kept } : {}),
    })
    onClose()
  }
  const title = initial ? 'Edit filter' : 'Filter by'
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <form
        className="modal modal--small"
        role="dialog"
        aria-modal="true"
        aria-label={initial ? 'Edit a filter' : 'Add a filter'}
        data-testid="filter-editor"
        data-editing={initial ? 'true' : 'false'}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            onClose()
          }
        }}
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <header className="modal__head">
          <h2 className="modal__title">{title}</h2>
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
              autoFocus={!initial}
              onChange={(event) => {
                setDimension(event.target.value)
                setOperator('is')
                setValues([])
                setLabels({})
                setDraft('')
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
              autoFocus={initial !== undefined}
              placeholder={mustPick ? 'Type a name, pick it below' : 'Type a value, Enter adds another'}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && draft.trim()) {
                  event.preventDefault()
                  addTyped()
                }
              }}
            />
          </label>
          {values.length > 0 ? (
            <div className="chips chips--inline">
              {values.map((value) => (
                <span className="chip" key={value} data-testid="filter-value-chip" data-value={value}>
                  <span className="chip__text">{labels[value] ?? value}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={`Remove ${labels[value] ?? value}`}
                    onClick={() => setValues(values.filter((v) => v !== value))}
                  >
                    ×
                  </button>
                </span>
              ))}
            </div>
          ) : null}
          <div
            className="suggestions"
            data-testid="filter-suggestions"
            data-answered={target === 'segment' ? draft.trim() : (asked.answered ?? '')}
            data-state={target !== 'segment' && asked.isLoading ? 'loading' : 'ready'}
            aria-label="Suggested values"
            role="group"
          >
            {suggestions.map((suggestion) => (
              <button
                type="button"
                key={suggestion.value}
                className="suggestion"
                data-testid="filter-suggestion"
                data-value={suggestion.value}
                onClick={() => pick(suggestion)}
              >
                {suggestion.label}
              </button>
            ))}
            {target === 'segment' && segments.length === 0 ? (
              <p className="field__hint" data-testid="filter-no-segments">
                No saved segments yet: add one by its id under Segments.
              </p>
            ) : null}
          </div>
        </div>
        <footer className="modal__foot">
          <span className="field__hint">
            {target === 'segment' ? '' : 'Suggestions cost one request per search'}
          </span>
          <button type="submit" className="button" data-testid="filter-apply">
            {initial ? 'Save filter' : 'Apply filter'}
          </button>
        </footer>
      </form>
    </div>
  )
}

function propertyChoice(name: string): FilterChoice {
  return { dimension: `${propertyPrefix}${name}`, label: `Property: ${name}`, operators: operatorsFor('') }
}

/** The saved segments whose name holds the typed text, any case, by name. */
function segmentSuggestions(
  segments: readonly SavedSegment[],
  typed: string,
  chosen: readonly string[],
): Suggestion[] {
  const text = typed.trim().toLowerCase()
  return segments
    .filter((segment) => !chosen.includes(String(segment.id)))
    .filter((segment) => text === '' || segment.name.toLowerCase().includes(text))
    .map((segment) => ({ value: String(segment.id), label: segment.name }))
}
