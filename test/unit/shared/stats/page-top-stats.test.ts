import { describe, expect, it } from 'vitest'
import type { DashboardFilter } from '../../../../src/shared/stats/filters'
import { seriesMetrics } from '../../../../src/shared/stats/series'
import { topStatMetricsFor, topStatsQuery } from '../../../../src/shared/stats/top-stats'

const page: DashboardFilter = { dimension: 'event:page', operator: 'is', values: ['/pricing'] }
const country: DashboardFilter = { dimension: 'visit:country', operator: 'is', values: ['DE'] }
const goal: DashboardFilter = { dimension: 'event:goal', operator: 'is', values: ['Signup'] }

describe('the top stats under a page filter', () => {
  it('show the page’s scroll depth and time on page instead of views per visit and visit duration', () => {
    expect(topStatMetricsFor([page])).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'scroll_depth',
      'time_on_page',
    ])
    expect(topStatMetricsFor([country])).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'views_per_visit',
      'bounce_rate',
      'visit_duration',
    ])
    // A goal filter still turns the row into conversions, page or not.
    expect(topStatMetricsFor([page, goal])).toEqual(['visitors', 'events', 'conversion_rate'])
  })

  it('leave out scroll depth where the account’s server refused it, in the one aggregate query', () => {
    expect(topStatsQuery('a', '30d', [page], false, ['scroll_depth']).metrics).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'time_on_page',
    ])
  })
})

describe('the graph’s one series query', () => {
  it('carries scroll depth and time on page under a page filter, so graphing them costs no request', () => {
    expect(seriesMetrics([page])).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'visit_duration',
      'scroll_depth',
      'time_on_page',
    ])
    expect(seriesMetrics([country])).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'visit_duration',
    ])
    expect(seriesMetrics([page], ['scroll_depth'])).toEqual([
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'visit_duration',
      'time_on_page',
    ])
  })
})
