// Goals as the sandbox's sites configure them: an event goal and a page goal (§4.4 `event:goal`, §6 goal objects).

export interface Goal {
  /** The goal's display name: the value of `event:goal` in results and filters. */
  displayName: string
  /** Event goals match custom events with this name… */
  eventName?: string
  /** …page goals match pageviews of this path (`*` matches any run of characters, as in Plausible). */
  pagePath?: string
}

export interface GoalEvent {
  name: string
  pathname: string
}

const pathPatterns = new Map<string, RegExp>()

function pathPattern(path: string): RegExp {
  let pattern = pathPatterns.get(path)
  if (!pattern) {
    const source = path
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
    pattern = new RegExp(`^${source}$`)
    pathPatterns.set(path, pattern)
  }
  return pattern
}

export function goalMatches(goal: Goal, event: GoalEvent): boolean {
  if (goal.eventName !== undefined) return event.name === goal.eventName
  if (goal.pagePath !== undefined)
    return event.name === 'pageview' && pathPattern(goal.pagePath).test(event.pathname)
  return false
}

/** The goals every sandbox site has. */
export const sandboxGoals: readonly Goal[] = [
  { displayName: 'Signup', eventName: 'Signup' },
  { displayName: 'Visit /pricing', pagePath: '/pricing' },
]
