import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { validateQuery } from '../../../../src/core/sandbox/validate'

const context = {
  timeZone: 'Europe/Berlin',
  now: Date.parse('2026-11-23T12:00:00Z'),
  statsStartDay: isoDateToDay('2026-05-27'),
  goals: sandboxGoals,
}

function errorOf(body: Record<string, unknown>): string {
  const result = validateQuery(
    { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d', ...body },
    context,
  )
  if (result.ok) throw new Error('expected a validation error')
  return result.error
}

describe('v2 query validation texts (§4.1, §4.9)', () => {
  it('points at the invalid metric, dimension and date range', () => {
    expect(errorOf({ metrics: ['visitors', 'baa'] })).toBe('#/metrics/1: Invalid metric "baa"')
    expect(errorOf({ dimensions: ['badproperty'] })).toBe('#/dimensions/0: Invalid dimension "badproperty"')
    expect(errorOf({ date_range: 'bad_period' })).toBe('#/date_range: Invalid date range "bad_period"')
    expect(errorOf({ date_range: 'realtime' })).toBe('#/date_range: Invalid date range "realtime"')
  })

  it('refuses unknown keys, the internal "date" and include.comparisons as additional properties', () => {
    expect(errorOf({ date: '2026-01-01' })).toBe('#/date: Schema does not allow additional properties.')
    expect(errorOf({ include: { comparisons: { mode: 'previous_period' } } })).toBe(
      '#/include/comparisons: Schema does not allow additional properties.',
    )
  })

  it('joins several schema errors with newlines, in the schema’s sorted property order', () => {
    expect(errorOf({ metrics: ['visitorz'], dimensions: ['nope'] })).toBe(
      '#/dimensions/0: Invalid dimension "nope"\n#/metrics/0: Invalid metric "visitorz"',
    )
  })

  it('requires metrics and date_range', () => {
    const result = validateQuery({ site_id: 'shop.example.com', metrics: ['visitors'] }, context)
    expect(result.ok ? null : result.error).toBe('#: Required property date_range was not present.')
  })

  it('refuses duplicate metrics, bad filters and bad order_by names with pointers', () => {
    expect(errorOf({ metrics: ['visitors', 'visitors'] })).toBe(
      '#/metrics: Expected items to be unique but they were not.',
    )
    expect(errorOf({ filters: [['is', 'visit:nope', ['x']]] })).toBe(
      '#/filters/0: Invalid filter ["is", "visit:nope", ["x"]]',
    )
    expect(errorOf({ filters: [['matches', 'event:page', ['^/'], { case_sensitive: false }]] })).toBe(
      '#/filters/0: Invalid filter ["matches", "event:page", ["^/"], %{"case_sensitive" => false}]',
    )
    expect(errorOf({ filters: [['is_not', 'event:goal', ['Signup']]] })).toBe(
      '#/filters/0: Invalid filter ["is_not", "event:goal", ["Signup"]]',
    )
    expect(errorOf({ order_by: [['x', 'desc']] })).toBe('#/order_by/0/0: Invalid value in order_by "x"')
  })

  it('checks pagination bounds', () => {
    expect(errorOf({ pagination: { limit: 10001 } })).toBe(
      '#/pagination/limit: Expected the value to be <= 10000',
    )
    expect(errorOf({ pagination: { limit: 0 } })).toBe('#/pagination/limit: Expected the value to be >= 1')
    expect(errorOf({ pagination: { offset: -1 } })).toBe('#/pagination/offset: Expected the value to be >= 0')
  })

  it('refuses a country filter that is not a 2-letter code and a goal the site does not have', () => {
    expect(errorOf({ filters: [['is', 'visit:country', ['Germany']]] })).toBe(
      'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
    )
    expect(errorOf({ filters: [['is', 'event:goal', ['Purchase']]] })).toBe(
      'Invalid filters. The goal `Purchase` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
    )
  })

  it('refuses order_by entries that are not queried', () => {
    expect(errorOf({ order_by: [['events', 'desc']] })).toBe(
      "Invalid order_by entry '{:events, :desc}'. Entry is not a queried metric or dimension.",
    )
    expect(errorOf({ order_by: [['visit:source', 'asc']] })).toBe(
      `Invalid order_by entry '{"visit:source", :asc}'. Entry is not a queried metric or dimension.`,
    )
  })

  it('applies the metric rules: views_per_visit, conversion_rate, session metrics with event dimensions, time_labels', () => {
    expect(errorOf({ metrics: ['views_per_visit'], dimensions: ['visit:source'] })).toBe(
      'Metric `views_per_visit` cannot be queried with `dimensions`.',
    )
    expect(errorOf({ metrics: ['views_per_visit'], filters: [['is', 'event:page', ['/']]] })).toBe(
      'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
    )
    expect(errorOf({ metrics: ['conversion_rate'] })).toBe(
      'Metric `conversion_rate` can only be queried with event:goal filters or dimensions.',
    )
    expect(errorOf({ metrics: ['bounce_rate', 'visit_duration'], dimensions: ['event:name'] })).toBe(
      'Session metric(s) `bounce_rate`, `visit_duration` cannot be queried along with event dimension(s) `event:name`',
    )
    expect(errorOf({ include: { time_labels: true } })).toBe(
      'Invalid include.time_labels: requires a time dimension.',
    )
  })

  it('knows the site: its goals, no segments, its plan, and revenue as a feature its sites lack', () => {
    expect(errorOf({ filters: [['is', 'segment', [1]]] })).toBe(
      "Invalid filters. Some segments don't exist or aren't accessible.",
    )
    expect(errorOf({ metrics: ['total_revenue'] })).toBe(
      'The owner of this site does not have access to the revenue metrics feature.',
    )
    const ce = validateQuery(
      { site_id: 'shop.example.com', metrics: ['total_revenue'], date_range: '7d' },
      { ...context, edition: 'ce' },
    )
    expect(ce.ok ? null : ce.error).toBe('#/metrics/0: Invalid metric "total_revenue"')
    const noProps = validateQuery(
      {
        site_id: 'shop.example.com',
        metrics: ['visitors'],
        date_range: '7d',
        dimensions: ['event:props:plan'],
      },
      { ...context, customProps: false },
    )
    expect(noProps.ok ? null : noProps.error).toBe(
      'The owner of this site does not have access to the custom properties feature.',
    )
  })

  it('answers scroll_depth and time_on_page on a page breakdown', () => {
    const result = validateQuery(
      {
        site_id: 'shop.example.com',
        metrics: ['scroll_depth', 'time_on_page'],
        date_range: '7d',
        dimensions: ['event:page'],
      },
      context,
    )
    expect(result.ok && result.query.metrics).toEqual(['scroll_depth', 'time_on_page'])
  })

  it('accepts a full valid query and fills in the defaults', () => {
    const result = validateQuery(
      {
        site_id: 'shop.example.com',
        metrics: ['visitors', 'bounce_rate'],
        date_range: '7d',
        dimensions: ['time:day', 'event:page'],
      },
      context,
    )
    if (!result.ok) throw new Error(result.error)
    expect(result.query.orderBy).toEqual([
      ['time:day', 'asc'],
      ['visitors', 'desc'],
    ])
    expect(result.query.pagination).toEqual({ limit: 10000, offset: 0 })
    expect(result.query.range.echo).toEqual(['2026-11-16T00:00:00+01:00', '2026-11-22T23:59:59+01:00'])
  })
})
