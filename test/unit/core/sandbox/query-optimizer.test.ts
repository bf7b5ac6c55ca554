// The server's QueryOptimizer (lib/plausible/stats/query_optimizer.ex) as the v2 echo shows it: each rule
// names the server test or function it comes from.
import { describe, expect, it } from 'vitest'
import { autoInterval } from '../../../../src/core/sandbox/time-buckets'
import { resolveDateRange } from '../../../../src/core/sandbox/date-range'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { rowsOf, runTiny } from './fixtures'

const seconds = (count: number) => ({ from: 0, to: count * 1000 })
const hour = 3600
const day = 24 * hour

describe('resolve_time_dimension: whole units between the first and the last second', () => {
  it('is time:hour up to 48 whole hours, time:day from the 49th', () => {
    expect(autoInterval(seconds(48 * hour))).toBe('hour')
    // 48 h 59 min 59 s is still 48 whole hours (DateTime.diff truncates).
    expect(autoInterval(seconds(49 * hour - 1))).toBe('hour')
    expect(autoInterval(seconds(49 * hour))).toBe('day')
  })

  it('is time:day up to 40 whole days, time:week from the 41st', () => {
    expect(autoInterval(seconds(41 * day - 1))).toBe('day')
    expect(autoInterval(seconds(41 * day))).toBe('week')
  })

  it('is time:week up to 52 whole weeks, time:month from the 53rd', () => {
    expect(autoInterval(seconds(53 * 7 * day - 1))).toBe('week')
    expect(autoInterval(seconds(53 * 7 * day))).toBe('month')
  })

  it('counts the extra hour of a DST fall-back: 41 dates across it are 41 whole days, so time:week', () => {
    const context = { now: Date.parse('2026-12-01T12:00:00Z'), statsStartDay: isoDateToDay('2026-01-01') }
    const across = resolveDateRange(['2026-09-30', '2026-11-09'], { ...context, timeZone: 'Europe/Berlin' })
    const utc = resolveDateRange(['2026-09-30', '2026-11-09'], { ...context, timeZone: 'Etc/UTC' })
    if (!across.ok || !utc.ok) throw new Error('valid ranges')
    expect(autoInterval(across.range)).toBe('week')
    expect(autoInterval(utc.range)).toBe('day')
  })
})

describe('the echo shows the query as the optimizer leaves it', () => {
  it("query_test 'shows last 7 days of visitors with time labels': `time` is echoed and run as time:day", () => {
    const response = runTiny({
      metrics: ['visitors'],
      date_range: ['2024-01-09', '2024-01-11'],
      dimensions: ['time'],
      include: { time_labels: true },
    })
    expect(response.query.dimensions).toEqual(['time:day'])
    expect(response.query.order_by).toEqual([
      ['time:day', 'asc'],
      ['visitors', 'desc'],
    ])
    expect(response.meta.time_labels).toEqual(['2024-01-09', '2024-01-10', '2024-01-11'])
    expect(rowsOf(response)).toEqual([
      ['2024-01-10', 2],
      ['2024-01-11', 1],
    ])
  })

  it('add_missing_order_by: `time` over two days (47 h 59 min 59 s) is time:hour, first in the default order', () => {
    const response = runTiny({
      metrics: ['pageviews', 'visitors'],
      dimensions: ['visit:source', 'time'],
    })
    expect(response.query.dimensions).toEqual(['visit:source', 'time:hour'])
    expect(response.query.order_by).toEqual([
      ['time:hour', 'asc'],
      ['pageviews', 'desc'],
    ])
  })

  it("query_test 'timeseries with explicit order_by': `time` in order_by names the resolved dimension", () => {
    const response = runTiny({
      metrics: ['pageviews'],
      date_range: ['2024-01-09', '2024-01-11'],
      dimensions: ['time'],
      order_by: [
        ['pageviews', 'desc'],
        ['time', 'asc'],
      ],
    })
    expect(response.query.order_by).toEqual([
      ['pageviews', 'desc'],
      ['time:day', 'asc'],
    ])
    expect(rowsOf(response)).toEqual([
      ['2024-01-10', 5],
      ['2024-01-11', 1],
    ])
  })

  it('extend_hostname_filters_to_visit: a top-level event:hostname filter is repeated on the entry and exit page hostname', () => {
    const hostname = ['contains', 'event:hostname', ['TINY'], { case_sensitive: false }]
    const response = runTiny({
      metrics: ['visits'],
      dimensions: ['visit:exit_page', 'visit:source'],
      filters: [hostname, ['is', 'visit:country', ['DE']]],
    })
    expect(response.query.filters).toEqual([
      hostname,
      ['is', 'visit:country', ['DE']],
      ['contains', 'visit:exit_page_hostname', ['TINY'], { case_sensitive: false }],
      ['contains', 'visit:entry_page_hostname', ['TINY'], { case_sensitive: false }],
    ])
    // Every tiny visit is on one hostname: the extra filters keep them all.
    expect(rowsOf(response)).toEqual([
      ['/', 'Direct / None', 1],
      ['/pricing', 'Google', 1],
    ])
  })

  it('extend_hostname_filters_to_visit: no extra filter for dimensions outside its map (event:page, visit:channel)', () => {
    const filters = [['is', 'event:hostname', ['tiny.example']]]
    expect(runTiny({ metrics: ['visits'], dimensions: ['event:page'], filters }).query.filters).toEqual(
      filters,
    )
    expect(runTiny({ metrics: ['visits'], dimensions: ['visit:channel'], filters }).query.filters).toEqual(
      filters,
    )
    expect(runTiny({ metrics: ['visits'], dimensions: ['visit:source'] }).query.filters).toEqual([])
  })
})
