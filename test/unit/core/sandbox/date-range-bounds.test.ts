// Date ranges bounded as the server's DateTimeRange.new!/3 bounds them on DST days, checked through the
// engine with the pageviews of query_timezone_test.exs ('query parser timezone conversion for date ranges').
import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { executeQuery } from '../../../../src/core/sandbox/engine'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { validateQuery } from '../../../../src/core/sandbox/validate'
import { session } from './fixtures'

/** One pageview (its own visit) at each UTC instant, a day's pageviews asked in `timeZone`. */
function pageviewsOn(timeZone: string, date: string, instants: string[]) {
  const sessions = instants.map((iso, index) => session(index + 1, iso, {}, [[0, 'pageview', '/']]))
  const now = Date.parse('2025-01-01T00:00:00Z')
  const validation = validateQuery(
    { site_id: 'tiny.example', metrics: ['pageviews'], date_range: [date, date] },
    { timeZone, now, statsStartDay: isoDateToDay('2020-01-01'), goals: sandboxGoals },
  )
  if (!validation.ok) throw new Error(validation.error)
  const response = executeQuery(validation.query, {
    timezone: timeZone,
    goals: sandboxGoals,
    now,
    sessionsBetween: () => sessions,
  })
  return { pageviews: response.results[0]!.metrics[0], dateRange: response.query.date_range }
}

describe('DateTimeRange.new!/3 on DST days (query_timezone_test.exs)', () => {
  it("'handles timezone gap when date starts at non-existent midnight (spring forward)': the day starts after the gap", () => {
    // America/Santiago, 2022-09-11: 00:00 does not exist, the day starts at 01:00 -03 (04:00 UTC).
    expect(
      pageviewsOn('America/Santiago', '2022-09-11', [
        '2022-09-11T03:59:00Z',
        '2022-09-11T04:00:00Z',
        '2022-09-11T05:00:00Z',
      ]),
    ).toEqual({ pageviews: 2, dateRange: ['2022-09-11T01:00:00-03:00', '2022-09-11T23:59:59-03:00'] })
  })

  it("'handles ambiguous datetime at start of range (fall back)': a midnight shown twice starts at its later occurrence", () => {
    // America/Havana, 2023-11-05: 00:00–00:59 happens at -04 (04:00 UTC) and again at -05 (05:00 UTC).
    expect(
      pageviewsOn('America/Havana', '2023-11-05', [
        '2023-11-05T04:30:00Z',
        '2023-11-05T05:30:00Z',
        '2023-11-05T06:30:00Z',
      ]),
    ).toEqual({ pageviews: 2, dateRange: ['2023-11-05T00:00:00-05:00', '2023-11-05T23:59:59-05:00'] })
  })

  it("'handles ambiguous datetime at end of range (fall back)': a 23:59:59 shown twice ends at its earlier occurrence", () => {
    // America/Asuncion, 2024-03-23: 23:00–23:59 happens at -03 (02:00 UTC) and again at -04 (03:00 UTC).
    expect(
      pageviewsOn('America/Asuncion', '2024-03-23', [
        '2024-03-23T12:00:00Z',
        '2024-03-24T02:58:00Z',
        '2024-03-24T02:59:59Z',
        '2024-03-24T03:00:00Z',
      ]),
    ).toEqual({ pageviews: 3, dateRange: ['2024-03-23T00:00:00-03:00', '2024-03-23T23:59:59-03:00'] })
  })

  it('keeps the whole last second of an ordinary day, and nothing after it', () => {
    expect(
      pageviewsOn('Europe/Berlin', '2024-06-01', [
        '2024-05-31T21:59:59Z',
        '2024-05-31T22:00:00Z',
        '2024-06-01T21:59:59.500Z',
        '2024-06-01T22:00:00Z',
      ]),
    ).toEqual({ pageviews: 2, dateRange: ['2024-06-01T00:00:00+02:00', '2024-06-01T23:59:59+02:00'] })
  })
})
