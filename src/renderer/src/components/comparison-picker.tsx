// Compare with: previous period, year over year or a custom period; match the day of week or exact dates.
import { useState } from 'react'
import type { IsoDate } from '../../../shared/stats/calendar'
import {
  comparisonLabels,
  type ComparisonMode,
  type ComparisonRange,
  type ComparisonSettings,
} from '../../../shared/stats/comparison'
import { Calendar } from './calendar'
import { Popover } from './popover'

export interface ComparisonPickerProps {
  settings: ComparisonSettings
  range: ComparisonRange | null
  today: IsoDate
  disabled: boolean
  onChange: (settings: ComparisonSettings) => void
}

const modes: ComparisonMode[] = ['off', 'previous_period', 'year_over_year', 'custom']

export function ComparisonPicker({
  settings,
  range,
  today,
  disabled,
  onChange,
}: ComparisonPickerProps): React.JSX.Element | null {
  const [picking, setPicking] = useState(false)
  if (disabled) return null
  const on = settings.mode !== 'off'
  return (
    <Popover
      testId="comparison-picker"
      align="right"
      buttonClassName={on ? 'picker-button picker-button--active' : 'picker-button'}
      title="Compare (X)"
      onOpenChange={(open) => {
        if (!open) setPicking(false)
      }}
      label={
        <>
          <span data-testid="comparison-label">
            {on ? `vs. ${range?.label ?? comparisonLabels[settings.mode]}` : 'Compare'}
          </span>
          <span className="chevron" aria-hidden="true" />
        </>
      }
    >
      {(close) =>
        picking ? (
          <Calendar
            testId="comparison-calendar"
            max={today}
            onPick={(from, to) => {
              onChange({ ...settings, mode: 'custom', from, to })
              setPicking(false)
              close()
            }}
          />
        ) : (
          <ul className="menu" role="menu">
            {modes.map((mode) => (
              <li key={mode}>
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={settings.mode === mode}
                  className={settings.mode === mode ? 'menu__item menu__item--current' : 'menu__item'}
                  data-testid={`comparison-option-${mode}`}
                  onClick={() => {
                    if (mode === 'custom') {
                      setPicking(true)
                      return
                    }
                    onChange({ ...settings, mode })
                    close()
                  }}
                >
                  <span>{comparisonLabels[mode]}</span>
                  {mode === 'off' ? <kbd className="kbd">X</kbd> : null}
                </button>
              </li>
            ))}
            {on && settings.mode !== 'custom' ? (
              <>
                <li className="menu__divider">
                  <button
                    type="button"
                    role="menuitemradio"
                    aria-checked={settings.matchDayOfWeek}
                    className={settings.matchDayOfWeek ? 'menu__item menu__item--current' : 'menu__item'}
                    data-testid="comparison-match-weekday"
                    onClick={() => onChange({ ...settings, matchDayOfWeek: true })}
                  >
                    Match day of the week
                  </button>
                </li>
                <li>
                  <button
                    type="button"
                    role="menuitemradio"
                    aria-checked={!settings.matchDayOfWeek}
                    className={!settings.matchDayOfWeek ? 'menu__item menu__item--current' : 'menu__item'}
                    data-testid="comparison-match-date"
                    onClick={() => onChange({ ...settings, matchDayOfWeek: false })}
                  >
                    Match exact date
                  </button>
                </li>
              </>
            ) : null}
          </ul>
        )
      }
    </Popover>
  )
}
