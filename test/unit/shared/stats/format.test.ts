import { describe, expect, it } from 'vitest'
import {
  formatDuration,
  formatMetric,
  formatPercentage,
  formatShortNumber,
} from '../../../../src/shared/stats/format'

describe('formatShortNumber', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [1299, '1.2k'],
    [12_345, '12.3k'],
    [99_999, '99.9k'],
    [123_456, '123k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [2_560_000, '2.5M'],
    [150_000_000, '150M'],
    [3_100_000_000, '3.1B'],
    [-1234, '-1.2k'],
  ])('writes %d as %s, truncating like Plausible', (value, text) => {
    expect(formatShortNumber(value)).toBe(text)
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m 00s'],
    [125, '2m 05s'],
    [3599, '59m 59s'],
    [3725, '1h 2m 5s'],
    [125.9, '2m 05s'],
  ])('writes %d seconds as %s', (value, text) => {
    expect(formatDuration(value)).toBe(text)
  })
})

describe('formatPercentage', () => {
  it.each([
    [45, '45%'],
    [12.34, '12.3%'],
    [0.05, '0.05%'],
    [0, '0%'],
    [100, '100%'],
  ])('writes %d as %s', (value, text) => {
    expect(formatPercentage(value)).toBe(text)
  })
})

describe('formatMetric', () => {
  it('formats each top stat by its kind', () => {
    expect(formatMetric('visitors', 1234)).toBe('1.2k')
    expect(formatMetric('pageviews', 87)).toBe('87')
    expect(formatMetric('bounce_rate', 45)).toBe('45%')
    expect(formatMetric('visit_duration', 125)).toBe('2m 05s')
    expect(formatMetric('views_per_visit', 1.516)).toBe('1.52')
  })

  it('shows a dash for a value the server did not send', () => {
    expect(formatMetric('visit_duration', null)).toBe('-')
  })
})
