// A month calendar for picking a date range: the first click sets the start, the second the end.
import { useState } from 'react'
import {
  addDays,
  addMonths,
  dayOfWeek,
  endOfMonth,
  startOfMonth,
  type IsoDate,
} from '../../../shared/stats/calendar'

export interface CalendarProps {
  /** The last day that can be picked (today in the site's timezone). */
  max: IsoDate
  initial?: { from: IsoDate; to: IsoDate }
  onPick: (from: IsoDate, to: IsoDate) => void
  testId?: string
}

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })

export function Calendar({ max, initial, onPick, testId = 'calendar' }: CalendarProps): React.JSX.Element {
  const [month, setMonth] = useState(startOfMonth(initial?.to ?? max))
  const [start, setStart] = useState<IsoDate | null>(null)
  const [from, setFrom] = useState(initial?.from ?? '')
  const [to, setTo] = useState(initial?.to ?? '')
  const first = addDays(month, 1 - dayOfWeek(month))
  const days = Array.from({ length: 42 }, (_, i) => addDays(first, i)).filter(
    (day, i) => i < 35 || day <= endOfMonth(month),
  )
  const pick = (day: IsoDate): void => {
    if (start === null) {
      setStart(day)
      return
    }
    const [a, b] = start <= day ? [start, day] : [day, start]
    setStart(null)
    onPick(a, b)
  }
  return (
    <div className="calendar" data-testid={testId}>
      <div className="calendar__head">
        <button
          type="button"
          className="icon-button"
          aria-label="Previous month"
          onClick={() => setMonth(addMonths(month, -1))}
        >
          ‹
        </button>
        <span className="calendar__month" data-testid={`${testId}-month`}>
          {monthFormat.format(new Date(`${month}T00:00:00Z`))}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Next month"
          disabled={addMonths(month, 1) > max}
          onClick={() => setMonth(addMonths(month, 1))}
        >
          ›
        </button>
      </div>
      <div className="calendar__grid" role="grid">
        {['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => (
          <span key={d} className="calendar__weekday">
            {d}
          </span>
        ))}
        {days.map((day) => {
          const inMonth = day.slice(0, 7) === month.slice(0, 7)
          const selected = start === day
          return (
            <button
              type="button"
              key={day}
              className={`calendar__day${inMonth ? '' : ' calendar__day--outside'}${selected ? ' calendar__day--start' : ''}`}
              data-date={day}
              disabled={day > max}
              onClick={() => pick(day)}
            >
              {Number(day.slice(8))}
            </button>
          )
        })}
      </div>
      <form
        className="calendar__inputs"
        onSubmit={(event) => {
          event.preventDefault()
          if (from && to) onPick(from <= to ? from : to, from <= to ? to : from)
        }}
      >
        <input
          type="date"
          aria-label="From"
          value={from}
          max={max}
          onChange={(e) => setFrom(e.target.value)}
        />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label="To" value={to} max={max} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" className="button button--small">
          Apply
        </button>
      </form>
      <p className="calendar__hint">
        {start ? 'Now pick the last day.' : 'Pick the first day, then the last.'}
      </p>
    </div>
  )
}
