import { describe, expect, it } from 'vitest'
import {
  allowedMetrics,
  filtersOnDimension,
  metricRefusal,
  sessionMetricsRefusal,
} from '../../../../src/shared/plausible/metric-rules'
import type { Filter } from '../../../../src/shared/plausible/query'

const page: Filter = ['is', 'event:page', ['/pricing']]
const goal: Filter = ['is', 'event:goal', ['Signup']]
const country: Filter = ['is', 'visit:country', ['DE']]

describe('filtersOnDimension', () => {
  it('finds a leaf at the top and inside and/or/not, but not inside a behavioural filter', () => {
    expect(filtersOnDimension([page], 'event:page')).toBe(true)
    expect(filtersOnDimension([['and', [country, ['or', [page]]]]], 'event:page')).toBe(true)
    expect(filtersOnDimension([['not', page]], 'event:page')).toBe(true)
    expect(filtersOnDimension([['has_done', page]], 'event:page')).toBe(false)
    expect(filtersOnDimension([country], 'event:page')).toBe(false)
  })
})

describe('metricRefusal (the server words of §4.3)', () => {
  it('refuses views_per_visit with an event:page filter or any dimension, and takes it without either', () => {
    expect(metricRefusal('views_per_visit', { dimensions: [], filters: [page] })).toBe(
      'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
    )
    expect(metricRefusal('views_per_visit', { dimensions: ['visit:source'], filters: [] })).toBe(
      'Metric `views_per_visit` cannot be queried with `dimensions`.',
    )
    expect(metricRefusal('views_per_visit', { dimensions: [], filters: [country] })).toBeNull()
  })

  it('takes conversion_rate only with an event:goal filter or dimension', () => {
    expect(metricRefusal('conversion_rate', { dimensions: [], filters: [] })).toBe(
      'Metric `conversion_rate` can only be queried with event:goal filters or dimensions.',
    )
    expect(metricRefusal('conversion_rate', { dimensions: [], filters: [goal] })).toBeNull()
    expect(metricRefusal('group_conversion_rate', { dimensions: ['event:goal'], filters: [] })).toBeNull()
  })
})

describe('sessionMetricsRefusal (table_decider.ex @ff1f8c7)', () => {
  it('names every session metric and event dimension in backticks; only event:page alone passes', () => {
    expect(sessionMetricsRefusal(['visitors', 'bounce_rate', 'visit_duration'], ['event:name'])).toBe(
      'Session metric(s) `bounce_rate`, `visit_duration` cannot be queried along with event dimension(s) `event:name`',
    )
    expect(sessionMetricsRefusal(['bounce_rate'], ['event:page'])).toBeNull()
    expect(sessionMetricsRefusal(['bounce_rate'], ['event:page', 'event:hostname'])).toBe(
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:page`, `event:hostname`',
    )
    expect(sessionMetricsRefusal(['pageviews'], ['visit:entry_page'])).toBe(
      'Event metric(s) `pageviews` cannot be queried along with session dimension(s) `visit:entry_page`',
    )
    expect(sessionMetricsRefusal(['bounce_rate'], ['event:hostname'])).toBe(
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:hostname`',
    )
    expect(sessionMetricsRefusal(['visitors'], ['event:name'])).toBeNull()
  })
})

describe('allowedMetrics', () => {
  it('keeps the order of the rest and gives each metric left out its reason', () => {
    expect(
      allowedMetrics(['visitors', 'views_per_visit', 'bounce_rate'], {
        dimensions: ['event:props:plan'],
        filters: [],
      }),
    ).toEqual({
      metrics: ['visitors'],
      leftOut: [
        {
          metric: 'views_per_visit',
          reason: 'Metric `views_per_visit` cannot be queried with `dimensions`.',
        },
        {
          metric: 'bounce_rate',
          reason:
            'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:props:plan`',
        },
      ],
    })
    expect(allowedMetrics(['visitors', 'views_per_visit'], { dimensions: [], filters: [] })).toEqual({
      metrics: ['visitors', 'views_per_visit'],
      leftOut: [],
    })
  })
})
