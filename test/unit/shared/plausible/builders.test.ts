import { describe, expect, it } from 'vitest'
import {
  aggregateQuery,
  and,
  breakdownQuery,
  contains,
  containsNot,
  hasDone,
  hasNotDone,
  is,
  isNot,
  matches,
  matchesNot,
  not,
  or,
  queryAllPages,
  segment,
  timeseriesQuery,
} from '../../../../src/shared/plausible/builders'
import type { V2Query } from '../../../../src/shared/plausible/query'
import { PlausibleError } from '../../../../src/shared/errors'

describe('filter helpers', () => {
  it('write the server tuples, with the case modifier only when it changes something (§4.5)', () => {
    expect(is('visit:country', ['DE', 'FR'])).toEqual(['is', 'visit:country', ['DE', 'FR']])
    expect(isNot('visit:source', 'Google')).toEqual(['is_not', 'visit:source', ['Google']])
    expect(contains('event:page', '/blog', { caseSensitive: false })).toEqual([
      'contains',
      'event:page',
      ['/blog'],
      { case_sensitive: false },
    ])
    expect(containsNot('event:page', '/admin', { caseSensitive: true })).toEqual([
      'contains_not',
      'event:page',
      ['/admin'],
    ])
    expect(matches('event:page', '^/blog/.+')).toEqual(['matches', 'event:page', ['^/blog/.+']])
    expect(matchesNot('event:page', ['a', 'b'])).toEqual(['matches_not', 'event:page', ['a', 'b']])
    expect(segment(7)).toEqual(['is', 'segment', [7]])
    expect(is('visit:city', 2950159)).toEqual(['is', 'visit:city', [2950159]])
  })

  it('nest logical and behavioural filters', () => {
    const filter = and(
      or(is('visit:country', 'DE'), not(is('visit:device', 'Mobile'))),
      hasDone(is('event:name', 'Signup')),
    )
    expect(filter).toEqual([
      'and',
      [
        [
          'or',
          [
            ['is', 'visit:country', ['DE']],
            ['not', ['is', 'visit:device', ['Mobile']]],
          ],
        ],
        ['has_done', ['is', 'event:name', ['Signup']]],
      ],
    ])
    expect(hasNotDone(is('event:goal', 'Signup'))).toEqual(['has_not_done', ['is', 'event:goal', ['Signup']]])
  })

  it('refuse empty value lists and empty and/or', () => {
    expect(() => is('visit:country', [])).toThrow(PlausibleError)
    expect(() => and()).toThrow('needs at least one filter inside')
  })
})

describe('query builders', () => {
  it('build an aggregate body with nothing the server would not expect', () => {
    expect(aggregateQuery('example.com', { metrics: ['visitors', 'bounce_rate'], dateRange: '7d' })).toEqual({
      site_id: 'example.com',
      metrics: ['visitors', 'bounce_rate'],
      date_range: '7d',
    })
    expect(
      aggregateQuery('example.com', {
        metrics: ['visitors'],
        dateRange: ['2026-01-01', '2026-01-31'],
        filters: [is('visit:country', 'DE')],
        imports: true,
      }),
    ).toEqual({
      site_id: 'example.com',
      metrics: ['visitors'],
      date_range: ['2026-01-01', '2026-01-31'],
      filters: [['is', 'visit:country', ['DE']]],
      include: { imports: true },
    })
  })

  it('build a time series with time labels, so the axis can be filled', () => {
    expect(
      timeseriesQuery('example.com', { metrics: ['pageviews'], dateRange: '30d', interval: 'time:day' }),
    ).toEqual({
      site_id: 'example.com',
      metrics: ['pageviews'],
      date_range: '30d',
      dimensions: ['time:day'],
      include: { time_labels: true },
    })
    expect(timeseriesQuery('a.com', { metrics: ['visitors'], dateRange: 'day' }).dimensions).toEqual(['time'])
  })

  it('build a breakdown page from limit and a 1-based page, with total_rows and order_by', () => {
    expect(
      breakdownQuery('example.com', {
        metrics: ['visitors', 'percentage'],
        dateRange: '30d',
        dimensions: 'visit:source',
        orderBy: [['visitors', 'asc']],
        limit: 10,
        page: 3,
      }),
    ).toEqual({
      site_id: 'example.com',
      metrics: ['visitors', 'percentage'],
      date_range: '30d',
      dimensions: ['visit:source'],
      order_by: [['visitors', 'asc']],
      include: { total_rows: true },
      pagination: { limit: 10, offset: 20 },
    })
  })

  it('fail locally with a JSON pointer when the query would be refused', () => {
    const error = (() => {
      try {
        breakdownQuery('example.com', {
          metrics: ['visitors'],
          dateRange: '30d',
          dimensions: 'visit:source',
          orderBy: [['pageviews', 'desc']],
        })
      } catch (caught) {
        return caught as PlausibleError
      }
    })()
    // The server's words (query_builder.ex: validate_order_by), with the pointer kept apart.
    expect(error?.code).toBe('QUERY_INVALID')
    expect(error?.message).toBe(
      "Invalid order_by entry '{:pageviews, :desc}'. Entry is not a queried metric or dimension.",
    )
    expect(error?.details).toEqual({
      pointer: '#/order_by/0',
      queryRule: 'order_by.not_queried',
      checkedLocally: true,
    })
    expect(error?.hint).toMatch(/^Fix #\/order_by\/0 of the query; .*nothing was sent\.$/)
    expect(() =>
      breakdownQuery('a.com', {
        metrics: ['visitors'],
        dateRange: '7d',
        dimensions: 'visit:source',
        limit: 10001,
      }),
    ).toThrow('#/pagination/limit')
    expect(() => aggregateQuery('a.com', { metrics: ['visitors'], dateRange: 'realtime' })).toThrow(
      '#/date_range',
    )
  })
})

describe('queryAllPages', () => {
  it('walks offsets until total_rows is reached, one request per page', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => ({
      metrics: [100 - index],
      dimensions: [`/p${index}`],
    }))
    const sent: V2Query[] = []
    const run = async (query: V2Query) => {
      sent.push(query)
      const { limit = 10000, offset = 0 } = query.pagination ?? {}
      return { results: rows.slice(offset, offset + limit), meta: { total_rows: rows.length } }
    }
    const base = breakdownQuery('a.com', { metrics: ['visitors'], dateRange: '7d', dimensions: 'event:page' })
    const all = await queryAllPages(run, base, { pageSize: 10 })
    expect(all.results).toEqual(rows)
    expect(all.totalRows).toBe(25)
    expect(all.pages).toBe(3)
    expect(sent.map((query) => query.pagination)).toEqual([
      { limit: 10, offset: 0 },
      { limit: 10, offset: 10 },
      { limit: 10, offset: 20 },
    ])
    expect(sent.every((query) => query.include?.total_rows === true)).toBe(true)
  })

  it('stops at an exact multiple without asking for an empty page', async () => {
    let calls = 0
    const run = async (query: V2Query) => {
      calls++
      const offset = query.pagination?.offset ?? 0
      return { results: offset < 20 ? Array.from({ length: 10 }, () => ({})) : [], meta: { total_rows: 20 } }
    }
    const base = breakdownQuery('a.com', { metrics: ['visitors'], dateRange: '7d', dimensions: 'event:page' })
    expect((await queryAllPages(run, base, { pageSize: 10 })).results).toHaveLength(20)
    expect(calls).toBe(2)
  })
})
