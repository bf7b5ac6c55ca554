import { describe, expect, it } from 'vitest'
import {
  cliWorkflowGoalFilter,
  failingStepQuery,
  isCliWorkflowView,
  outcomeQuery,
  toFailingSteps,
  toggleCliWorkflowView,
  toOutcomeTable,
} from '../../../../src/shared/stats/cli-workflows'
import type { DashboardFilter } from '../../../../src/shared/stats/filters'
import type { V2Response } from '../../../../src/shared/plausible/query'

const page: DashboardFilter = { dimension: 'event:page', operator: 'contains', values: ['/workflow'] }
const signup: DashboardFilter = { dimension: 'event:goal', operator: 'is', values: ['Signup'] }

const response = (rows: Array<[string, string, number]>): V2Response =>
  ({
    results: rows.map(([a, b, n]) => ({ dimensions: [a, b], metrics: [n] })),
    meta: {},
    query: { site_id: 'cli.example.com' },
  }) as V2Response

describe('the CLI workflows preset', () => {
  it('is on only with the goal CLI Workflow as an `is` filter of that one goal', () => {
    expect(isCliWorkflowView([page, cliWorkflowGoalFilter])).toBe(true)
    expect(isCliWorkflowView([page, signup])).toBe(false)
    expect(isCliWorkflowView([{ ...cliWorkflowGoalFilter, operator: 'has_not_done' }])).toBe(false)
    expect(isCliWorkflowView([{ ...cliWorkflowGoalFilter, values: ['CLI Workflow', 'Signup'] }])).toBe(false)
  })

  it('replaces another goal filter when turned on, keeps the rest, and takes only its own goal off', () => {
    const on = toggleCliWorkflowView([page, signup])
    expect(on).toEqual([page, cliWorkflowGoalFilter])
    expect(toggleCliWorkflowView(on)).toEqual([page])
  })

  it('asks the runs by workflow × outcome, and the failed runs by workflow × failing step', () => {
    const filters = [page, cliWorkflowGoalFilter]
    expect(outcomeQuery('cli.example.com', '28d', filters)).toEqual({
      site_id: 'cli.example.com',
      metrics: ['events'],
      date_range: '28d',
      dimensions: ['event:props:workflow', 'event:props:outcome'],
      filters: [
        ['contains', 'event:page', ['/workflow']],
        ['is', 'event:goal', ['CLI Workflow']],
      ],
      include: {},
      pagination: { limit: 100 },
    })
    expect(failingStepQuery('cli.example.com', '28d', filters)).toMatchObject({
      dimensions: ['event:props:workflow', 'event:props:failing_step'],
      filters: [
        ['contains', 'event:page', ['/workflow']],
        ['is', 'event:goal', ['CLI Workflow']],
        ['is', 'event:props:outcome', ['FAILED']],
      ],
    })
  })

  it('makes one row per workflow, the most failures first, with its failure rate', () => {
    const rows = toOutcomeTable(
      response([
        ['release', 'SUCCESS', 5],
        ['deploy', 'SUCCESS', 5],
        ['release', 'FAILED', 5],
        ['release', 'ABANDONED', 5],
        ['deploy', 'FAILED', 5],
        ['lint', 'SUCCESS', 2],
        ['lint', 'SKIPPED', 1],
      ]),
    )
    expect(rows).toEqual([
      // Tied on failures: the one with more runs first.
      { workflow: 'release', runs: { SUCCESS: 5, FAILED: 5, ABANDONED: 5 }, total: 15, failureRate: 5 / 15 },
      { workflow: 'deploy', runs: { SUCCESS: 5, FAILED: 5, ABANDONED: 0 }, total: 10, failureRate: 0.5 },
      // An outcome the preset does not know counts in the total only.
      { workflow: 'lint', runs: { SUCCESS: 2, FAILED: 0, ABANDONED: 0 }, total: 3, failureRate: 0 },
    ])
    expect(toOutcomeTable(response([]))).toEqual([])
  })

  it('lists the failing steps, the most failures first, ties by workflow then step', () => {
    expect(
      toFailingSteps(
        response([
          ['release', 'test', 5],
          ['deploy', 'deploy', 5],
          ['release', 'build', 6],
        ]),
      ),
    ).toEqual([
      { workflow: 'release', step: 'build', failed: 6 },
      { workflow: 'deploy', step: 'deploy', failed: 5 },
      { workflow: 'release', step: 'test', failed: 5 },
    ])
  })
})
