// How long a read stays fresh, by what it asks: a realtime count changes by the second, today's numbers
// by the minute, a finished range not at all (until the day rolls over and "7d" means other days).
import type { V2Query } from '../../shared/plausible/query'

export type ReadKind = 'realtime' | 'today' | 'past' | 'sites'

export const freshnessMs: Record<ReadKind, number> = {
  realtime: 15_000,
  today: 2 * 60_000,
  past: 60 * 60_000,
  sites: 10 * 60_000,
}

const dayMs = 86_400_000

/** What kind of read a v2 query is, judged from its date range against `now` (ms). */
export function kindOfQuery(query: Pick<V2Query, 'date_range'>, now: number): ReadKind {
  const range = query.date_range as unknown
  if (typeof range === 'string') {
    // "Nd" and "Nmo" end before today (§4.2); every other shortcut includes today.
    return /^\d+(d|mo)$/.test(range) ? 'past' : 'today'
  }
  if (Array.isArray(range) && typeof range[1] === 'string') {
    const end = range[1]
    if (end.includes('T')) {
      const endMs = Date.parse(end)
      if (Number.isNaN(endMs)) return 'today'
      if (endMs >= now - 10 * 60_000) return 'realtime'
      return endMs < now - 2 * dayMs ? 'past' : 'today'
    }
    // A date in the site's timezone, which may be up to a day away from UTC: only ranges that ended
    // before yesterday (UTC) are surely finished everywhere.
    const endMs = Date.parse(`${end}T00:00:00Z`)
    if (Number.isNaN(endMs)) return 'today'
    return endMs + dayMs < now - dayMs ? 'past' : 'today'
  }
  return 'today'
}

/** Freshness of a contract read from its name and (account-free) input. */
export function freshnessFor(call: string, input: unknown, now: number): number {
  switch (call) {
    case 'stats.realtime':
      return freshnessMs.realtime
    case 'sites.list':
    case 'props.list':
    case 'goals.list':
      return freshnessMs.sites
    case 'stats.query': {
      const query = (input as { date_range?: unknown } | null) ?? {}
      return freshnessMs[kindOfQuery(query as Pick<V2Query, 'date_range'>, now)]
    }
    default:
      return freshnessMs.today
  }
}
