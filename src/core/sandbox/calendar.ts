// Civil (time-zone free) calendar arithmetic on day numbers: days since 1970-01-01, as in the site's local calendar.

export const dayMs = 86_400_000
export const hourMs = 3_600_000

/** `2024-09-04` → days since 1970-01-01. The string must already be a valid date (see `isValidIsoDate`). */
export function isoDateToDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return Math.floor(Date.UTC(y, m - 1, d) / dayMs)
}

export function dayToIsoDate(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  return dayToIsoDate(isoDateToDay(value)) === value
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

export function mondayOf(day: number): number {
  return day - weekdayOf(day)
}

export interface YearMonth {
  year: number
  /** 1..12 */
  month: number
}

export function yearMonthOf(day: number): YearMonth {
  const date = new Date(day * dayMs)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 }
}

/** The first day of the month `offset` months after the month of `day` (negative goes back). */
export function firstOfMonth(day: number, offset = 0): number {
  const { year, month } = yearMonthOf(day)
  return Math.floor(Date.UTC(year, month - 1 + offset, 1) / dayMs)
}

export function firstOfYear(day: number): number {
  return Math.floor(Date.UTC(yearMonthOf(day).year, 0, 1) / dayMs)
}
