// The dashboard's "CLI workflows" preset (issue 18): a button that filters on the goal `CLI Workflow`,
// and while that filter holds, a card that answers "which workflows fail, and at which step" from the
// events `plausible track` and `events import --from cli-events` send — runs by workflow × outcome, and
// the failed runs by workflow × failing step. Two requests per load; the rest of the dashboard keeps
// its panels (Goals and Properties under the same filter).
import { cliWorkflowEventName } from '../../../../shared/cli-analytics/cli-events'
import { PlausibleError } from '../../../../shared/errors'
import type { DateRange } from '../../../../shared/plausible/query'
import {
  failingStepQuery,
  isCliWorkflowView,
  outcomeQuery,
  toFailingSteps,
  toggleCliWorkflowView,
  toOutcomeTable,
  workflowOutcomes,
} from '../../../../shared/stats/cli-workflows'
import type { DashboardFilter } from '../../../../shared/stats/filters'
import { formatPercentage } from '../../../../shared/stats/format'
import { useCallMutation } from '../../api/mutations'
import { useStatsQuery, type SiteRef } from '../../api/queries'
import { ErrorPanel } from '../error-panel'
import { FailureNote } from '../failure-note'

export function CliWorkflowsButton({
  filters,
  onChange,
}: {
  filters: DashboardFilter[]
  onChange: (next: DashboardFilter[]) => void
}): React.JSX.Element {
  const isOn = isCliWorkflowView(filters)
  return (
    <button
      type="button"
      className="picker-button"
      data-testid="cli-workflows-preset"
      aria-pressed={isOn}
      title={`Which workflows fail, and at which step: filters on the goal ${cliWorkflowEventName}`}
      onClick={() => onChange(toggleCliWorkflowView(filters))}
    >
      CLI workflows
    </button>
  )
}

const outcomeLabels = { SUCCESS: 'Succeeded', FAILED: 'Failed', ABANDONED: 'Abandoned' } as const

export function CliWorkflowsView({
  site,
  dateRange,
  filters,
}: {
  site: SiteRef
  dateRange: DateRange
  filters: DashboardFilter[]
}): React.JSX.Element | null {
  const isOn = isCliWorkflowView(filters)
  const outcomes = useStatsQuery(site, isOn ? outcomeQuery(site.domain, dateRange, filters) : null)
  const steps = useStatsQuery(site, isOn ? failingStepQuery(site.domain, dateRange, filters) : null)
  if (!isOn) return null
  const error = outcomes.error ?? steps.error
  const rows = outcomes.data ? toOutcomeTable(outcomes.data) : null
  const failing = steps.data ? toFailingSteps(steps.data) : null
  const isReady = rows !== null && failing !== null
  return (
    <section
      className="card"
      data-testid="cli-workflows"
      data-state={error ? 'error' : isReady ? 'ready' : 'loading'}
      aria-labelledby="cli-workflows-title"
    >
      <div className="card__head">
        <h2 id="cli-workflows-title" className="card__title">
          CLI workflows
        </h2>
        <span className="badge">Goal: {cliWorkflowEventName}</span>
      </div>
      <p className="card__intro">
        Each finished workflow run of a tool measured with <code>plausible track</code> or{' '}
        <code>plausible events import --from cli-events</code> is one <code>{cliWorkflowEventName}</code>{' '}
        event: its workflow, its outcome and, when it failed, the step it failed at.
      </p>
      {error ? (
        isGoalMissing(error) ? (
          <AddWorkflowGoal site={site} />
        ) : (
          <ErrorPanel
            error={error}
            compact
            onRetry={() => {
              void outcomes.refetch()
              void steps.refetch()
            }}
          />
        )
      ) : !isReady ? (
        <p className="card__intro">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="card__intro" data-testid="cli-workflows-empty">
          No workflow runs in this period.
        </p>
      ) : (
        <div className="cli-workflows">
          <table className="data-table" data-testid="cli-workflow-outcomes">
            <caption>Runs by workflow and outcome</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                {workflowOutcomes.map((outcome) => (
                  <th scope="col" className="num" key={outcome}>
                    {outcomeLabels[outcome]}
                  </th>
                ))}
                <th scope="col" className="num">
                  Runs
                </th>
                <th scope="col" className="num">
                  Failure rate
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.workflow} data-testid="cli-workflow-row" data-workflow={row.workflow}>
                  <td>{row.workflow}</td>
                  {workflowOutcomes.map((outcome) => (
                    <td className="num" key={outcome} data-outcome={outcome}>
                      {row.runs[outcome]}
                    </td>
                  ))}
                  <td className="num" data-testid="cli-workflow-total">
                    {row.total}
                  </td>
                  <td className="num">{formatPercentage(row.failureRate * 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table" data-testid="cli-workflow-failing-steps">
            <caption>Where failed runs stop</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Failing step</th>
                <th scope="col" className="num">
                  Failed runs
                </th>
              </tr>
            </thead>
            <tbody>
              {failing.length === 0 ? (
                <tr>
                  <td colSpan={3}>No failed runs in this period.</td>
                </tr>
              ) : (
                failing.map((row) => (
                  <tr
                    key={`${row.workflow}\n${row.step}`}
                    data-testid="cli-failing-step-row"
                    data-workflow={row.workflow}
                    data-step={row.step}
                  >
                    <td>{row.workflow}</td>
                    <td>{row.step}</td>
                    <td className="num">{row.failed}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** The server refuses a goal filter on a goal the site does not have (plausible-api.md §4.9). */
function isGoalMissing(error: Error): boolean {
  return error instanceof PlausibleError && /goal .* is not configured/i.test(error.message)
}

/** One click sets the goal up (Sites API, through the write journal), then the card asks again. */
function AddWorkflowGoal({ site }: { site: SiteRef }): React.JSX.Element {
  const add = useCallMutation('goals.add', ['stats.query', 'goals.list'])
  return (
    <div className="notice" role="status" data-testid="cli-workflows-no-goal">
      <p>
        {site.domain} has no goal <code>{cliWorkflowEventName}</code> yet, so the server cannot count its
        runs.
      </p>
      <button
        type="button"
        className="button button--small"
        data-testid="cli-workflows-add-goal"
        disabled={add.isPending}
        onClick={() =>
          add.mutate({
            account: site.account,
            site: site.domain,
            goalType: 'event',
            eventName: cliWorkflowEventName,
          })
        }
      >
        {add.isPending ? 'Adding…' : `Add the goal ${cliWorkflowEventName}`}
      </button>
      <FailureNote error={add.error} />
    </div>
  )
}
