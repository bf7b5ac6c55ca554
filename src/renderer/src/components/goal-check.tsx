// Whether a site goal will count an event: the server keeps events without a matching goal but never shows
// or backfills them (peers.md §5.8), so the composer says so before sending, and offers to create the goal.
import { useQuery } from '@tanstack/react-query'
import type { GoalView } from '../../../shared/contract/site-management'
import { useApi } from '../api/client'
import { useCallMutation } from '../api/mutations'
import { FailureNote } from './failure-note'
import { siteListOptions, useCapabilities, type SiteRef } from '../api/queries'

export interface SiteGoals {
  /** null: goals cannot be read here (no Sites API, a plan, a refused read); `reason` says why. */
  goals: GoalView[] | null
  reason: string | null
  isPending: boolean
  /** The key may add goals (a provisioning key on a server with the Sites API). */
  canAdd: boolean
}

export function useSiteGoals(site: SiteRef): SiteGoals {
  const api = useApi()
  const capabilities = useCapabilities(site.account)
  const canRead = capabilities.data?.sitesApi === 'available'
  const goals = useQuery({ ...siteListOptions(api, 'goals.list', site), enabled: canRead })
  if (capabilities.isPending || (canRead && goals.isPending))
    return { goals: null, reason: null, isPending: true, canAdd: false }
  if (!canRead)
    return {
      goals: null,
      reason:
        capabilities.data?.sitesApi === 'absent'
          ? 'This server has no Sites API (self-hosted CE), so its goals cannot be read here; check them in its dashboard.'
          : capabilities.data?.sitesApi === 'plan-required'
            ? 'This key’s plan has no Sites API, so goals cannot be read here; check them in the dashboard.'
            : 'Goals could not be read for this account.',
      isPending: false,
      canAdd: false,
    }
  if (goals.error) return { goals: null, reason: goals.error.message, isPending: false, canAdd: false }
  return {
    goals: goals.data?.goals ?? [],
    reason: null,
    isPending: false,
    canAdd: capabilities.data?.keyKind === 'provisioning',
  }
}

export function GoalCheck({
  site,
  eventName,
  matched,
  goals,
}: {
  site: SiteRef
  eventName: string
  matched: GoalView[] | null
  goals: SiteGoals
}): React.JSX.Element {
  const add = useCallMutation('goals.add', ['goals.list'])
  if (goals.isPending)
    return (
      <li data-testid="goal-check" data-match="pending">
        Checking the site’s goals…
      </li>
    )
  if (matched === null)
    return (
      <li className="rule--warn" data-testid="goal-check" data-match="unknown">
        {goals.reason}
      </li>
    )
  if (matched.length > 0)
    return (
      <li className="rule--ok" data-testid="goal-check" data-match="yes">
        Counts toward the goal{matched.length === 1 ? '' : 's'}{' '}
        {matched.map((g) => `“${g.displayName}”`).join(', ')}.
      </li>
    )
  return (
    <li className="rule--warn" data-testid="goal-check" data-match="no">
      {eventName === 'pageview'
        ? 'No page goal matches this URL: the pageview counts, but no goal converts.'
        : `No goal named “${eventName}”: the server stores the event but the dashboard will not show it, and a goal added later does not backfill it. ${goals.canAdd ? 'Add the goal before sending.' : 'Add the goal in the dashboard first.'}`}
      {eventName !== 'pageview' && goals.canAdd ? (
        <>
          {' '}
          <button
            type="button"
            className="button button--small"
            data-testid="goal-check-add"
            disabled={add.isPending}
            onClick={() =>
              add.mutate({ account: site.account, site: site.domain, goalType: 'event', eventName })
            }
          >
            {add.isPending ? 'Adding…' : `Add the goal “${eventName}”`}
          </button>
          <FailureNote error={add.error} testId="goal-check-error" />
        </>
      ) : null}
    </li>
  )
}
