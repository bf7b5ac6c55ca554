import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import {
  minuteBuckets,
  minuteQuery,
  minuteSeries,
  realtimeCost,
  realtimeRefreshPlan,
  realtimeTick,
  realtimeWindowRange,
  windowTotalsQuery,
} from '../../../../src/shared/stats/realtime-minutes'

// 2026-12-07 10:15:37.400 UTC: Berlin is at +01:00, Kolkata at +05:30.
const now = Date.UTC(2026, 11, 7, 10, 15, 37, 400)

const answer = (visitors: number, pageviews: number): V2Response =>
  ({
    results: [{ metrics: [visitors, pageviews], dimensions: [] }],
    meta: {},
    query: { site_id: 'example.com' },
  }) as V2Response

describe('minuteBuckets', () => {
  it('is 29 finished minutes and the running one, oldest first, labelled in the site’s wall time', () => {
    const buckets = minuteBuckets('Europe/Berlin', now)
    expect(buckets).toHaveLength(30)
    expect(buckets[0]).toEqual({
      label: '2026-12-07 10:46:00',
      start: Date.UTC(2026, 11, 7, 9, 46),
      end: Date.UTC(2026, 11, 7, 9, 46, 59),
      running: false,
      dateRange: ['2026-12-07T10:46:00+01:00', '2026-12-07T10:46:59+01:00'],
    })
    expect(buckets[28]!.dateRange).toEqual(['2026-12-07T11:14:00+01:00', '2026-12-07T11:14:59+01:00'])
    expect(buckets[29]).toEqual({
      label: '2026-12-07 11:15:00',
      start: Date.UTC(2026, 11, 7, 10, 15),
      end: Date.UTC(2026, 11, 7, 10, 15, 30),
      running: true,
      dateRange: ['2026-12-07T11:15:00+01:00', '2026-12-07T11:15:30+01:00'],
    })
    expect(buckets.filter((bucket) => bucket.running)).toHaveLength(1)
  })

  it('follows a half-hour offset: minutes stay whole minutes', () => {
    const buckets = minuteBuckets('Asia/Kolkata', now)
    expect(buckets[29]!.label).toBe('2026-12-07 15:45:00')
    expect(buckets[29]!.dateRange[0]).toBe('2026-12-07T15:45:00+05:30')
  })

  it('keeps the finished minutes’ ranges (their cache keys) from one refresh to the next', () => {
    const first = minuteBuckets('UTC', now)
    const later = minuteBuckets('UTC', now + 20_000)
    expect(later.map((b) => b.dateRange)).toEqual(
      first
        .map((b) => b.dateRange)
        .slice(0, 29)
        .concat([['2026-12-07T10:15:00+00:00', '2026-12-07T10:15:50+00:00']]),
    )
  })

  it('turns the running minute into a finished one (a new key, asked once) when the minute ends', () => {
    const before = minuteBuckets('UTC', Date.UTC(2026, 11, 7, 10, 15, 59, 999))
    const after = minuteBuckets('UTC', Date.UTC(2026, 11, 7, 10, 16, 0, 0))
    expect(before[29]!.dateRange).toEqual(['2026-12-07T10:15:00+00:00', '2026-12-07T10:15:50+00:00'])
    expect(after[28]!.dateRange).toEqual(['2026-12-07T10:15:00+00:00', '2026-12-07T10:15:59+00:00'])
    expect(after[29]!.dateRange).toEqual(['2026-12-07T10:16:00+00:00', '2026-12-07T10:16:00+00:00'])
  })
})

describe('realtimeTick and realtimeWindowRange', () => {
  it('rounds now down to the 10-second step', () => {
    expect(realtimeTick(Date.UTC(2026, 11, 7, 10, 15, 39, 999))).toBe(Date.UTC(2026, 11, 7, 10, 15, 30))
    expect(realtimeTick(Date.UTC(2026, 11, 7, 10, 15, 40, 0))).toBe(Date.UTC(2026, 11, 7, 10, 15, 40))
  })

  it('covers the first minute’s start to the tick', () => {
    expect(realtimeWindowRange('UTC', now)).toEqual([
      '2026-12-07T09:46:00+00:00',
      '2026-12-07T10:15:30+00:00',
    ])
  })
})

