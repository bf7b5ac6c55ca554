import { describe, expect, it } from 'vitest'
import {
  answerFromV1,
  answerFromV2,
  questionToV1,
  questionToV2,
  todayIn,
  v1PeriodOf,
  type StatsQuestion,
} from '../../../../src/shared/plausible/question'
import { is } from '../../../../src/shared/plausible/builders'

const now = Date.parse('2026-11-23T23:30:00Z')

describe('v1PeriodOf', () => {
  it('gives v1 the same days as the v2 shortcut, from the site’s today (§4.2 vs §5)', () => {
    const today = '2026-11-23'
    expect(v1PeriodOf('day', today)).toEqual({ period: 'day', date: today })
    expect(v1PeriodOf('7d', today)).toEqual({ period: '7d', date: today })
    expect(v1PeriodOf('30d', today)).toEqual({ period: '30d', date: today })
    expect(v1PeriodOf('28d', today)).toEqual({ period: 'custom', date: '2026-10-26,2026-11-22' })
    expect(v1PeriodOf('month', today)).toEqual({ period: 'month', date: today })
    // v2 6mo excludes the current month; v1 6mo would include it, so custom dates are sent.
    expect(v1PeriodOf('6mo', today)).toEqual({ period: 'custom', date: '2026-05-01,2026-10-31' })
    expect(v1PeriodOf('12mo', '2026-01-15')).toEqual({ period: 'custom', date: '2025-01-01,2025-12-31' })
    expect(v1PeriodOf('year', today)).toEqual({ period: 'custom', date: '2026-01-01,2026-12-31' })
    expect(v1PeriodOf(['2026-01-01', '2026-01-31'], today)).toEqual({
      period: 'custom',
      date: '2026-01-01,2026-01-31',
    })
  })

  it('says NOT_SUPPORTED for ranges v1 cannot express', () => {
    for (const range of ['24h', 'all'] as const)
      expect(() => v1PeriodOf(range, '2026-11-23')).toThrow(
        expect.objectContaining({ code: 'NOT_SUPPORTED' }),
      )
    expect(() => v1PeriodOf(['2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z'], '2026-11-23')).toThrow(
      'exact times',
    )
  })

  it('takes today in the site’s time zone', () => {
    expect(todayIn('Etc/UTC', now)).toBe('2026-11-23')
    expect(todayIn('Europe/Berlin', now)).toBe('2026-11-24')
    expect(todayIn('America/New_York', now)).toBe('2026-11-23')
  })
})

describe('questionToV1 / questionToV2', () => {
  const base = {
    siteId: 'a.com',
    metrics: ['visitors', 'pageviews'] as const,
    dateRange: '7d' as const,
    timezone: 'Europe/Berlin',
  }

  it('asks the same aggregate both ways', () => {
    const question: StatsQuestion = {
      kind: 'aggregate',
      ...base,
      metrics: [...base.metrics],
      filters: [is('visit:country', 'DE')],
    }
    expect(questionToV2(question)).toEqual({
      site_id: 'a.com',
      metrics: ['visitors', 'pageviews'],
      date_range: '7d',
      filters: [['is', 'visit:country', ['DE']]],
    })
    expect(questionToV1(question, now)).toEqual({
      endpoint: 'aggregate',
      params: {
        siteId: 'a.com',
        period: '7d',
        date: '2026-11-24',
        metrics: ['visitors', 'pageviews'],
        filters: 'visit:country==DE',
      },
    })
  })

  it('maps intervals: hourly only for one day, as v1 period=day', () => {
    const hourly: StatsQuestion = {
      kind: 'timeseries',
      ...base,
      metrics: ['visitors'],
      dateRange: 'day',
      interval: 'hour',
    }
    expect(questionToV2(hourly).dimensions).toEqual(['time:hour'])
    expect(questionToV1(hourly, now)).toMatchObject({
      endpoint: 'timeseries',
      params: { period: 'day', date: '2026-11-24' },
    })
    expect(() => questionToV1({ ...hourly, dateRange: '7d' }, now)).toThrow('hourly buckets')
    const monthly: StatsQuestion = {
      kind: 'timeseries',
      ...base,
      metrics: ['visitors'],
      dateRange: '6mo',
      interval: 'month',
    }
    expect(questionToV1(monthly, now)).toMatchObject({
      params: { period: 'custom', date: '2026-05-01,2026-10-31', interval: 'month' },
    })
  })

  it('pages a breakdown the same way: limit and 1-based page vs offset', () => {
    const question: StatsQuestion = {
      kind: 'breakdown',
      ...base,
      metrics: ['visitors'],
      dimension: 'visit:source',
      limit: 5,
      page: 2,
    }
    expect(questionToV2(question)).toMatchObject({
      dimensions: ['visit:source'],
      pagination: { limit: 5, offset: 5 },
    })
    expect(questionToV1(question, now)).toMatchObject({
      endpoint: 'breakdown',
      params: { property: 'visit:source', limit: 5, page: 2 },
    })
  })

  it('normalises both answers to one shape', () => {
    const question: StatsQuestion = {
      kind: 'breakdown',
      ...base,
      metrics: ['visitors'],
      dimension: 'event:props:author',
    }
    const fromV2 = answerFromV2(question, {
      results: [{ dimensions: ['ann'], metrics: [3] }],
      meta: {},
      query: { site_id: 'a.com' },
    })
    const fromV1 = answerFromV1(question, { results: [{ author: 'ann', visitors: 3 }] })
    expect({ ...fromV2, api: 'x' }).toEqual({ ...fromV1, api: 'x' })
    expect(fromV1).toEqual({
      kind: 'breakdown',
      api: 'v1',
      rows: [{ value: 'ann', metrics: { visitors: 3 } }],
    })
    const aggregate: StatsQuestion = { kind: 'aggregate', ...base, metrics: ['visitors', 'bounce_rate'] }
    expect(
      answerFromV1(aggregate, { results: { visitors: { value: 9 }, bounce_rate: { value: 40 } } }),
    ).toEqual({
      kind: 'aggregate',
      api: 'v1',
      metrics: { visitors: 9, bounce_rate: 40 },
    })
  })
})
