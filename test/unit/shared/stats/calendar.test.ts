import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  endOfMonth,
  instantOfWallTime,
  instantsOfWallTime,
  isIsoDate,
  isoWithOffset,
  offsetMinutesAt,
  todayIn,
  wallTimeAt,
} from '../../../../src/shared/stats/calendar'

describe('civil date math', () => {
  it('adds days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-10-24', '2026-11-22')).toBe(29)
  })

  it('shifts months clamping to the month end, as Date.shift does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28')
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15')
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28')
  })

  it('numbers weekdays Monday 1 to Sunday 7', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1)
    expect(dayOfWeek('2026-11-22')).toBe(7)
  })

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2026-1-01')).toBe(false)
  })
})

describe('wall time in a zone', () => {
  const now = Date.UTC(2026, 10, 23, 3, 30) // 03:30 UTC

  it('reads today and the time in the site timezone', () => {
    expect(todayIn('America/New_York', now)).toBe('2026-11-22')
    expect(todayIn('Europe/Berlin', now)).toBe('2026-11-23')
    expect(wallTimeAt('Europe/Berlin', now)).toEqual({ date: '2026-11-23', time: '04:30:00' })
  })

  it('knows the offset on both sides of a DST change', () => {
    expect(offsetMinutesAt('America/New_York', Date.UTC(2026, 6, 1))).toBe(-240)
    expect(offsetMinutesAt('America/New_York', Date.UTC(2026, 11, 1))).toBe(-300)
    expect(isoWithOffset('Europe/Berlin', Date.UTC(2026, 6, 1, 10))).toBe('2026-07-01T12:00:00+02:00')
  })

  it('finds two instants for the repeated hour of a fall-back day and none in a skipped hour', () => {
    const repeated = instantsOfWallTime('America/New_York', { date: '2026-11-01', time: '01:30:00' })
    expect(repeated.map((ms) => isoWithOffset('America/New_York', ms))).toEqual([
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
    ])
    expect(instantsOfWallTime('America/New_York', { date: '2026-03-08', time: '02:30:00' })).toEqual([])
    expect(
      isoWithOffset(
        'America/New_York',
        instantOfWallTime('America/New_York', { date: '2026-03-08', time: '02:30:00' }),
      ),
    ).toBe('2026-03-08T03:30:00-04:00')
  })
})
