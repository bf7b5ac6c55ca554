// What Plausible's tracker reports of each pageview through `engagement` events (plausible-api.md §7, `sd` and
// `e`): how long the page was in the foreground and how far down it was scrolled, sent when the visitor
// leaves it. The generated visits carry it, derived from their own events and the same on every run; the
// engine reads it for time_on_page and scroll_depth only, as the server keeps engagement events out of every
// other metric (visitors, pageviews, events, bounces and durations are unchanged by it).
import type { SandboxEvent, SandboxSession } from './dataset'
import { createRandom, hashKey } from './random'

export interface PageEngagement {
  /** When the tracker sent it: as the visitor left the page (the next pageview, or a dwell after the last). */
  ts: number
  /** The page it is about, with the pageview's props (the tracker copies them), as the server stores it. */
  event: SandboxEvent
  /** Seconds the page was in the foreground (`e`, sent in ms, read back in seconds; 0 when not sent). */
  engagedSeconds: number
  /** The deepest point scrolled, in percent of the page (`sd`, 0–100); null when not sent. */
  scrollDepth: number | null
}

const generated = new WeakMap<SandboxSession, readonly PageEngagement[]>()

/**
 * The engagement the tracker sent for the visit's pageviews: the visit's own list when it has one (visits
 * from the Events API: the `engagement` events they sent, ingest.ts), else derived once from the generated
 * visit's pageviews and kept.
 */
export function engagementsOf(session: SandboxSession): readonly PageEngagement[] {
  if (session.engagements) return session.engagements
  let list = generated.get(session)
  if (!list) {
    list = deriveEngagements(session)
    generated.set(session, list)
  }
  return list
}

function deriveEngagements(session: SandboxSession): PageEngagement[] {
  const random = createRandom('engagement', session.visitorId, session.start)
  const events = session.events
  const last = events[events.length - 1]!
  const result: PageEngagement[] = []
  events.forEach((event, index) => {
    if (event.name !== 'pageview') return
    const next = events.slice(index + 1).find((later) => later.name === 'pageview')
    // The last page is left some time after the visit's last event: a read, then the tab closed.
    const leftAt = next ? next.ts : last.ts + random.int(3, 150) * 1000
    // Not all of it in the foreground (another tab, a call, a coffee), and more of it on a page worth reading.
    const attention = 0.3 + (hashKey('attention', event.pathname) % 50) / 100
    const share = Math.min(0.95, attention + 0.15 * random.next())
    const engagedSeconds = Math.max(1, Math.round(((leftAt - event.ts) / 1000) * share))
    // How far people scroll is a property of the page (its length, where its answer sits) plus the reader.
    const pageDepth = 30 + (hashKey('depth', event.pathname) % 51)
    const scrollDepth = Math.min(100, Math.max(0, pageDepth + random.int(-30, 35)))
    result.push({ ts: leftAt, event, engagedSeconds, scrollDepth })
  })
  return result
}
