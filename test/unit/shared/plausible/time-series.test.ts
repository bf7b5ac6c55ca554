import { describe, expect, it } from 'vitest'
import { fillTimeSeries } from '../../../../src/shared/plausible/time-series'
import type { V2Response } from '../../../../src/shared/plausible/query'

const response = (
  rows: Array<[string, Array<number | null>]>,
  labels: string[] | undefined,
  metrics = ['visitors', 'visit_duration'],
): V2Response => ({
  results: rows.map(([label, values]) => ({ dimensions: [label], metrics: values })),
  meta: labels ? { time_labels: labels } : {},
  query: { site_id: 'a.com', metrics },
})

describe('fillTimeSeries', () => {
  it('puts the server rows on every time label; empty buckets hold 0, or null for averages (§4.8, §5)', () => {
    const filled = fillTimeSeries(
      response([['2026-11-02', [5, 30]]], ['2026-11-01', '2026-11-02', '2026-11-03']),
    )
    expect(filled).toEqual([
      { label: '2026-11-01', occurrence: 0, metrics: [0, null], hasData: false },
      { label: '2026-11-02', occurrence: 0, metrics: [5, 30], hasData: true },
      { label: '2026-11-03', occurrence: 0, metrics: [0, null], hasData: false },
    ])
  })

  it('leaves buckets after the current one empty (null), not zero', () => {
    const filled = fillTimeSeries(
      response([], ['2026-11-23 13:00:00', '2026-11-23 14:00:00', '2026-11-23 15:00:00']),
      {
        currentBucket: '2026-11-23 14:00:00',
      },
    )
    expect(filled.map((bucket) => bucket.metrics[0])).toEqual([0, 0, null])
  })

  it('keeps both buckets of a repeated fall-back hour, pairing rows in order', () => {
    const labels = [
      '2026-10-25 01:00:00',
      '2026-10-25 02:00:00',
      '2026-10-25 02:00:00',
      '2026-10-25 03:00:00',
    ]
    const filled = fillTimeSeries(
      response(
        [
          ['2026-10-25 02:00:00', [4, 10]],
          ['2026-10-25 02:00:00', [6, 20]],
        ],
        labels,
      ),
    )
    expect(filled.map((bucket) => [bucket.label, bucket.occurrence, bucket.metrics[0]])).toEqual([
      ['2026-10-25 01:00:00', 0, 0],
      ['2026-10-25 02:00:00', 0, 4],
      ['2026-10-25 02:00:00', 1, 6],
      ['2026-10-25 03:00:00', 0, 0],
    ])
  })

  it('uses the sorted rows as the axis when the server sent no labels', () => {
    const filled = fillTimeSeries(
      response(
        [
          ['2026-11-03', [1, 2]],
          ['2026-11-01', [3, 4]],
        ],
        undefined,
      ),
    )
    expect(filled.map((bucket) => bucket.label)).toEqual(['2026-11-01', '2026-11-03'])
  })
})
