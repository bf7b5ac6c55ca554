// A site's overview numbers from its one hourly request: the window in the site's hours, the split between
// the last 24 hours and the 24 before, the change (a new site has none), the sparkline.
import { describe, expect, it } from 'vitest'
import {
  changeOf,
  overviewQuery,
  overviewWindow,
  readOverviewNumbers,
} from '../../../../src/core/overview/numbers'
import type { V2Response } from '../../../../src/shared/plausible/query'

const hourMs = 3_600_000

/** 49 hourly labels from `first` (UTC), rows only where `visitorsAt` is not 0, as the server sends them. */
function hourlyAnswer(first: number, visitorsAt: (index: number) => number): V2Response {
  const labels = Array.from({ length: 49 }, (_, index) =>
    new Date(first + index * hourMs).toISOString().replace('T', ' ').slice(0, 19),
  )
  return {
    results: labels
      .map((label, index) => ({ metrics: [visitorsAt(index)], dimensions: [label] }))
      .filter((row) => row.metrics[0] !== 0),
    meta: { time_labels: labels },
    query: { site_id: 'a.example' },
  }
}

describe('overviewWindow', () => {
  it('spans the 48 whole hours before the current one and the current hour, to its last second', () => {
    const window = overviewWindow('Europe/Berlin', Date.parse('2026-11-23T10:20:30.500Z'))
    expect(window).toEqual({
      from: Date.parse('2026-11-21T10:00:00Z'),
      currentFrom: Date.parse('2026-11-22T10:00:00Z'),
      hourStart: Date.parse('2026-11-23T10:00:00Z'),
      to: Date.parse('2026-11-23T10:59:59Z'),
      currentFromLabel: '2026-11-22 11:00:00',
      fromIso: '2026-11-21T11:00:00+01:00',
      toIso: '2026-11-23T11:59:59+01:00',
    })
  })

  it("takes the hours of a half-hour zone from its own clock, not UTC's", () => {
    // 10:20Z is 15:50 in Kolkata: its hour began at 15:00 local, 09:30Z.
    const window = overviewWindow('Asia/Kolkata', Date.parse('2026-11-23T10:20:00Z'))
    expect(window.hourStart).toBe(Date.parse('2026-11-23T09:30:00Z'))
    expect(window.fromIso).toBe('2026-11-21T15:00:00+05:30')
    expect(window.currentFromLabel).toBe('2026-11-22 15:00:00')
  })

  it('falls back to UTC hours with no label to split at when the zone is unknown', () => {
    const window = overviewWindow(null, Date.parse('2026-11-23T10:20:00Z'))
    expect(window.fromIso).toBe('2026-11-21T10:00:00+00:00')
    expect(window.currentFromLabel).toBeNull()
  })

  it('asks one hourly v2 query with every hour labelled', () => {
    const window = overviewWindow('Etc/UTC', Date.parse('2026-11-23T10:20:00Z'))
    expect(overviewQuery('a.example', window)).toEqual({
      site_id: 'a.example',
      metrics: ['visitors'],
      date_range: ['2026-11-21T10:00:00+00:00', '2026-11-23T10:59:59+00:00'],
      dimensions: ['time:hour'],
      include: { time_labels: true },
    })
  })
})

describe('readOverviewNumbers', () => {
  const first = Date.parse('2026-11-21T10:00:00Z')

  it('adds up the 24 hours before the split and the 25 from it, missing hours as 0', () => {
    // Hours 0–23: 2 each, except hour 5 with no row; hours 24–48: 3 each.
    const answer = hourlyAnswer(first, (index) => (index === 5 ? 0 : index < 24 ? 2 : 3))
    const numbers = readOverviewNumbers(answer, '2026-11-22 10:00:00')
    expect(numbers.previousVisitors).toBe(46)
    expect(numbers.visitors).toBe(75)
    // (75 − 46) / 46 = 63.04 %
    expect(numbers.change).toBe(63)
    expect(numbers.sparkline).toHaveLength(25)
    expect(numbers.sparkline[0]).toEqual({ hour: '2026-11-22 10:00:00', visitors: 3 })
    expect(numbers.sparkline.at(-1)).toEqual({ hour: '2026-11-23 10:00:00', visitors: 3 })
  })

  it('splits at the last 25 labels when the zone is unknown', () => {
    const answer = hourlyAnswer(first, (index) => (index < 24 ? 1 : 4))
    expect(readOverviewNumbers(answer, null)).toMatchObject({ previousVisitors: 24, visitors: 100 })
  })

  it('calls a site with no visitors in the 24 hours before new (change null), and nothing at all 0', () => {
    expect(
      readOverviewNumbers(
        hourlyAnswer(first, (index) => (index < 24 ? 0 : 1)),
        null,
      ),
    ).toMatchObject({ previousVisitors: 0, visitors: 25, change: null })
    expect(
      readOverviewNumbers(
        hourlyAnswer(first, () => 0),
        null,
      ),
    ).toMatchObject({
      previousVisitors: 0,
      visitors: 0,
      change: 0,
      sparkline: expect.arrayContaining([{ hour: '2026-11-23 10:00:00', visitors: 0 }]),
    })
  })
})

describe('changeOf', () => {
  it("rounds halves away from zero, as the server's percent_change", () => {
    expect(changeOf(200, 201)).toBe(1)
    expect(changeOf(200, 199)).toBe(-1)
    expect(changeOf(3, 2)).toBe(-33)
    expect(changeOf(100, 150)).toBe(50)
    expect(changeOf(1000, 1001)).toBe(0)
    expect(Object.is(changeOf(1000, 999), 0)).toBe(true)
  })

  it('is null from 0 to anything (a new site), 0 from 0 to 0', () => {
    expect(changeOf(0, 1)).toBeNull()
    expect(changeOf(0, 0)).toBe(0)
    expect(changeOf(1, 0)).toBe(-100)
  })
})
