import { describe, expect, it } from 'vitest'
import { dayToIsoDate, isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { rangeDates } from '../../../../src/core/sandbox/date-range'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import {
  legacyAggregate,
  legacyBreakdown,
  legacyMetricList,
  legacyPeriod,
  legacyTimeseries,
  metricChange,
  parseLegacyFilters,
  previousPeriod,
  type LegacySource,
} from '../../../../src/core/sandbox/legacy'
import { tinyNow, tinySessions } from './fixtures'

const source = (overrides: Partial<LegacySource> = {}): LegacySource => ({
  siteId: 'tiny.example',
  timezone: 'Etc/UTC',
  goals: sandboxGoals,
  now: tinyNow,
  statsStartDay: isoDateToDay('2024-01-01'),
  allowsCustomProps: true,
  sessionsBetween: () => tinySessions,
  ...overrides,
})
const params = (query: string) => new URLSearchParams(query)
const tinyRange = 'period=custom&date=2024-01-10,2024-01-11'
const periodDates = (query: string, now = Date.parse('2026-11-23T14:30:00Z')) => {
  const result = legacyPeriod(params(query), 'Europe/Berlin', now)
  if (!result.ok) throw new Error(JSON.stringify(result.reply))
  return rangeDates(result.value.range)
}
const errorOf = (reply: { status: number; body: unknown }) => [
  reply.status,
  (reply.body as { error: string }).error,
]

describe('legacyPeriod', () => {
  it('ends 7d and 30d yesterday and includes the current month in 6mo and 12mo, unlike v2', () => {
    expect(periodDates('period=30d')).toEqual(['2026-10-24', '2026-11-22'])
    expect(periodDates('period=7d&date=2026-11-10')).toEqual(['2026-11-03', '2026-11-09'])
    expect(periodDates('period=6mo')).toEqual(['2026-06-01', '2026-11-30'])
    expect(periodDates('period=12mo&date=2026-02-14')).toEqual(['2025-03-01', '2026-02-28'])
    expect(periodDates('period=month&date=2024-02-10')).toEqual(['2024-02-01', '2024-02-29'])
    expect(periodDates('period=day&date=2026-03-29')).toEqual(['2026-03-29', '2026-03-29'])
    expect(periodDates('period=custom&date=2026-01-01, 2026-01-31')).toEqual(['2026-01-01', '2026-01-31'])
  })

  it('defaults the date to today in UTC, not in the site zone', () => {
    // 23:30 UTC is already tomorrow in Berlin; the legacy builder still uses the UTC date (§5 caveat).
    expect(periodDates('period=day', Date.parse('2026-11-23T23:30:00Z'))).toEqual([
      '2026-11-23',
      '2026-11-23',
    ])
  })

  it('refuses unknown periods and malformed dates with the server texts', () => {
    const refuse = (query: string) => {
      const result = legacyPeriod(params(query), 'Etc/UTC', tinyNow)
      return result.ok ? null : errorOf(result.reply)
    }
    expect(refuse('period=year')).toEqual([
      400,
      'Error parsing `period` parameter: invalid period `year`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods',
    ])
    expect(refuse('period=custom')).toEqual([
      400,
      'The `date` parameter is required when using a custom period. See https://plausible.io/docs/stats-api#time-periods',
    ])
    expect(refuse('period=custom&date=2024-01-10')).toEqual([
      400,
      'Invalid format for `date` parameter. When using a custom period, please include two ISO-8601 formatted dates joined by a comma. See https://plausible.io/docs/stats-api#time-periods',
    ])
    expect(refuse('period=day&date=2024-13-01')).toEqual([
      400,
      'Error parsing `date` parameter: invalid_format. Please specify a valid date in ISO-8601 format.',
    ])
  })
})

describe('parseLegacyFilters', () => {
  it('reads ==, != and | lists joined by ;, with \\| as a literal pipe', () => {
    expect(parseLegacyFilters('visit:source==Google|Twitter;event:page!=/a\\|b').raw).toEqual([
      ['is', 'visit:source', ['Google', 'Twitter']],
      ['is_not', 'event:page', ['/a|b']],
    ])
  })

  it('turns * into an anchored wildcard pattern', () => {
    expect(parseLegacyFilters('event:page==/blog/*').raw).toEqual([['matches', 'event:page', ['^/blog/.*$']]])
    expect(parseLegacyFilters('event:goal==Visit*|Sign*').raw).toEqual([
      ['matches', 'event:goal', ['^Visit.*$', '^Sign.*$']],
    ])
  })

  it('silently drops malformed segments, unknown properties and non-2-letter countries', () => {
    expect(
      parseLegacyFilters('visit:source;visit:nope==x;visit:country==Germany;visit:country==de;event:page==')
        .raw,
    ).toEqual([['is', 'visit:country', ['DE']]])
  })

  it('accepts a JSON v2 filter array', () => {
    expect(parseLegacyFilters('[["contains","event:page",["blog"]]]').raw).toEqual([
      ['contains', 'event:page', ['blog']],
    ])
  })
})

describe('legacyMetricList', () => {
  const none = parseLegacyFilters(null).filters
  const refuse = (raw: string, property: string | null = null, filters = none) => {
    const result = legacyMetricList(raw, filters, property)
    return result.ok ? null : errorOf(result.reply)[1]
  }

  it('checks duplicates first, then each metric in order', () => {
    expect(refuse('visitors,nope,visitors')).toBe('Metrics cannot be queried multiple times.')
    expect(refuse('visitors,scroll_depth')).toBe(
      'The metric `scroll_depth` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics',
    )
    expect(refuse('conversion_rate')).toBe(
      'Metric `conversion_rate` can only be queried in a goal breakdown or with a goal filter',
    )
    expect(refuse('time_on_page')).toBe(
      'Metric `time_on_page` can only be queried in a page breakdown or with a page filter.',
    )
    expect(refuse('bounce_rate', 'event:name')).toBe(
      'Session metric `bounce_rate` cannot be queried for breakdown by `event:name`.',
    )
    expect(refuse('visit_duration', null, parseLegacyFilters('event:name==Signup').filters)).toBe(
      'Session metric `visit_duration` cannot be queried when using a filter on `event:name`.',
    )
    expect(refuse('bounce_rate', 'event:page')).toBeNull()
  })
})

describe('legacyAggregate', () => {
  it('answers each metric as {value} over the tiny data set', () => {
    const reply = legacyAggregate(
      params(
        `${tinyRange}&metrics=visitors,visits,pageviews,events,bounce_rate,visit_duration,views_per_visit`,
      ),
      source(),
    )
    expect(reply).toEqual({
      status: 200,
      body: {
        results: {
          visitors: { value: 3 },
          visits: { value: 4 },
          pageviews: { value: 6 },
          events: { value: 7 },
          bounce_rate: { value: 50 },
          visit_duration: { value: 30 },
          views_per_visit: { value: 1.5 },
        },
      },
    })
  })

  it('adds comparison_value and change with compare=previous_period', () => {
    const reply = legacyAggregate(
      params('period=custom&date=2024-01-11,2024-01-11&metrics=visitors,bounce_rate&compare=previous_period'),
      source(),
    )
    expect(reply.body).toEqual({
      results: {
        visitors: { value: 1, comparison_value: 2, change: -50 },
        bounce_rate: { value: 100, comparison_value: 33, change: 67 },
      },
    })
  })

  it('applies v1 filters and refuses unknown goals', () => {
    const visitors = (filters: string) =>
      (
        legacyAggregate(params(`${tinyRange}&filters=${encodeURIComponent(filters)}`), source()).body as {
          results: { visitors: { value: number } }
        }
      ).results.visitors.value
    expect(visitors('event:page==/pricing')).toBe(2)
    expect(visitors('visit:source!=Google')).toBe(2)
    expect(visitors('event:page==/b*')).toBe(1)
    expect(visitors('visit:country==Germany')).toBe(3)
    expect(errorOf(legacyAggregate(params(`${tinyRange}&filters=event:goal==Nope`), source()))).toEqual([
      400,
      'The goal `Nope` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
    ])
  })

  it('answers 402 for custom properties when the plan lacks them', () => {
    expect(
      errorOf(
        legacyAggregate(
          params(`${tinyRange}&filters=event:props:plan==pro`),
          source({ allowsCustomProps: false }),
        ),
      ),
    ).toEqual([402, 'The owner of this site does not have access to the custom properties feature'])
  })
})

describe('legacyTimeseries', () => {
  it('fills every day of the range and leaves visit_duration null where there is no data', () => {
    const reply = legacyTimeseries(
      params('period=custom&date=2024-01-09,2024-01-11&metrics=visitors,pageviews,visit_duration'),
      source(),
    )
    expect(reply.body).toEqual({
      results: [
        { date: '2024-01-09', visitors: 0, pageviews: 0, visit_duration: null },
        { date: '2024-01-10', visitors: 2, pageviews: 5, visit_duration: 40 },
        { date: '2024-01-11', visitors: 1, pageviews: 1, visit_duration: 0 },
      ],
    })
  })

  it('gives period=day 24 hourly buckets and refuses other intervals', () => {
    const body = legacyTimeseries(params('period=day&date=2024-01-10'), source()).body as {
      results: Array<{ date: string; visitors: number }>
    }
    expect(body.results).toHaveLength(24)
    expect(body.results[10]).toEqual({ date: '2024-01-10 10:00:00', visitors: 1 })
    expect(errorOf(legacyTimeseries(params('interval=week'), source()))).toEqual([
      400,
      'Error parsing `interval` parameter: invalid interval `week`. Valid intervals are `day`, `month`',
    ])
  })
})

describe('legacyBreakdown', () => {
  const breakdown = (query: string) => legacyBreakdown(params(`${tinyRange}&${query}`), source())

  it('names the result key after the property and orders by the first metric', () => {
    expect(breakdown('property=event:page&metrics=visitors,pageviews,time_on_page').body).toEqual({
      results: [
        { page: '/', visitors: 2, pageviews: 3, time_on_page: 60 },
        { page: '/pricing', visitors: 2, pageviews: 2, time_on_page: 30 },
        { page: '/blog', visitors: 1, pageviews: 1, time_on_page: 30 },
      ],
    })
    expect(breakdown('property=event:goal&metrics=visitors,conversion_rate').body).toEqual({
      results: [
        { goal: 'Visit /pricing', visitors: 2, conversion_rate: 66.67 },
        { goal: 'Signup', visitors: 1, conversion_rate: 33.33 },
      ],
    })
    expect(breakdown('property=event:props:plan').body).toEqual({
      results: [
        { plan: '(none)', visitors: 3 },
        { plan: 'pro', visitors: 1 },
      ],
    })
  })

  it('carries the browser on browser_version rows and pages with limit and page', () => {
    expect(breakdown('property=visit:browser_version').body).toEqual({
      results: [{ browser: 'Firefox', browser_version: '132.0', visitors: 3 }],
    })
    expect(breakdown('property=event:page&limit=2&page=2').body).toEqual({
      results: [{ page: '/blog', visitors: 1 }],
    })
  })

  it('refuses a missing or unknown property, and limits and pages out of range', () => {
    expect(errorOf(breakdown(''))).toEqual([
      400,
      'The `property` parameter is required. Please provide at least one property to show a breakdown by.',
    ])
    expect(errorOf(breakdown('property=event:hostname'))).toEqual([
      400,
      "Invalid property 'event:hostname'. Please provide a valid property for the breakdown endpoint: https://plausible.io/docs/stats-api#properties",
    ])
    expect(errorOf(breakdown('property=event:page&limit=1001'))).toEqual([
      400,
      'Please provide limit as a number between 1 and 1000.',
    ])
    expect(errorOf(breakdown('property=event:page&page=0'))).toEqual([
      400,
      'Please provide page as a positive number.',
    ])
  })
})

describe('comparisons', () => {
  it('computes change as %, bounce rate as a difference and conversion rate in points', () => {
    expect(metricChange('visitors', 0, 5)).toBe(100)
    expect(metricChange('visitors', 0, 0)).toBe(0)
    expect(metricChange('visitors', 200, 150)).toBe(-25)
    expect(metricChange('bounce_rate', 40, 45)).toBe(5)
    expect(metricChange('bounce_rate', 0, 45)).toBeNull()
    expect(metricChange('conversion_rate', 1.25, 2.5)).toBe(1.3)
    expect(metricChange('visit_duration', null, 10)).toBeNull()
  })

  it('takes the same number of days before the range, counting a running month only up to today', () => {
    const range = (first: string, last: string) => ({
      firstDay: isoDateToDay(first),
      lastDay: isoDateToDay(last),
    })
    const previous = (first: string, last: string, today: string) => {
      const { firstDay, lastDay } = range(first, last)
      const result = previousPeriod(
        { firstDay, lastDay, from: 0, to: 0, echo: ['', ''] },
        isoDateToDay(today),
        'Etc/UTC',
      )
      return [dayToIsoDate(result.firstDay), dayToIsoDate(result.lastDay)]
    }
    expect(previous('2024-01-01', '2024-01-30', '2024-02-10')).toEqual(['2023-12-02', '2023-12-31'])
    expect(previous('2024-02-01', '2024-02-29', '2024-02-10')).toEqual(['2024-01-22', '2024-01-31'])
  })
})