describe('queries', () => {
  it('asks one minute as an aggregate over its datetime range, with the filters', () => {
    const bucket = minuteBuckets('UTC', now)[3]!
    expect(
      minuteQuery('example.com', bucket, [{ dimension: 'visit:source', operator: 'is', values: ['Google'] }]),
    ).toEqual({
      site_id: 'example.com',
      metrics: ['visitors', 'pageviews'],
      date_range: ['2026-12-07T09:49:00+00:00', '2026-12-07T09:49:59+00:00'],
      filters: [['is', 'visit:source', ['Google']]],
    })
  })

  it('asks the window’s totals once, not as a sum of minutes', () => {
    expect(windowTotalsQuery('example.com', realtimeWindowRange('UTC', now))).toEqual({
      site_id: 'example.com',
      metrics: ['visitors', 'pageviews'],
      date_range: ['2026-12-07T09:46:00+00:00', '2026-12-07T10:15:30+00:00'],
    })
  })
})

describe('minuteSeries', () => {
  it('reads the chosen metric per minute and leaves unanswered minutes empty', () => {
    const buckets = minuteBuckets('UTC', now, 3)
    const points = minuteSeries(buckets, [answer(2, 5), undefined, answer(0, 0)], 'pageviews')
    expect(points).toEqual([
      { key: '2026-12-07 10:13:00', label: '2026-12-07 10:13:00', occurrence: 0, value: 5 },
      { key: '2026-12-07 10:14:00', label: '2026-12-07 10:14:00', occurrence: 0, value: null },
      { key: '2026-12-07 10:15:00', label: '2026-12-07 10:15:00', occurrence: 0, value: 0 },
    ])
    expect(minuteSeries(buckets, [answer(2, 5)], 'visitors')[0]!.value).toBe(2)
  })
})

describe('realtimeCost', () => {
  it('counts a refresh: current visitors, totals, running minute and the panels, plus each finished minute', () => {
    expect(realtimeCost(5)).toEqual({ fixedPerRefresh: 8, perRefresh: 9, firstLoad: 37 })
    expect(realtimeCost(0)).toEqual({ fixedPerRefresh: 3, perRefresh: 4, firstLoad: 32 })
  })
})

describe('realtimeRefreshPlan', () => {
  const now = Date.UTC(2026, 11, 7, 10, 0, 0)
  const budget = (remaining: number, minutesToReset: number) => ({
    hourlyLimit: 600,
    remainingThisHour: remaining,
    resetsAt: new Date(now + minutesToReset * 60_000).toISOString(),
    pausedUntil: null,
  })

  it('refreshes once a minute while half of what is left covers it', () => {
    // (600 − 30 reserve) × 0.5 = 285 requests = 31 refreshes of 9 over 10 minutes: the minute is the floor.
    expect(realtimeRefreshPlan(budget(600, 10), now, 5)).toEqual({ intervalMs: 60_000, reason: 'normal' })
  })

  it('prices a slower refresh at the minutes it finishes: every 128.6 s, not 116.2 s, for a full hour', () => {
    // At 9 a refresh: 31 refreshes, every 116.2 s. At that interval a refresh also asks 1.94 finished
    // minutes (8 + 1.94 = 9.94 a refresh): 28 refreshes, every 128.6 s.
    expect(realtimeRefreshPlan(budget(600, 60), now, 5)).toEqual({ intervalMs: 128_572, reason: 'stretched' })
  })

  it('pauses when half of what is left above the reserve cannot pay one refresh', () => {
    // (47 − 30) × 0.5 = 8 requests < 9.
    expect(realtimeRefreshPlan(budget(47, 30), now, 5)).toEqual({ intervalMs: null, reason: 'paused' })
    // (48 − 30) × 0.5 = 9 pays one refresh at a minute's price, but one refresh in 30 minutes would also
    // ask the 30 minutes finished by then (8 + 30 = 38): still paused.
    expect(realtimeRefreshPlan(budget(48, 30), now, 5)).toEqual({ intervalMs: null, reason: 'paused' })
  })
})
