import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import {
  currentBucketLabel,
  decimate,
  formatBucketLabel,
  formatBucketTitle,
  seriesQuery,
  toSeries,
  hasRunningStretch,
  withRunningBucket,
} from '../../../../src/shared/stats/series'

const metrics = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration']

/** Rows of [label, visitors, visits, pageviews, bounce, duration]. */
const response = (rows: [string, ...number[]][], timeLabels?: string[]): V2Response => ({
  results: rows.map(([label, ...values]) => ({ metrics: values, dimensions: [label] })),
  meta: timeLabels ? { time_labels: timeLabels } : {},
  query: { site_id: 'shop.example.com', metrics },
})

const values = (points: { value: number | null }[]): (number | null)[] => points.map((p) => p.value)

describe('seriesQuery', () => {
  it('asks for every graphable metric in one bucketed query with time labels', () => {
    const query = seriesQuery('shop.example.com', ['2026-10-24', '2026-11-22'], 'time:day')
    expect(query).toEqual({
      site_id: 'shop.example.com',
      metrics,
      date_range: ['2026-10-24', '2026-11-22'],
      dimensions: ['time:day'],
      include: { time_labels: true },
    })
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('asks for conversions under a goal filter, and carries the filters', () => {
    const query = seriesQuery('a.example', 'day', 'time:hour', [
      { dimension: 'event:goal', operator: 'is', values: ['Signup'] },
    ])
    expect(query.metrics).toEqual(['visitors', 'events', 'conversion_rate'])
    expect(query.filters).toEqual([['is', 'event:goal', ['Signup']]])
  })
})

describe('toSeries', () => {
  it('fills the buckets the server left out with zero, one point per time label', () => {
    const labels = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']
    const series = toSeries(
      response(
        [
          ['2026-11-02', 5, 6, 9, 50, 30],
          ['2026-11-04', 7, 8, 20, 25, 60],
        ],
        labels,
      ),
      'visitors',
    )
    expect(series).toEqual([
      { key: '2026-11-01', label: '2026-11-01', occurrence: 0, value: 0 },
      { key: '2026-11-02', label: '2026-11-02', occurrence: 0, value: 5 },
      { key: '2026-11-03', label: '2026-11-03', occurrence: 0, value: 0 },
      { key: '2026-11-04', label: '2026-11-04', occurrence: 0, value: 7 },
    ])
  })

  it('reads any metric of the one query, and derives views per visit per bucket', () => {
    const r = response([['2026-11-02', 5, 6, 9, 50, 30]], ['2026-11-02'])
    expect(values(toSeries(r, 'pageviews'))).toEqual([9])
    expect(values(toSeries(r, 'bounce_rate'))).toEqual([50])
    expect(values(toSeries(r, 'views_per_visit'))).toEqual([1.5])
  })

  it('leaves buckets after the current one empty instead of zero', () => {
    const labels = [
      '2026-11-03 12:00:00',
      '2026-11-03 13:00:00',
      '2026-11-03 14:00:00',
      '2026-11-03 15:00:00',
    ]
    const series = toSeries(response([['2026-11-03 12:00:00', 3, 3, 3, 0, 0]], labels), 'visitors', {
      currentBucket: '2026-11-03 13:00:00',
    })
    expect(values(series)).toEqual([3, 0, null, null])
  })

  it('keeps both hours of a fall-back day apart: 25 points, the repeated label twice, rows in order', () => {
    const labels = [
      '2026-11-01 00:00:00',
      '2026-11-01 01:00:00',
      '2026-11-01 01:00:00',
      ...Array.from({ length: 22 }, (_, i) => `2026-11-01 ${String(i + 2).padStart(2, '0')}:00:00`),
    ]
    const series = toSeries(
      response(
        [
          ['2026-11-01 01:00:00', 4, 4, 4, 0, 0],
          ['2026-11-01 01:00:00', 6, 6, 6, 0, 0],
        ],
        labels,
      ),
      'visitors',
    )
    expect(series).toHaveLength(25)
    expect(series.slice(0, 4).map((p) => [p.key, p.value])).toEqual([
      ['2026-11-01 00:00:00', 0],
      ['2026-11-01 01:00:00', 4],
      ['2026-11-01 01:00:00#2', 6],
      ['2026-11-01 02:00:00', 0],
    ])
  })

  it('falls back to the sorted rows when the server sent no time labels', () => {
    const series = toSeries(
      response([
        ['2026-11-02', 5, 0, 0, 0, 0],
        ['2026-11-01', 2, 0, 0, 0, 0],
      ]),
      'visitors',
    )
    expect(series.map((p) => [p.label, p.value])).toEqual([
      ['2026-11-01', 2],
      ['2026-11-02', 5],
    ])
  })
})

describe('currentBucketLabel', () => {
  const now = Date.UTC(2026, 10, 3, 23, 30) // 2026-11-03 23:30 UTC, a Tuesday

  it('names the bucket of now in the site timezone', () => {
    expect(currentBucketLabel(now, 'UTC', 'time:hour')).toBe('2026-11-03 23:00:00')
    expect(currentBucketLabel(now, 'Europe/Berlin', 'time:hour')).toBe('2026-11-04 00:00:00')
    expect(currentBucketLabel(now, 'Europe/Berlin', 'time:day')).toBe('2026-11-04')
    expect(currentBucketLabel(now, 'America/New_York', 'time:day')).toBe('2026-11-03')
    expect(currentBucketLabel(now, 'UTC', 'time:month')).toBe('2026-11-01')
  })

  it('names a week by its Monday, or by the range start when the range began later that week', () => {
    expect(currentBucketLabel(now, 'UTC', 'time:week')).toBe('2026-11-02')
    expect(currentBucketLabel(now, 'UTC', 'time:week', '2026-11-03')).toBe('2026-11-03')
  })
})

describe('formatBucketLabel', () => {
  it('writes hours, days, weeks and months the way the axis shows them', () => {
    expect(formatBucketLabel('2026-11-03 00:00:00', 'time:hour')).toBe('12am')
    expect(formatBucketLabel('2026-11-03 14:00:00', 'time:hour')).toBe('2pm')
    expect(formatBucketLabel('2026-11-03', 'time:day')).toBe('Nov 3')
    expect(formatBucketLabel('2026-11-02', 'time:week')).toBe('Nov 2')
    expect(formatBucketLabel('2026-01-01', 'time:month')).toBe('Jan 2026')
    expect(formatBucketTitle('2026-11-03 14:00:00', 'time:hour')).toBe('Nov 3, 2pm')
    expect(formatBucketTitle('2026-11-02', 'time:week')).toBe('Week of Nov 2')
  })
})

describe('formatBucketLabel for the realtime graph’s minutes', () => {
  it('writes a minute as 24-hour wall time, and its tooltip with the day', () => {
    expect(formatBucketLabel('2026-12-07 09:05:00', 'time:minute')).toBe('09:05')
    expect(formatBucketLabel('2026-12-07 23:59:00', 'time:minute')).toBe('23:59')
    expect(formatBucketTitle('2026-12-07 14:30:00', 'time:minute')).toBe('Dec 7, 14:30')
    // Hours still read as hours: the minutes in an hour label do not change it.
    expect(formatBucketLabel('2026-12-07 14:30:00', 'time:hour')).toBe('2pm')
  })
})

describe('decimate', () => {
  const hours = Array.from({ length: 8760 }, (_, i) => ({
    key: String(i),
    label: String(i),
    occurrence: 0,
    value: i === 4321 ? 999 : i === 100 ? -1 : i % 24,
  }))

  it('keeps at most the asked number of points, in order, with every spike and dip and the last point', () => {
    const drawn = decimate(hours, 1000)
    expect(drawn.length).toBeLessThanOrEqual(1001)
    expect(drawn.map((p) => Number(p.key))).toEqual(
      [...drawn.map((p) => Number(p.key))].sort((a, b) => a - b),
    )
    expect(drawn.some((p) => p.value === 999)).toBe(true)
    expect(drawn.some((p) => p.value === -1)).toBe(true)
    expect(drawn[drawn.length - 1]?.key).toBe('8759')
  })

  it('leaves short series alone', () => {
    expect(decimate(hours.slice(0, 30), 1000)).toHaveLength(30)
  })
})

describe('withRunningBucket', () => {
  const point = (label: string, value: number | null) => ({ key: label, label, occurrence: 0, value })
  const today = [
    point('10:00', 4),
    point('11:00', 6),
    point('12:00', 2),
    point('13:00', null),
    point('14:00', null),
  ]

  it('takes the last bucket with a value off the solid line and joins it to the one before, dashed', () => {
    const drawn = withRunningBucket(today, true)
    expect(drawn.map((p) => p.solid)).toEqual([4, 6, null, null, null])
    expect(drawn.map((p) => p.partial)).toEqual([null, 6, 2, null, null])
    expect(drawn.map((p) => p.value)).toEqual([4, 6, 2, null, null])
  })

  it('draws a finished period all solid', () => {
    const drawn = withRunningBucket(today, false)
    expect(drawn.map((p) => p.solid)).toEqual([4, 6, 2, null, null])
    expect(drawn.every((p) => p.partial === null)).toBe(true)
  })

  it('leaves a lone running bucket without a dashed stretch to draw from', () => {
    const drawn = withRunningBucket([point('00:00', 3), point('01:00', null)], true)
    expect(drawn.map((p) => [p.solid, p.partial])).toEqual([
      [null, 3],
      [null, null],
    ])
    expect(hasRunningStretch(drawn)).toBe(false)
  })

  it('has a stretch to dash from the second bucket with a value on, and none in a finished period', () => {
    const second = withRunningBucket([point('00:00', 3), point('01:00', 1), point('02:00', null)], true)
    expect(hasRunningStretch(second)).toBe(true)
    expect(hasRunningStretch(withRunningBucket(today, true))).toBe(true)
    expect(hasRunningStretch(withRunningBucket(today, false))).toBe(false)
    expect(hasRunningStretch([])).toBe(false)
  })
})
