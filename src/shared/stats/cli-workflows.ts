// The dashboard's "CLI workflows" preset (issue 18): which workflows fail, and at which step. `plausible
// track` and `events import --from cli-events` send one `CLI Workflow` event per finished workflow run,
// with the props workflow, outcome (SUCCESS / FAILED / ABANDONED) and failing_step (cli-events.ts); the
// preset filters on that goal and breaks its events down by workflow × outcome, and the failed runs by
// workflow × failing step. Pure: the queries to ask and the tables their answers make.
import { cliWorkflowEventName } from '../cli-analytics/cli-events'
import { breakdownQuery } from '../plausible/builders'
import type { DateRange, V2Query, V2Response } from '../plausible/query'
import { toV2Filters, type DashboardFilter } from './filters'

export const workflowOutcomes = ['SUCCESS', 'FAILED', 'ABANDONED'] as const
export type WorkflowOutcome = (typeof workflowOutcomes)[number]

/** The props the preset reads, as cli-events.ts names them. */
export const workflowProps = {
  workflow: 'event:props:workflow',
  outcome: 'event:props:outcome',
  failingStep: 'event:props:failing_step',
} as const

/** Rows asked at most: a tool's workflows are a handful, their steps a few more. */
const rowLimit = 100

export const cliWorkflowGoalFilter: DashboardFilter = {
  dimension: 'event:goal',
  operator: 'is',
  values: [cliWorkflowEventName],
}

const isWorkflowGoal = (filter: DashboardFilter): boolean =>
  filter.dimension === 'event:goal' &&
  filter.operator === 'is' &&
  filter.values.length === 1 &&
  filter.values[0] === cliWorkflowEventName

/** The preset is on when the filters hold exactly the goal `CLI Workflow`. */
export function isCliWorkflowView(filters: readonly DashboardFilter[]): boolean {
  return filters.some(isWorkflowGoal)
}

/**
 * Turns the preset on or off. On: the goal filter replaces any other goal filter (an event is one goal, so
 * two `is` goals would match nothing); the other filters stay. Off: the goal filter goes.
 */
export function toggleCliWorkflowView(filters: readonly DashboardFilter[]): DashboardFilter[] {
  if (isCliWorkflowView(filters)) return filters.filter((filter) => !isWorkflowGoal(filter))
  return [
    ...filters.filter((filter) => !(filter.dimension === 'event:goal' && filter.operator === 'is')),
    cliWorkflowGoalFilter,
  ]
}

/** Workflow runs (`events`) by the workflow and `prop`, under the dashboard's filters plus `extra`. */
function workflowRunsQuery(
  siteId: string,
  dateRange: DateRange,
  prop: (typeof workflowProps)['outcome' | 'failingStep'],
  filters: readonly DashboardFilter[],
  extra: V2Query['filters'] = [],
): V2Query {
  return breakdownQuery(siteId, {
    metrics: ['events'],
    dateRange,
    dimensions: [workflowProps.workflow, prop],
    filters: [...toV2Filters(filters), ...extra],
    limit: rowLimit,
    totalRows: false,
  })
}

/** Workflow runs by workflow and outcome: one `CLI Workflow` event is one run. */
export function outcomeQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
): V2Query {
  return workflowRunsQuery(siteId, dateRange, workflowProps.outcome, filters)
}

/** The failed runs by workflow and the step they failed at. */
export function failingStepQuery(
  siteId: string,
  dateRange: DateRange,
  filters: readonly DashboardFilter[],
): V2Query {
  return workflowRunsQuery(siteId, dateRange, workflowProps.failingStep, filters, [
    ['is', workflowProps.outcome, ['FAILED']],
  ])
}

export interface WorkflowOutcomeRow {
  workflow: string
  runs: Record<WorkflowOutcome, number>
  total: number
  /** Failed runs of all runs, 0–1. */
  failureRate: number
}

/** One row per workflow, the most failures first (then the most runs, then the name). */
export function toOutcomeTable(response: V2Response): WorkflowOutcomeRow[] {
  const byWorkflow = new Map<string, WorkflowOutcomeRow>()
  for (const { dimensions, metrics } of response.results) {
    const workflow = String(dimensions[0] ?? '')
    const outcome = String(dimensions[1] ?? '')
    const count = typeof metrics[0] === 'number' ? metrics[0] : 0
    let row = byWorkflow.get(workflow)
    if (!row) {
      row = { workflow, runs: { SUCCESS: 0, FAILED: 0, ABANDONED: 0 }, total: 0, failureRate: 0 }
      byWorkflow.set(workflow, row)
    }
    // An outcome this version does not know still counts in the total.
    if ((workflowOutcomes as readonly string[]).includes(outcome))
      row.runs[outcome as WorkflowOutcome] += count
    row.total += count
  }
  const rows = [...byWorkflow.values()].map((row) => ({
    ...row,
    failureRate: row.total === 0 ? 0 : row.runs.FAILED / row.total,
  }))
  return rows.sort(
    (a, b) => b.runs.FAILED - a.runs.FAILED || b.total - a.total || a.workflow.localeCompare(b.workflow),
  )
}

export interface FailingStepRow {
  workflow: string
  step: string
  failed: number
}

/** The hot paths: each workflow's failing steps, the most failures first (then by name). */
export function toFailingSteps(response: V2Response): FailingStepRow[] {
  return response.results
    .map(({ dimensions, metrics }) => ({
      workflow: String(dimensions[0] ?? ''),
      step: String(dimensions[1] ?? ''),
      failed: typeof metrics[0] === 'number' ? metrics[0] : 0,
    }))
    .sort(
      (a, b) => b.failed - a.failed || a.workflow.localeCompare(b.workflow) || a.step.localeCompare(b.step),
    )
}
