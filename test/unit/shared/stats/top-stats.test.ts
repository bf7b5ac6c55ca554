import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import { toTopStats, topStatMetricsFor, topStatsQuery } from '../../../../src/shared/stats/top-stats'

describe('topStatsQuery', () => {
  it('asks for every top stat in one aggregate query the v2 schema accepts', () => {
    const query = topStatsQuery('shop.example.com', '30d')
    expect(query).toEqual({
      site_id: 'shop.example.com',
      metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
      date_range: '30d',
    })
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('switches to conversions under a goal filter and drops views per visit under a page filter', () => {
    const goal = topStatsQuery('a', 'day', [{ dimension: 'event:goal', operator: 'is', values: ['Signup'] }])
    expect(goal.metrics).toEqual(['visitors', 'events', 'conversion_rate'])
    expect(goal.filters).toEqual([['is', 'event:goal', ['Signup']]])
    expect(topStatMetricsFor([{ dimension: 'event:page', operator: 'is', values: ['/'] }])).not.toContain(
      'views_per_visit',
    )
  })

  it('labels conversions as Plausible does', () => {
    const response: V2Response = {
      results: [{ metrics: [12, 20, 1.5], dimensions: [] }],
      meta: {},
      query: { site_id: 'a', metrics: ['visitors', 'events', 'conversion_rate'] },
    }
    expect(toTopStats(response).map((s) => [s.label, s.display])).toEqual([
      ['Unique conversions', '12'],
      ['Total conversions', '20'],
      ['Conversion rate', '1.5%'],
    ])
  })
})

describe('toTopStats', () => {
  const response = (metrics: (number | null)[]): V2Response => ({
    results: [{ metrics, dimensions: [] }],
    meta: {},
    query: { site_id: 'shop.example.com' },
  })

  it('pairs each value with its metric in request order, raw and formatted', () => {
    expect(toTopStats(response([1234, 1500, 4321, 2.88, 45, 125]))).toEqual([
      { metric: 'visitors', label: 'Unique visitors', value: 1234, display: '1.2k' },
      { metric: 'visits', label: 'Total visits', value: 1500, display: '1.5k' },
      { metric: 'pageviews', label: 'Total pageviews', value: 4321, display: '4.3k' },
      { metric: 'views_per_visit', label: 'Views per visit', value: 2.88, display: '2.88' },
      { metric: 'bounce_rate', label: 'Bounce rate', value: 45, display: '45%' },
      { metric: 'visit_duration', label: 'Visit duration', value: 125, display: '2m 05s' },
    ])
  })

  it('reads a null value or a missing row as no data', () => {
    expect(toTopStats(response([0, 0, 0, 0, 0, null]))[5]).toEqual({
      metric: 'visit_duration',
      label: 'Visit duration',
      value: null,
      display: '-',
    })
    const empty: V2Response = { results: [], meta: {}, query: { site_id: 'x' } }
    expect(toTopStats(empty).map((stat) => stat.value)).toEqual([null, null, null, null, null, null])
  })
})
