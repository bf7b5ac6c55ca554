import { describe, expect, it } from 'vitest'
import { isDateRangeShortcut } from '../../../../src/shared/plausible/vocabulary'
import { defaultRange, isRangeKey, rangeKeys, ranges } from '../../../../src/shared/stats/ranges'

describe('ranges', () => {
  it('offers only shortcuts the v2 API accepts', () => {
    for (const key of rangeKeys) expect(isDateRangeShortcut(key), key).toBe(true)
  })

  it('draws today by the hour, day ranges by the day and month ranges by the month', () => {
    expect(ranges.day.interval).toBe('time:hour')
    expect(ranges['30d'].interval).toBe('time:day')
    expect(ranges.month.interval).toBe('time:day')
    expect(ranges['6mo'].interval).toBe('time:month')
  })

  it('recognises its own keys only', () => {
    expect(isRangeKey(defaultRange)).toBe(true)
    expect(isRangeKey('realtime')).toBe(false)
    expect(isRangeKey(undefined)).toBe(false)
  })
})
