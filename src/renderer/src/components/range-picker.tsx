// Picks the date range; Plausible's single-key shortcuts work too (D, W, F, T, M, L).
import { useEffect } from 'react'
import { rangeKeys, ranges, type RangeKey } from '../../../shared/stats/ranges'

/** Plausible's own keys for the ranges we offer (its docs: keyboard shortcuts). */
const shortcuts: Partial<Record<string, RangeKey>> = {
  d: 'day',
  w: '7d',
  f: '28d',
  t: '30d',
  m: 'month',
  l: '12mo',
}

export interface RangePickerProps {
  value: RangeKey
  onChange: (range: RangeKey) => void
}

export function RangePicker({ value, onChange }: RangePickerProps): React.JSX.Element {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.repeat) return
      const target = event.target as HTMLElement | null
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return
      const range = shortcuts[event.key.toLowerCase()]
      if (range) onChange(range)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onChange])

  return (
    <label className="picker">
      <span className="visually-hidden">Date range</span>
      <select
        className="picker__select"
        data-testid="range-picker"
        value={value}
        onChange={(event) => onChange(event.target.value as RangeKey)}
      >
        {rangeKeys.map((key) => (
          <option key={key} value={key}>
            {ranges[key].label}
          </option>
        ))}
      </select>
    </label>
  )
}
