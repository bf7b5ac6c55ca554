import { describe, expect, it } from 'vitest'
import { V2Query, type V2Response } from '../../../../src/shared/plausible/query'
import {
  currentBucketLabel,
  formatBucketLabel,
  toVisitorsSeries,
  visitorsSeriesQuery,
} from '../../../../src/shared/stats/series'

const response = (rows: [string, number][], timeLabels?: string[]): V2Response => ({
  results: rows.map(([label, visitors]) => ({ metrics: [visitors], dimensions: [label] })),
  meta: timeLabels ? { time_labels: timeLabels } : {},
  query: { site_id: 'shop.example.com' },
})

describe('visitorsSeriesQuery', () => {
  it('asks for daily buckets with time labels for a day range', () => {
    const query = visitorsSeriesQuery('shop.example.com', '30d')
    expect(query).toEqual({
      site_id: 'shop.example.com',
      metrics: ['visitors'],
      date_range: '30d',
      dimensions: ['time:day'],
      include: { time_labels: true },
    })
    expect(V2Query.safeParse(query).success).toBe(true)
  })

  it('asks for hourly buckets today and monthly buckets for month ranges', () => {
    expect(visitorsSeriesQuery('a.example', 'day').dimensions).toEqual(['time:hour'])
    expect(visitorsSeriesQuery('a.example', '12mo').dimensions).toEqual(['time:month'])
  })
})

describe('toVisitorsSeries', () => {
  it('fills the buckets the server left out with zero, one point per time label', () => {
    const labels = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']
    expect(
      toVisitorsSeries(
        response(
          [
            ['2026-11-02', 5],
            ['2026-11-04', 7],
          ],
          labels,
        ),
      ),
    ).toEqual([
      { label: '2026-11-01', value: 0 },
      { label: '2026-11-02', value: 5 },
      { label: '2026-11-03', value: 0 },
      { label: '2026-11-04', value: 7 },
    ])
  })

  it('leaves buckets after the current one empty instead of zero', () => {
    const labels = [
      '2026-11-03 12:00:00',
      '2026-11-03 13:00:00',
      '2026-11-03 14:00:00',
      '2026-11-03 15:00:00',
    ]
    const series = toVisitorsSeries(response([['2026-11-03 12:00:00', 3]], labels), {
      currentBucket: '2026-11-03 13:00:00',
    })
    expect(series.map((point) => point.value)).toEqual([3, 0, null, null])
  })

  it('falls back to the sorted rows when the server sent no time labels', () => {
    expect(
      toVisitorsSeries(
        response([
          ['2026-11-02', 5],
          ['2026-11-01', 2],
        ]),
      ),
    ).toEqual([
      { label: '2026-11-01', value: 2 },
      { label: '2026-11-02', value: 5 },
    ])
  })
})

describe('currentBucketLabel', () => {
  const now = Date.UTC(2026, 10, 3, 23, 30) // 2026-11-03 23:30 UTC

  it('names the bucket of now in the site timezone', () => {
    expect(currentBucketLabel(now, 'UTC', 'time:hour')).toBe('2026-11-03 23:00:00')
    expect(currentBucketLabel(now, 'Europe/Berlin', 'time:hour')).toBe('2026-11-04 00:00:00')
    expect(currentBucketLabel(now, 'Europe/Berlin', 'time:day')).toBe('2026-11-04')
    expect(currentBucketLabel(now, 'America/New_York', 'time:day')).toBe('2026-11-03')
    expect(currentBucketLabel(now, 'UTC', 'time:month')).toBe('2026-11-01')
  })
})

describe('formatBucketLabel', () => {
  it('writes hours, days and months the way the axis shows them', () => {
    expect(formatBucketLabel('2026-11-03 00:00:00', 'time:hour')).toBe('12am')
    expect(formatBucketLabel('2026-11-03 14:00:00', 'time:hour')).toBe('2pm')
    expect(formatBucketLabel('2026-11-03', 'time:day')).toBe('Nov 3')
    expect(formatBucketLabel('2026-01-01', 'time:month')).toBe('Jan 2026')
  })
})
