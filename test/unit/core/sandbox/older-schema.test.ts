import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { validateQuery } from '../../../../src/core/sandbox/validate'

const context = {
  timeZone: 'Etc/UTC',
  now: Date.parse('2024-01-12T12:00:00Z'),
  statsStartDay: isoDateToDay('2024-01-01'),
  goals: sandboxGoals,
}
const body = (metrics: string[]) => ({
  site_id: 'tiny.example',
  date_range: '7d',
  metrics,
  dimensions: ['event:page'],
})

describe('a sandbox answering like an older server', () => {
  it('refuses a metric its schema leaves out in the older server’s words, at the metric’s index', () => {
    const result = validateQuery(body(['visitors', 'scroll_depth']), {
      ...context,
      withoutMetrics: ['scroll_depth'],
    })
    expect(result.ok ? null : result.error).toBe('#/metrics/1: Invalid metric "scroll_depth"')
  })

  it('still takes every other metric, and takes scroll_depth when nothing is left out', () => {
    expect(
      validateQuery(body(['visitors', 'time_on_page']), { ...context, withoutMetrics: ['scroll_depth'] }).ok,
    ).toBe(true)
    expect(validateQuery(body(['visitors', 'scroll_depth']), context).ok).toBe(true)
  })
})
