// The local calendar day, for the optional daily cap: it resets at the machine's midnight, not the server's hour.

/** `YYYY-MM-DD` of the local date at `ms`. */
export function localDayOf(ms: number): string {
  const date = new Date(ms)
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

/** The next local midnight after `ms` (23 or 25 hours away on a DST day). */
export function nextLocalMidnight(ms: number): number {
  const date = new Date(ms)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime()
}
