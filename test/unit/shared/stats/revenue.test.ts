import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import { isRevenueRefusal, revenueQuery, toRevenueStats } from '../../../../src/shared/stats/revenue'

const goal = { dimension: 'event:goal', operator: 'is' as const, values: ['Purchase'] }

describe('revenueQuery', () => {
  it('asks both revenue metrics in one aggregate under a goal filter, and nothing without one', () => {
    expect(revenueQuery('shop.example.com', '30d', [goal])).toEqual({
      site_id: 'shop.example.com',
      metrics: ['total_revenue', 'average_revenue'],
      date_range: '30d',
      filters: [['is', 'event:goal', ['Purchase']]],
    })
    expect(revenueQuery('shop.example.com', '30d', [])).toBeNull()
    // "Has not done" a goal converts nobody: no revenue to ask for.
    expect(revenueQuery('shop.example.com', '30d', [{ ...goal, operator: 'has_not_done' }])).toBeNull()
  })
})

describe('toRevenueStats', () => {
  const answer = (metrics: V2Response['results'][number]['metrics']): V2Response => ({
    results: [{ metrics, dimensions: [] }],
    meta: {},
    query: { site_id: 'a' },
  })

  it('reads the server’s amounts with their currency and its own short and long forms', () => {
    expect(
      toRevenueStats(
        answer([
          { value: 1234.56, currency: 'EUR', short: '€1.2K', long: '€1,234.56' },
          { value: 41.15, currency: 'EUR', short: '€41.2', long: '€41.15' },
        ]),
      ),
    ).toEqual([
      {
        metric: 'total_revenue',
        label: 'Total revenue',
        value: 1234.56,
        currency: 'EUR',
        short: '€1.2K',
        long: '€1,234.56',
      },
      {
        metric: 'average_revenue',
        label: 'Average revenue',
        value: 41.15,
        currency: 'EUR',
        short: '€41.2',
        long: '€41.15',
      },
    ])
  })

  it('shows nothing for a goal that records no revenue (null), nor for an empty answer', () => {
    expect(toRevenueStats(answer([null, null]))).toEqual([])
    expect(toRevenueStats({ results: [], meta: {}, query: { site_id: 'a' } })).toEqual([])
  })
})

describe('isRevenueRefusal', () => {
  it('knows CE’s schema and a plan without the feature, and nothing else', () => {
    expect(
      isRevenueRefusal({ code: 'QUERY_INVALID', message: '#/metrics/0: Invalid metric "total_revenue"' }),
    ).toBe(true)
    expect(
      isRevenueRefusal({
        code: 'QUERY_INVALID',
        message: 'The owner of this site does not have access to the revenue metrics feature.',
      }),
    ).toBe(true)
    expect(
      isRevenueRefusal({ code: 'QUERY_INVALID', message: '#/metrics/0: Invalid metric "scroll_depth"' }),
    ).toBe(false)
    expect(isRevenueRefusal({ code: 'NETWORK', message: 'Invalid metric "total_revenue"' })).toBe(false)
    expect(isRevenueRefusal(null)).toBe(false)
  })
})
