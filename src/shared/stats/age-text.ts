// How old a number is, and how long until the next one, in the few words a card has room for:
// "just now", "12 min ago", "3 h ago", "2 d ago"; "next in 12 min". Whole units, rounded down, so a
// number never reads younger than it is.

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** `ageMs` old: under a minute is "just now"; a negative age (a clock ahead of ours) too. */
export function ageText(ageMs: number): string {
  if (!(ageMs >= minute)) return 'just now'
  if (ageMs < hour) return `${Math.floor(ageMs / minute)} min ago`
  if (ageMs < day) return `${Math.floor(ageMs / hour)} h ago`
  return `${Math.floor(ageMs / day)} d ago`
}

/**
 * How long until something due in `waitMs`: "in 12 min", rounded up so "in 1 min" is never shown for a
 * wait of 90 s; under a minute is "in under a minute", and anything due already is "now".
 */
export function untilText(waitMs: number): string {
  if (!(waitMs > 0)) return 'now'
  if (waitMs < minute) return 'in under a minute'
  if (waitMs < hour) return `in ${Math.ceil(waitMs / minute)} min`
  const hours = Math.floor(waitMs / hour)
  const minutes = Math.ceil((waitMs - hours * hour) / minute)
  if (minutes === 60) return `in ${hours + 1} h`
  return minutes === 0 ? `in ${hours} h` : `in ${hours} h ${minutes} min`
}
