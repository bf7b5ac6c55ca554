import { describe, expect, it } from 'vitest'
import { isoDateToDay, dayToIsoDate, weekdayOf, firstOfMonth } from '../../../../src/core/sandbox/calendar'
import {
  formatIsoWithOffset,
  formatLocalDateTime,
  localMsToUtc,
  offsetAt,
  startOfLocalDay,
} from '../../../../src/core/sandbox/timezone'

const hour = 3_600_000

describe('time zones', () => {
  it('reads Berlin as +01:00 in winter and +02:00 in summer', () => {
    expect(offsetAt('Europe/Berlin', Date.parse('2026-01-15T12:00:00Z'))).toBe(hour)
    expect(offsetAt('Europe/Berlin', Date.parse('2026-07-15T12:00:00Z'))).toBe(2 * hour)
    expect(offsetAt('America/New_York', Date.parse('2026-01-15T12:00:00Z'))).toBe(-5 * hour)
    expect(offsetAt('Etc/UTC', Date.parse('2026-07-15T12:00:00Z'))).toBe(0)
  })

  it('switches the offset at the exact instant of the DST transition', () => {
    // Berlin springs forward at 01:00 UTC on the last Sunday of March.
    expect(offsetAt('Europe/Berlin', Date.parse('2026-03-29T00:59:59Z'))).toBe(hour)
    expect(offsetAt('Europe/Berlin', Date.parse('2026-03-29T01:00:00Z'))).toBe(2 * hour)
    // New York falls back at 06:00 UTC on the first Sunday of November.
    expect(offsetAt('America/New_York', Date.parse('2026-11-01T05:59:59Z'))).toBe(-4 * hour)
    expect(offsetAt('America/New_York', Date.parse('2026-11-01T06:00:00Z'))).toBe(-5 * hour)
  })

  it('formats instants with the zone offset and local labels without it', () => {
    const instant = Date.parse('2026-07-15T22:30:15.900Z')
    expect(formatIsoWithOffset('Europe/Berlin', instant)).toBe('2026-07-16T00:30:15+02:00')
    expect(formatIsoWithOffset('America/New_York', instant)).toBe('2026-07-15T18:30:15-04:00')
    expect(formatIsoWithOffset('Etc/UTC', instant)).toBe('2026-07-15T22:30:15+00:00')
    expect(formatLocalDateTime('Europe/Berlin', instant)).toBe('2026-07-16 00:30:15')
  })

  it('maps a local time in the spring gap forward and an ambiguous autumn time to the earlier instant', () => {
    expect(new Date(localMsToUtc('Europe/Berlin', Date.parse('2026-03-29T02:30:00Z'))).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    )
    expect(new Date(localMsToUtc('Europe/Berlin', Date.parse('2026-10-25T02:30:00Z'))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    )
  })

  it('starts a local day at its midnight in the zone', () => {
    expect(new Date(startOfLocalDay('America/New_York', isoDateToDay('2026-11-23'))).toISOString()).toBe(
      '2026-11-23T05:00:00.000Z',
    )
  })
})

describe('calendar days', () => {
  it('round-trips ISO dates and knows weekdays and month starts', () => {
    const day = isoDateToDay('2026-11-23')
    expect(dayToIsoDate(day)).toBe('2026-11-23')
    expect(weekdayOf(day)).toBe(0) // a Monday
    expect(dayToIsoDate(firstOfMonth(day, -6))).toBe('2026-05-01')
    expect(dayToIsoDate(firstOfMonth(day, 2))).toBe('2027-01-01')
  })
})
