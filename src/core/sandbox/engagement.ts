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

/** What a page is like to read: how much of its time is in the foreground, how far people scroll it. */
interface PageTraits {
  attention: number
  depth: number
}

const pageTraits = new Map<string, PageTraits>()

function traitsOf(pathname: string): PageTraits {
  let traits = pageTraits.get(pathname)
  if (!traits) {
    traits = {
      attention: 0.3 + (hashKey('attention', pathname) % 50) / 100,
      depth: 30 + (hashKey('depth', pathname) % 51),
    }
    pageTraits.set(pathname, traits)
  }
  return traits
}

function deriveEngagements(session: SandboxSession): PageEngagement[] {
  // Seeded from numbers alone: a year of visits derives its engagement in a few hundred milliseconds.
  const random = createRandom(session.visitorId, session.start / 1000)
  const events = session.events
  const last = events[events.length - 1]!
  const result: PageEngagement[] = []
  let nextPageviewTs: number | null = null
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!
    if (event.name !== 'pageview') continue
    // The last page is left some time after the visit's last event: a read, then the tab closed.
    const leftAt = nextPageviewTs ?? last.ts + random.int(3, 150) * 1000
    nextPageviewTs = event.ts
    const traits = traitsOf(event.pathname)
    // Not all of it in the foreground (another tab, a call, a coffee), and more of it on a page worth reading.
    const share = Math.min(0.95, traits.attention + 0.15 * random.next())
    const engagedSeconds = Math.max(1, Math.round(((leftAt - event.ts) / 1000) * share))
    // How far people scroll is a property of the page (its length, where its answer sits) plus the reader.
    const scrollDepth = Math.min(100, Math.max(0, traits.depth + random.int(-30, 35)))
    result.push({ ts: leftAt, event, engagedSeconds, scrollDepth })
  }
  return result.reverse()
}
