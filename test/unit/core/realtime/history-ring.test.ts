import { describe, expect, it } from 'vitest'
import {
  bucketMs,
  emptyHistory,
  maxRecentSamples,
  recordSample,
  viewHistory,
} from '../../../../src/core/realtime/history-ring'

const start = Date.parse('2026-11-22T13:00:00.000Z')
const minute = 60_000

describe('realtime history rings', () => {
  it('keeps every sample of the last 30 minutes and drops older ones', () => {
    const history = emptyHistory()
    for (let i = 0; i <= 40; i++) recordSample(history, start + i * minute, i)
    const view = viewHistory(history, start + 40 * minute)
    expect(view.recent).toHaveLength(31)
    expect(view.recent[0]).toEqual({ at: '2026-11-22T13:10:00.000Z', visitors: 10 })
    expect(view.recent.at(-1)).toEqual({ at: '2026-11-22T13:40:00.000Z', visitors: 40 })
  })

  it('folds samples into 5-minute buckets with min, max and mean', () => {
    const history = emptyHistory()
    ;[3, 9, 6, 12, 0, 7].forEach((visitors, i) => recordSample(history, start + i * minute, visitors))
    expect(viewHistory(history, start + 5 * minute).day).toEqual([
      { at: '2026-11-22T13:00:00.000Z', min: 0, max: 12, mean: 6, samples: 5 },
      { at: '2026-11-22T13:05:00.000Z', min: 7, max: 7, mean: 7, samples: 1 },
    ])
    expect(viewHistory(history, start).bucketMs).toBe(bucketMs)
  })

  it('keeps 24 hours of buckets: after a day and a half, 288 whole buckets and the one the window starts in', () => {
    const history = emptyHistory()
    for (let at = start; at < start + 36 * 3_600_000; at += 2 * minute) recordSample(history, at, 1)
    const view = viewHistory(history, start + 36 * 3_600_000 - 2 * minute)
    // The window starts at 00:58, inside the 00:55 bucket.
    expect(view.day).toHaveLength(289)
    expect(view.day[0]!.at).toBe('2026-11-23T00:55:00.000Z')
    expect(view.day.at(-1)!.at).toBe('2026-11-24T00:55:00.000Z')
  })

  it('caps the full-resolution ring whatever the cadence, and ignores a sample older than the last', () => {
    const history = emptyHistory()
    for (let i = 0; i < maxRecentSamples + 50; i++) recordSample(history, start + i * 500, 1)
    expect(history.recent).toHaveLength(maxRecentSamples)
    recordSample(history, start, 99)
    expect(history.recent.at(-1)![1]).toBe(1)
  })
})
