// Keeps the realtime rings of every pinned site in `<configDir>/realtime-history.json` across restarts:
// loaded when first used (glance.ts), written atomically by flush() (the tray flushes after each round and on
// quit), a corrupt file moved aside and reported.
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { writeFileAtomic } from '../budget/atomic-file'
import { readJsonFileSync, type CorruptFileReport } from '../glance/json-file'
import {
  emptyHistory,
  pruneHistory,
  recordSample,
  viewHistory,
  type HistoryView,
  type SiteHistory,
} from './history-ring'

export const historyFileName = 'realtime-history.json'

const Count = lazySchema(() => z.number().int().nonnegative())
const HistoryFile = lazySchema(() =>
  z.object({
    version: z.literal(1),
    sites: z.array(
      z.object({
        account: z.string(),
        site: z.string(),
        recent: z.array(z.tuple([z.number(), Count])),
        day: z.array(z.tuple([z.number(), Count, Count, Count, z.number().int().positive()])),
      }),
    ),
  }),
)

export interface RealtimeHistoryStore {
  record(account: string, site: string, visitors: number, at: number): void
  view(account: string, site: string, now: number): HistoryView
  /** Writes the rings if anything changed since the last flush. */
  flush(): Promise<void>
}

const keyOf = (account: string, site: string): string => `${account}\n${site}`

export function openRealtimeHistory(options: {
  path: string
  now: () => number
  onCorrupt?: (report: CorruptFileReport) => void
}): RealtimeHistoryStore {
  const rings = new Map<string, { account: string; site: string; history: SiteHistory }>()
  const loaded = readJsonFileSync(options.path, HistoryFile, options)
  for (const entry of loaded?.sites ?? []) {
    const history = pruneHistory({ recent: entry.recent, day: entry.day }, options.now())
    rings.set(keyOf(entry.account, entry.site), { account: entry.account, site: entry.site, history })
  }
  let isDirty = false
  let writing: Promise<void> = Promise.resolve()

  return {
    record(account, site, visitors, at) {
      const key = keyOf(account, site)
      let ring = rings.get(key)
      if (!ring) {
        ring = { account, site, history: emptyHistory() }
        rings.set(key, ring)
      }
      recordSample(ring.history, at, visitors)
      isDirty = true
    },
    view(account, site, now) {
      return viewHistory(rings.get(keyOf(account, site))?.history ?? emptyHistory(), now)
    },
    flush() {
      const write = writing.then(async () => {
        if (!isDirty) return
        isDirty = false
        const now = options.now()
        const sites = [...rings.values()]
          .map(({ account, site, history }) => ({ account, site, ...pruneHistory(history, now) }))
          .filter((entry) => entry.recent.length > 0 || entry.day.length > 0)
        try {
          await mkdir(dirname(options.path), { recursive: true, mode: 0o700 })
          await writeFileAtomic(options.path, JSON.stringify({ version: 1, sites }))
        } catch (error) {
          // Kept in memory; the next flush tries again.
          isDirty = true
          throw error
        }
      })
      writing = write.catch(() => undefined)
      return write
    },
  }
}
