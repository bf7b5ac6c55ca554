// Site time zones through Intl: UTC offsets (DST included), local wall-clock parts, and local time → instant.
import { dayMs, dayToIsoDate } from './calendar'

const formatters = new Map<string, Intl.DateTimeFormat>()
/** Per zone and UTC day: the offset at the day's start, and the transition inside the day if there is one. */
interface DayOffsets {
  start: number
  end: number
  /** First instant with the `end` offset; only meaningful when start ≠ end. */
  switchAt: number
}
const offsetCache = new Map<string, Map<number, DayOffsets>>()
/** Transitions are searched to the quarter hour: every real one happens on a quarter-hour boundary. */
const slotMs = 900_000

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

function computeOffset(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
  return local - Math.floor(utcMs / 1000) * 1000
}

/**
 * The zone's UTC offset in ms at an instant (positive east of Greenwich). Intl is slow (microseconds a call),
 * so offsets are read once per UTC day and a day whose two ends differ is bisected to find its transition.
 */
export function offsetAt(timeZone: string, utcMs: number): number {
  let zoneCache = offsetCache.get(timeZone)
  if (!zoneCache) {
    zoneCache = new Map()
    offsetCache.set(timeZone, zoneCache)
  }
  const day = Math.floor(utcMs / dayMs)
  let offsets = zoneCache.get(day)
  if (!offsets) {
    const start = computeOffset(timeZone, day * dayMs)
    const end = computeOffset(timeZone, (day + 1) * dayMs)
    let switchAt = (day + 1) * dayMs
    if (start !== end) {
      // Bisect the quarter-hour slots of the day for the first one on the new offset.
      let low = 0
      let high = dayMs / slotMs
      while (low < high) {
        const mid = (low + high) >> 1
        if (computeOffset(timeZone, day * dayMs + mid * slotMs) === end) high = mid
        else low = mid + 1
      }
      switchAt = day * dayMs + low * slotMs
    }
    offsets = { start, end, switchAt }
    zoneCache.set(day, offsets)
  }
  return utcMs >= offsets.switchAt ? offsets.end : offsets.start
}

/** Wall-clock ms of an instant in the zone (a "local epoch": read it with UTC getters). */
export function toLocalMs(timeZone: string, utcMs: number): number {
  return utcMs + offsetAt(timeZone, utcMs)
}

/** The local calendar day (days since 1970-01-01) of an instant. */
export function localDayOf(timeZone: string, utcMs: number): number {
  return Math.floor(toLocalMs(timeZone, utcMs) / dayMs)
}

/**
 * The instant at which the zone's clocks show `localMs`. An ambiguous time (DST fall-back) gives the
 * earlier instant; a time inside a DST gap gives the instant the clocks jumped to, as Plausible's
 * Timex-based range math does.
 */
export function localMsToUtc(timeZone: string, localMs: number): number {
  const valid = instantsAtLocal(timeZone, localMs)
  if (valid.length > 0) return valid[0]!
  return localMs - Math.min(...offsetsAround(timeZone, localMs))
}

/** The offsets in force within half a day of a local time: every offset it could be read with. */
function offsetsAround(timeZone: string, localMs: number): number[] {
  const first = offsetAt(timeZone, localMs - offsetAt(timeZone, localMs))
  return [
    offsetAt(timeZone, localMs - first - dayMs / 2),
    offsetAt(timeZone, localMs - first + dayMs / 2),
    first,
  ]
}

/**
 * Every instant at which the zone's clocks show `localMs`, earliest first: one, two (a DST fall-back shows
 * the time twice) or none (a DST gap skips it).
 */
export function instantsAtLocal(timeZone: string, localMs: number): number[] {
  const candidates = new Set(offsetsAround(timeZone, localMs).map((offset) => localMs - offset))
  return [...candidates].filter((utc) => toLocalMs(timeZone, utc) === localMs).sort((a, b) => a - b)
}

/** The instant the local day starts (its midnight, or the first existing minute after it). */
export function startOfLocalDay(timeZone: string, day: number): number {
  return localMsToUtc(timeZone, day * dayMs)
}

export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+'
  const minutes = Math.abs(Math.round(offsetMs / 60_000))
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** `2024-09-04 13:00:00`: the local wall-clock time of an instant, without offset (§4.8 hour labels). */
export function formatLocalDateTime(timeZone: string, utcMs: number): string {
  const localMs = toLocalMs(timeZone, utcMs)
  const seconds = Math.floor(localMs / 1000) * 1000
  const day = Math.floor(seconds / dayMs)
  return `${dayToIsoDate(day)} ${new Date(seconds).toISOString().slice(11, 19)}`
}

/** `2024-09-04T13:00:00+02:00`: the instant in the zone with its offset, truncated to seconds (§4.7 date_range). */
export function formatIsoWithOffset(timeZone: string, utcMs: number): string {
  return `${formatLocalDateTime(timeZone, utcMs).replace(' ', 'T')}${formatOffset(offsetAt(timeZone, utcMs))}`
}
