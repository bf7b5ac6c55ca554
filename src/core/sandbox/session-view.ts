// A session as seen at one instant: only events up to `now` exist yet, and the visit's derived facts follow them.
import type { SandboxEvent, SandboxSession } from './dataset'

export interface SessionView {
  session: SandboxSession
  /** Events with ts ≤ now, in order; never empty. */
  events: readonly SandboxEvent[]
  entryPage: string
  exitPage: string
  pageviews: number
  /** Seconds from the first to the last visible event. */
  duration: number
  /** Plausible's bounce: no interactive event after the first one. */
  isBounce: boolean
}

/** The session as it looks at `now`, or null when it has not started yet. */
export function viewSession(session: SandboxSession, now: number): SessionView | null {
  if (session.start > now) return null
  const all = session.events
  const last = all[all.length - 1]
  const events = last !== undefined && last.ts <= now ? all : all.filter((event) => event.ts <= now)
  let entryPage = ''
  let exitPage = ''
  let pageviews = 0
  for (const event of events) {
    if (event.name !== 'pageview') continue
    if (pageviews === 0) entryPage = event.pathname
    exitPage = event.pathname
    pageviews++
  }
  const first = events[0]
  const final = events[events.length - 1]
  if (!first || !final) return null
  return {
    session,
    events,
    entryPage,
    exitPage,
    pageviews,
    duration: Math.round((final.ts - first.ts) / 1000),
    isBounce: events.every((event, index) => index === 0 || event.interactive === false),
  }
}
