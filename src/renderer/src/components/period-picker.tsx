// The period menu (Plausible's list and shortcuts), a custom range calendar, and the ←/→ period moves.
import { useState } from 'react'
import type { IsoDate } from '../../../shared/stats/calendar'
import {
  periodForMenu,
  periodMenu,
  resolvePeriod,
  type Period,
  type ResolvedPeriod,
} from '../../../shared/stats/periods'
import { Calendar } from './calendar'
import { Popover } from './popover'

export interface PeriodPickerProps {
  resolved: ResolvedPeriod
  today: IsoDate
  onChange: (period: Period) => void
  onMove: (direction: -1 | 1) => void
  canMove: { back: boolean; forward: boolean }
  /** Opened by the C shortcut. */
  calendarOpen: boolean
  onCalendarOpenChange: (open: boolean) => void
}

/** Which menu entry the current period is, for the tick. */
function menuIdOf(period: Period, today: IsoDate): string {
  if (period.key === 'custom') return 'custom'
  if (!period.date) return period.key
  const yesterday = periodForMenu('yesterday', today)
  const lastMonth = periodForMenu('last_month', today)
  const first = resolvePeriod(period, today).first
  if (period.key === 'day' && yesterday && first === resolvePeriod(yesterday, today).first) return 'yesterday'
  if (period.key === 'month' && lastMonth && first === resolvePeriod(lastMonth, today).first)
    return 'last_month'
  return ''
}

export function PeriodPicker({
  resolved,
  today,
  onChange,
  onMove,
  canMove,
  calendarOpen,
  onCalendarOpenChange,
}: PeriodPickerProps): React.JSX.Element {
  const [menuOpen, setMenuOpen] = useState(false)
  const current = menuIdOf(resolved.period, today)
  return (
    <div className="period-picker">
      <div className="period-arrows" role="group" aria-label="Move the period">
        <button
          type="button"
          className="arrow-button"
          data-testid="period-back"
          aria-label="Previous period"
          title="Previous period (←)"
          disabled={!canMove.back}
          onClick={() => onMove(-1)}
        >
          ‹
        </button>
        <button
          type="button"
          className="arrow-button"
          data-testid="period-forward"
          aria-label="Next period"
          title="Next period (→)"
          disabled={!canMove.forward}
          onClick={() => onMove(1)}
        >
          ›
        </button>
      </div>
      <Popover
        testId="range-picker"
        align="right"
        buttonClassName="picker-button"
        open={menuOpen || calendarOpen}
        onOpenChange={(open) => {
          setMenuOpen(open)
          if (!open) onCalendarOpenChange(false)
        }}
        label={
          <>
            <span data-testid="period-label">{resolved.label}</span>
            <span className="chevron" aria-hidden="true" />
          </>
        }
      >
        {(close) =>
          calendarOpen ? (
            <Calendar
              max={today}
              {...(resolved.first && resolved.last
                ? { initial: { from: resolved.first, to: resolved.last } }
                : {})}
              onPick={(from, to) => {
                onChange({ key: 'custom', from, to })
                onCalendarOpenChange(false)
                close()
              }}
            />
          ) : (
            <ul className="menu" role="menu">
              {periodMenu.map((entry, index) => (
                <li
                  key={entry.id}
                  className={
                    index === 3 || index === 7 || index === 10 || index === 12 ? 'menu__divider' : ''
                  }
                >
                  <button
                    type="button"
                    role="menuitemradio"
                    aria-checked={current === entry.id}
                    className={current === entry.id ? 'menu__item menu__item--current' : 'menu__item'}
                    data-testid={`period-option-${entry.id}`}
                    onClick={() => {
                      if (entry.id === 'custom') {
                        onCalendarOpenChange(true)
                        return
                      }
                      const period = periodForMenu(entry.id, today)
                      if (period) onChange(period)
                      close()
                    }}
                  >
                    <span>{entry.label}</span>
                    {entry.shortcut ? <kbd className="kbd">{entry.shortcut}</kbd> : null}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Popover>
    </div>
  )
}
