// Category 2 of issue 15: which metrics go with which dimensions and filters — goal metrics, page metrics,
// views_per_visit, and the event/session table conflict. Ported from
// test/plausible/stats/query/query_parse_and_build_test.exs @047f1c3 and table_decider_test.exs @ff1f8c7.
import { describe, expect, it } from 'vitest'
import { metricsDimensionsConflict } from '../../../../../src/shared/plausible/query-rules'
import { expectAccepted, messageOf, refusalOf } from './helpers'

const qpb = 'query_parse_and_build_test.exs'

describe('conversion_rate and group_conversion_rate need a goal', () => {
  it(`refuses conversion_rate alone (${qpb}: conversion_rate 'fails validation on its own')`, () => {
    expect(refusalOf({ metrics: ['conversion_rate'] })).toEqual({
      rule: 'metric.goal_required',
      message: 'Metric `conversion_rate` can only be queried with event:goal filters or dimensions.',
      pointer: '#/metrics/0',
    })
    expect(messageOf({ metrics: ['visitors', 'group_conversion_rate'] })).toBe(
      'Metric `group_conversion_rate` can only be queried with event:goal filters or dimensions.',
    )
  })

  it("refuses it beside a page dimension and a custom property filter (query_validations_test.exs: 'does not allow querying conversion_rate without a goal filter')", () => {
    expect(
      messageOf({
        metrics: ['conversion_rate'],
        dimensions: ['event:page'],
        filters: [['is', 'event:props:author', ['Uku']]],
      }),
    ).toBe('Metric `conversion_rate` can only be queried with event:goal filters or dimensions.')
  })

  it(`accepts a goal filter or a goal dimension (${qpb}: 'succeeds with event:goal filter', 'succeeds with event:goal dimension')`, () => {
    expectAccepted({ metrics: ['conversion_rate'], filters: [['is', 'event:goal', ['Signup']]] })
    expectAccepted({ metrics: ['conversion_rate'], dimensions: ['event:goal'] })
  })

  it('does not count a goal inside has_done (query_builder.ex: filtering_on_dimension? behavioral_filters: :ignore)', () => {
    expect(
      messageOf({ metrics: ['conversion_rate'], filters: [['has_done', ['is', 'event:goal', ['Signup']]]] }),
    ).toBe('Metric `conversion_rate` can only be queried with event:goal filters or dimensions.')
  })
})

describe('scroll_depth and time_on_page need a page', () => {
  it(`refuses scroll_depth alone and with only a nested page filter (${qpb}: scroll_depth 'fails validation on its own', 'fails with only a non-top-level event:page filter')`, () => {
    const message = 'Metric `scroll_depth` can only be queried with event:page filters or dimensions.'
    expect(messageOf({ metrics: ['scroll_depth'] })).toBe(message)
    expect(messageOf({ metrics: ['scroll_depth'], filters: [['not', ['is', 'event:page', ['/']]]] })).toBe(
      message,
    )
  })

  it(`accepts scroll_depth with a top-level page filter or the page dimension (${qpb}: 'succeeds with top-level event:page filter', 'succeeds with event:page dimension')`, () => {
    expectAccepted({ metrics: ['scroll_depth'], filters: [['is', 'event:page', ['/']]] })
    expectAccepted({ metrics: ['scroll_depth'], dimensions: ['event:page'] })
  })

  it(`refuses time_on_page alone and with only a behavioural page filter (${qpb}: time_on_page 'fails validation on its own', 'fails when using only a behavioral filter')`, () => {
    const message = 'Metric `time_on_page` can only be queried with event:page filters or dimensions.'
    expect(messageOf({ metrics: ['time_on_page'] })).toBe(message)
    expect(
      messageOf({ metrics: ['time_on_page'], filters: [['has_done', ['is', 'event:page', ['/']]]] }),
    ).toBe(message)
  })

  it(`accepts time_on_page with a page filter at any depth or the page dimension (${qpb}: 'succeeds with event:page dimension', 'succeeds with event:page filter')`, () => {
    expectAccepted({ metrics: ['time_on_page'], dimensions: ['time', 'event:page'] })
    expectAccepted({ metrics: ['time_on_page'], filters: [['is', 'event:page', ['/']]] })
    expectAccepted({ metrics: ['time_on_page'], filters: [['not', ['is', 'event:page', ['/']]]] })
  })
})

