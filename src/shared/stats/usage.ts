// The budget as chart bars and short text: the hour's limit, what background work may spend and the reserve
// kept for the window and the CLI (design.md "The budget"), and who spent each of the last 24 UTC hours.
// Pure: the snapshot in, numbers out.
import {
  requestPriorities,
  type BudgetSnapshot,
  type RequestPriority,
  type RequestsBySource,
} from '../contract/calls'

/** The short names the CLI prints ("window 12 · cli 3 · tray 40"). */
export const sourceShortNames: Record<RequestPriority, string> = {
  interactive: 'window',
  cli: 'cli',
  background: 'background',
  tray: 'tray',
}

/** One bar of the 24-hour chart: an hour's requests by source and their sum. */
export interface HourBar extends RequestsBySource {
  hourStartedAt: string
  total: number
}

export interface HourUsage {
  used: number
  /** Left for anyone, background refresh and the tray included. */
  openLeft: number
  /** Left only for the window and the CLI: the interactive reserve not yet spent. */
  reserveLeft: number
  limit: number
  /** Where background work stops: the limit minus the reserve. */
  backgroundCeiling: number
}

export function hourUsage(snapshot: BudgetSnapshot): HourUsage {
  const limit = snapshot.hourlyLimit
  const reserve = Math.min(limit, snapshot.reservedForInteractive ?? 0)
  const backgroundCeiling = limit - reserve
  const used = Math.min(limit, snapshot.usedThisHour)
  return {
    used,
    openLeft: Math.max(0, backgroundCeiling - used),
    reserveLeft: Math.max(0, limit - Math.max(used, backgroundCeiling)),
    limit,
    backgroundCeiling,
  }
}

export function sourceTotal(bySource: RequestsBySource): number {
  return requestPriorities.reduce((sum, source) => sum + bySource[source], 0)
}

/**
 * The last 24 UTC hours as bars, oldest first. A host that sends no history (an older app over the control
 * socket) yields the current hour alone.
 */
export function hourBars(snapshot: BudgetSnapshot): HourBar[] {
  const hours = snapshot.hours ?? [
    {
      hourStartedAt: snapshot.hourStartedAt,
      bySource: snapshot.thisHourBySource ?? { interactive: 0, cli: 0, background: 0, tray: 0 },
    },
  ]
  return hours.map(({ hourStartedAt, bySource }) => ({
    hourStartedAt,
    ...bySource,
    total: sourceTotal(bySource),
  }))
}

/** "window 12 · cli 3 · tray 40": the sources that spent anything, most urgent first; "none" otherwise. */
export function describeSources(bySource: RequestsBySource): string {
  const spent = requestPriorities.filter((source) => bySource[source] > 0)
  if (spent.length === 0) return 'none'
  return spent.map((source) => `${sourceShortNames[source]} ${bySource[source]}`).join(' · ')
}
