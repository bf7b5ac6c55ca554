// The hour's budget as chart bars: what was used, what background work may still spend, and the reserve
// kept for the window and the CLI (design.md "The budget"). Pure: the snapshot in, numbers out.
import type { BudgetSnapshot } from '../contract/calls'

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