describe('views_per_visit', () => {
  it(`accepts a goal filter (${qpb}: views_per_visit 'succeeds with normal filters')`, () => {
    expectAccepted({ metrics: ['views_per_visit'], filters: [['is', 'event:goal', ['Signup']]] })
  })

  it(`refuses a page filter, also nested (${qpb}: 'fails validation if event:page filter specified')`, () => {
    expect(refusalOf({ metrics: ['views_per_visit'], filters: [['is', 'event:page', ['/']]] })).toEqual({
      rule: 'metric.views_per_visit_page_filter',
      message: 'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
      pointer: '#/metrics/0',
    })
    expect(messageOf({ metrics: ['views_per_visit'], filters: [['not', ['is', 'event:page', ['/']]]] })).toBe(
      'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
    )
    expectAccepted({ metrics: ['views_per_visit'], filters: [['has_done', ['is', 'event:page', ['/']]]] })
  })

  it(`refuses any dimension (${qpb}: 'fails validation with dimensions')`, () => {
    expect(messageOf({ metrics: ['views_per_visit'], dimensions: ['event:name'] })).toBe(
      'Metric `views_per_visit` cannot be queried with `dimensions`.',
    )
    expect(messageOf({ metrics: ['views_per_visit'], dimensions: ['time:day'] })).toBe(
      'Metric `views_per_visit` cannot be queried with `dimensions`.',
    )
  })

  it('checks each metric in order before the table conflict (query_builder.ex: validate_metrics)', () => {
    expect(messageOf({ metrics: ['bounce_rate', 'views_per_visit'], dimensions: ['event:name'] })).toBe(
      'Metric `views_per_visit` cannot be queried with `dimensions`.',
    )
  })
})

describe('event and session tables', () => {
  it(`accepts a session metric by a visit dimension (${qpb}: 'single session metric succeeds')`, () => {
    expectAccepted({ metrics: ['bounce_rate'], dimensions: ['visit:device'] })
  })

  it(`refuses a session metric by an event dimension (${qpb}: 'fails if using session metric with event dimension')`, () => {
    expect(refusalOf({ metrics: ['bounce_rate'], dimensions: ['event:props:foo'] })).toEqual({
      rule: 'metric.session_with_event_dimension',
      message:
        'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:props:foo`',
      pointer: '#/dimensions',
    })
  })

  it(`refuses an event metric by a session-only dimension (${qpb}: 'fails if using event metric with session-only dimension')`, () => {
    expect(messageOf({ metrics: ['events'], dimensions: ['visit:exit_page'] })).toBe(
      'Event metric(s) `events` cannot be queried along with session dimension(s) `visit:exit_page`',
    )
  })

  it(`accepts session metrics by event:page alone, and with event filters (${qpb}: 'does not fail if using session metric with event:page dimension', 'does not fail if using session metric with event filter')`, () => {
    expectAccepted({ metrics: ['bounce_rate'], dimensions: ['event:page'] })
    expectAccepted({ metrics: ['bounce_rate'], filters: [['is', 'event:props:foo', ['(none)']]] })
  })

  it("names every session metric and event dimension, each in backticks (query_validations_test.exs: 'session metrics cannot be used with event:name dimension')", () => {
    expect(
      messageOf({
        metrics: ['visitors', 'bounce_rate', 'visit_duration'],
        dimensions: ['event:name', 'visit:source', 'event:hostname'],
      }),
    ).toBe(
      'Session metric(s) `bounce_rate`, `visit_duration` cannot be queried along with event dimension(s) `event:name`, `event:hostname`',
    )
  })

  it('refuses event:hostname beside event:page: only event:page alone is joined specially (table_decider.ex @ff1f8c7)', () => {
    expect(messageOf({ metrics: ['bounce_rate'], dimensions: ['event:page', 'event:hostname'] })).toBe(
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:page`, `event:hostname`',
    )
  })

  // table_decider_test.exs @ff1f8c7: 'validate_no_metrics_dimensions_conflict'
  const table: Array<[string[], string[], string | null]> = [
    [[], [], null],
    [['bounce_rate'], [], null],
    [['scroll_depth'], [], null],
    [['bounce_rate'], ['visit:exit_page'], null],
    [['scroll_depth'], ['event:name'], null],
    [['scroll_depth'], ['visit:device'], null],
    [
      ['bounce_rate', 'scroll_depth'],
      ['event:name'],
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:name`',
    ],
    [
      ['visit_duration'],
      ['event:props:foo'],
      'Session metric(s) `visit_duration` cannot be queried along with event dimension(s) `event:props:foo`',
    ],
    [
      ['bounce_rate', 'scroll_depth'],
      ['visit:exit_page'],
      'Event metric(s) `scroll_depth` cannot be queried along with session dimension(s) `visit:exit_page`',
    ],
    [['bounce_rate', 'scroll_depth'], ['event:page'], null],
  ]
  for (const [metrics, dimensions, expected] of table) {
    it(`metrics ${JSON.stringify(metrics)} and dimensions ${JSON.stringify(dimensions)} (table_decider_test.exs: 'validate_no_metrics_dimensions_conflict')`, () => {
      expect(metricsDimensionsConflict(metrics, dimensions)?.message ?? null).toBe(expected)
    })
  }
})

describe('include.time_labels', () => {
  it(`needs a time dimension (${qpb}: 'setting include.time_labels without time dimension')`, () => {
    expect(refusalOf({ include: { time_labels: true } })).toEqual({
      rule: 'include.time_labels',
      message: 'Invalid include.time_labels: requires a time dimension.',
      pointer: '#/include/time_labels',
    })
    expectAccepted({ dimensions: ['time'], include: { imports: true, time_labels: true, total_rows: true } })
  })
})
