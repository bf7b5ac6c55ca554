// The events screen's pure half: a composer's fields as an Events API event, whether a site goal will count
// it (plausible-api.md §7 and peers.md §5.8: the server keeps events without a goal but never shows or
// backfills them). Import files are read by shared/plausible/event-file.
import type { EventInput } from '../plausible/event'
import { checkEvent } from '../plausible/event-rules'

export interface PropRow {
  key: string
  value: string
}

export interface EventDraft {
  name: string
  url: string
  /** Empty: the server takes the URL's host. */
  domain: string
  referrer: string
  props: PropRow[]
  revenueAmount: string
  revenueCurrency: string
}

export const emptyDraft: EventDraft = {
  name: 'pageview',
  url: '',
  domain: '',
  referrer: '',
  props: [],
  revenueAmount: '',
  revenueCurrency: 'USD',
}

/** The event the draft describes: empty optional fields left out, prop rows without a key ignored. */
export function draftToEvent(draft: EventDraft): EventInput {
  const props = Object.fromEntries(
    draft.props.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]),
  )
  const amount = draft.revenueAmount.trim()
  return {
    name: draft.name.trim(),
    url: draft.url.trim(),
    ...(draft.domain.trim() ? { domain: draft.domain.trim() } : {}),
    ...(draft.referrer.trim() ? { referrer: draft.referrer.trim() } : {}),
    ...(Object.keys(props).length > 0 ? { props } : {}),
    ...(amount ? { revenue: { currency: draft.revenueCurrency.trim().toUpperCase(), amount } } : {}),
  }
}

/**
 * The form field each of the server's error fields belongs to: the name the server calls `event_name`,
 * and the host and path it reads from the url.
 */
const formFieldOf: Record<string, string> = { event_name: 'name', hostname: 'url', pathname: 'url' }

/** The event's problems in the server's words, by the form field they belong to (empty when it may be sent). */
export function draftProblems(draft: EventDraft): Record<string, string[]> {
  const problems: Record<string, string[]> = {}
  for (const [field, messages] of Object.entries(checkEvent(draftToEvent(draft))))
    (problems[formFieldOf[field] ?? field] ??= []).push(...messages)
  return problems
}

export interface GoalLike {
  displayName: string
  goalType: 'event' | 'page'
  eventName: string | null
  pagePath: string | null
}

/** A page goal's path with `*` (any run of characters within the path) and `**`, as the dashboard accepts. */
function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(path)
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname
  } catch {
    return null
  }
}

/**
 * The goals this event converts: a custom event matches an event goal of the same name; a pageview matches
 * page goals whose path (with `*` wildcards) matches the URL's path.
 */
export function matchingGoals<G extends GoalLike>(event: Pick<EventInput, 'name' | 'url'>, goals: G[]): G[] {
  const name = String(event.name)
  if (name === 'pageview') {
    const path = pathOf(event.url)
    if (path === null) return []
    return goals.filter(
      (goal) => goal.goalType === 'page' && goal.pagePath && pathMatches(goal.pagePath, path),
    )
  }
  return goals.filter((goal) => goal.goalType === 'event' && goal.eventName === name)
}
