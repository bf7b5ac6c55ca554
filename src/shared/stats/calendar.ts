// Civil dates (`YYYY-MM-DD`) and wall-clock times in a site's timezone, without a date library:
// date math runs on UTC day numbers, zone lookups go through Intl (so DST comes from the platform).

export type IsoDate = string

const dayMs = 86_400_000

function dayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number)
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / dayMs)
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  return fromDayNumber(dayNumber(value)) === value
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days)
}

/** `b − a` in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a)
}

/** ISO weekday: Monday 1 … Sunday 7 (as Elixir's Date.day_of_week). */
export function dayOfWeek(date: IsoDate): number {
  const weekday = new Date(dayNumber(date) * dayMs).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

/** Calendar shift that clamps to the month's last day (Jan 31 + 1 month = Feb 28), as Date.shift does. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12)
}

export const startOfMonth = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`
export const endOfMonth = (date: IsoDate): IsoDate => addDays(addMonths(startOfMonth(date), 1), -1)
export const startOfYear = (date: IsoDate): IsoDate => `${date.slice(0, 4)}-01-01`
export const endOfYear = (date: IsoDate): IsoDate => `${date.slice(0, 4)}-12-31`

/** Monday of the date's ISO week. */
export const startOfWeek = (date: IsoDate): IsoDate => addDays(date, 1 - dayOfWeek(date))

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b)
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b)

export interface WallTime {
  date: IsoDate
  /** `HH:MM:SS`, 24-hour. */
  time: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock date and time at `instantMs` in `timeZone`. */
export function wallTimeAt(timeZone: string, instantMs: number): WallTime {
  const parts = partsFormatter(timeZone).formatToParts(instantMs)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00'
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
  }
}

/** Today's date in the site's timezone: every relative range starts from it. */
export function todayIn(timeZone: string, nowMs: number): IsoDate {
  return wallTimeAt(timeZone, nowMs).date
}

function wallAsUtcMs({ date, time }: WallTime): number {
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number)
  return dayNumber(date) * dayMs + ((h * 60 + mi) * 60 + s) * 1000
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in summer: 120, New York in winter: −300). */
export function offsetMinutesAt(timeZone: string, instantMs: number): number {
  const whole = Math.floor(instantMs / 1000) * 1000
  return Math.round((wallAsUtcMs(wallTimeAt(timeZone, whole)) - whole) / 60_000)
}

/**
 * Every instant whose wall-clock reading in `timeZone` is `wall`, earliest first: one on most days,
 * two in the repeated hour of a fall-back day, none in the skipped hour of a spring-forward day.
 */
export function instantsOfWallTime(timeZone: string, wall: WallTime): number[] {
  const naive = wallAsUtcMs(wall)
  const offsets = new Set([
    offsetMinutesAt(timeZone, naive - dayMs),
    offsetMinutesAt(timeZone, naive),
    offsetMinutesAt(timeZone, naive + dayMs),
  ])
  const found = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => {
      const back = wallTimeAt(timeZone, instant)
      return back.date === wall.date && back.time === wall.time
    })
  return [...new Set(found)].sort((a, b) => a - b)
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** `2026-11-01T01:00:00-05:00`: an instant as the site's wall time with its offset (what v2 accepts, §4.2). */
export function isoWithOffset(timeZone: string, instantMs: number): string {
  const whole = Math.floor(instantMs / 1000) * 1000
  const wall = wallTimeAt(timeZone, whole)
  return `${wall.date}T${wall.time}${formatOffset(offsetMinutesAt(timeZone, whole))}`
}

/**
 * The instant of a wall time; in a skipped hour, the first instant after the gap, in a repeated hour the
 * first of the two (what a person setting a clock means).
 */
export function instantOfWallTime(timeZone: string, wall: WallTime): number {
  const exact = instantsOfWallTime(timeZone, wall)
  if (exact[0] !== undefined) return exact[0]
  // In a spring-forward gap: the offset before the gap puts the reading past it.
  return wallAsUtcMs(wall) - offsetMinutesAt(timeZone, wallAsUtcMs(wall) - dayMs) * 60_000
}
