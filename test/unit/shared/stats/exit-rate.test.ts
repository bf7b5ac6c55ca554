import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import type { BreakdownRow } from '../../../../src/shared/stats/breakdowns'
import { exitPagesPageviewsQuery, exitRates } from '../../../../src/shared/stats/exit-rate'

const row = (value: string, visits: number | null): BreakdownRow => ({
  value,
  name: value,
  metrics: { visitors: visits, visits },
})

describe('exitPagesPageviewsQuery', () => {
  it('asks the shown pages’ pageviews, under the details’ filters, in one request', () => {
    expect(
      exitPagesPageviewsQuery(
        'shop.example.com',
        '30d',
        [{ dimension: 'visit:country', operator: 'is', values: ['DE'] }],
        ['/', '/pricing'],
        true,
      ),
    ).toEqual({
      site_id: 'shop.example.com',
      metrics: ['pageviews'],
      date_range: '30d',
      dimensions: ['event:page'],
      filters: [
        ['is', 'visit:country', ['DE']],
        ['is', 'event:page', ['/', '/pricing']],
      ],
      include: { imports: true },
      pagination: { limit: 2 },
    })
  })
})

describe('exitRates', () => {
  const pageviews: V2Response = {
    results: [
      { dimensions: ['/'], metrics: [300] },
      { dimensions: ['/pricing'], metrics: [3] },
    ],
    meta: {},
    query: { site_id: 'a' },
  }

  it('divides each page’s exits by its pageviews, in percent to one decimal', () => {
    expect(exitRates([row('/', 100), row('/pricing', 2)], pageviews)).toEqual(
      new Map([
        ['/', 33.3],
        ['/pricing', 66.7],
      ]),
    )
  })

  it('has no rate for a page without pageviews, and 0 for one without exits', () => {
    expect(exitRates([row('/docs', 5), row('/', 0), row('/pricing', null)], pageviews)).toEqual(
      new Map([
        ['/docs', null],
        ['/', 0],
        ['/pricing', 0],
      ]),
    )
  })
})
