import { describe, expect, it } from 'vitest'
import { currentVisitors } from '../../../../src/core/sandbox/engine'
import { rowsOf, runTiny, session, tinySessions } from './fixtures'

const all = ['visitors', 'visits', 'pageviews', 'events', 'views_per_visit', 'bounce_rate', 'visit_duration']

describe('metric definitions on a hand-built data set', () => {
  it('counts unique visitors, visits, pageviews, events, views per visit, bounce rate and mean duration', () => {
    // visitors 1,2,3 · visits S1–S4 · pageviews 2+1+2+1 · events 3+1+2+1 · bounces S2,S4 · durations 90,0,30,0
    expect(runTiny({ metrics: all }).results).toEqual([
      { metrics: [3, 4, 6, 7, 1.5, 50, 30], dimensions: [] },
    ])
  })

  it('rounds views_per_visit to 2 dp and bounce_rate and visit_duration to integers', () => {
    // Jan 10 only: 5 pageviews / 3 visits, 1 bounce of 3, (90 + 0 + 30) / 3 s
    expect(runTiny({ metrics: all, date_range: ['2024-01-10', '2024-01-10'] }).results[0]!.metrics).toEqual([
      2, 3, 5, 6, 1.67, 33, 40,
    ])
  })

  it('answers an aggregate over an empty range with one row of zeros', () => {
    expect(runTiny({ metrics: all, date_range: ['2024-01-05', '2024-01-06'] }).results).toEqual([
      { metrics: [0, 0, 0, 0, 0, 0, 0], dimensions: [] },
    ])
  })

  it('breaks down by source with percentage of visitors, ordered by visitors then name', () => {
    expect(
      rowsOf(runTiny({ metrics: ['visitors', 'visits', 'percentage'], dimensions: ['visit:source'] })),
    ).toEqual([
      ['Google', 2, 2, 66.7],
      ['Direct / None', 1, 1, 33.3],
      ['Twitter', 1, 1, 33.3],
    ])
  })

  it('breaks down by goal with conversion rates against all visitors', () => {
    expect(
      rowsOf(runTiny({ metrics: ['visitors', 'events', 'conversion_rate'], dimensions: ['event:goal'] })),
    ).toEqual([
      ['Visit /pricing', 2, 2, 66.67],
      ['Signup', 1, 1, 33.33],
    ])
  })

  it('computes group conversion rate within each non-goal group', () => {
    // Google visitors: 1 and 3, both saw /pricing; visitor 1 signed up.
    expect(
      rowsOf(
        runTiny({
          metrics: ['visitors', 'group_conversion_rate'],
          dimensions: ['visit:source', 'event:goal'],
        }),
      ),
    ).toEqual([
      ['Google', 'Visit /pricing', 2, 100],
      ['Google', 'Signup', 1, 50],
    ])
  })

  it('gives pages, entry pages and exit pages their own counts', () => {
    expect(
      rowsOf(runTiny({ metrics: ['visitors', 'visits', 'pageviews'], dimensions: ['event:page'] })),
    ).toEqual([
      ['/', 2, 3, 3],
      ['/pricing', 2, 2, 2],
      ['/blog', 1, 1, 1],
    ])
    expect(rowsOf(runTiny({ metrics: ['visits', 'bounce_rate'], dimensions: ['visit:entry_page'] }))).toEqual(
      [
        ['/', 2, 50],
        ['/blog', 1, 0],
        ['/pricing', 1, 100],
      ],
    )
    expect(rowsOf(runTiny({ metrics: ['visits'], dimensions: ['visit:exit_page'] }))).toEqual([
      ['/', 2],
      ['/pricing', 2],
    ])
  })

  it('returns only days with data in a daily series, in time order, and their sums match the aggregate', () => {
    const series = runTiny({
      metrics: ['visitors', 'visits', 'pageviews'],
      dimensions: ['time:day'],
      date_range: ['2024-01-09', '2024-01-12'],
      include: { time_labels: true },
    })
    expect(rowsOf(series)).toEqual([
      ['2024-01-10', 2, 3, 5],
      ['2024-01-11', 1, 1, 1],
    ])
    expect(series.meta.time_labels).toEqual(['2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'])
  })

  it('orders, paginates and reports total rows before pagination', () => {
    const response = runTiny({
      metrics: ['pageviews'],
      dimensions: ['event:page'],
      order_by: [['event:page', 'asc']],
      pagination: { limit: 2, offset: 1 },
      include: { total_rows: true },
    })
    expect(rowsOf(response)).toEqual([
      ['/blog', 1],
      ['/pricing', 2],
    ])
    expect(response.meta).toEqual({ total_rows: 3 })
  })

  it('echoes the normalized query with the default order and only truthy include keys', () => {
    const response = runTiny({
      metrics: ['visitors'],
      dimensions: ['time:day'],
      include: { total_rows: true, imports: false },
    })
    expect(response.query).toEqual({
      site_id: 'tiny.example',
      metrics: ['visitors'],
      date_range: ['2024-01-10T00:00:00+00:00', '2024-01-11T23:59:59+00:00'],
      filters: [],
      dimensions: ['time:day'],
      order_by: [
        ['time:day', 'asc'],
        ['visitors', 'desc'],
      ],
      include: { total_rows: true },
      pagination: { offset: 0, limit: 10000 },
    })
  })

  it('shows only what has happened by the clock: later events of a running visit are not there yet', () => {
    // At 10:01:00 visitor 1 has seen / and /pricing; the Signup (10:01:30) and S3 (11:30) are in the future.
    const response = runTiny(
      { metrics: all, date_range: ['2024-01-10', '2024-01-10'] },
      Date.parse('2024-01-10T10:01:00Z'),
    )
    expect(response.results[0]!.metrics).toEqual([1, 1, 2, 2, 2, 0, 60])
  })

  it('does not count a visit with one pageview and a custom event as a bounce (a second interactive event)', () => {
    const sessions = [
      session(7, '2024-01-10T08:00:00Z', {}, [
        [0, 'pageview', '/pricing'],
        [20, 'Signup', '/pricing', { plan: 'free' }],
      ]),
      session(8, '2024-01-10T09:00:00Z', {}, [[0, 'pageview', '/']]),
    ]
    expect(
      runTiny({ metrics: ['bounce_rate', 'visit_duration'] }, undefined, sessions).results[0]!.metrics,
    ).toEqual([50, 10])
  })

  it('counts realtime visitors with any event in the last five minutes', () => {
    expect(currentVisitors(tinySessions, Date.parse('2024-01-10T10:04:00Z'))).toBe(1)
    expect(currentVisitors(tinySessions, Date.parse('2024-01-10T10:06:31Z'))).toBe(0)
    expect(currentVisitors(tinySessions, Date.parse('2024-01-10T11:31:00Z'))).toBe(1)
  })
})
