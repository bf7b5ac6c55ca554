import { describe, expect, it } from 'vitest'
import { costLine, formatChange, textSparkline } from '../../../../src/shared/report/words'

const points = (values: Array<number | null>) =>
  values.map((value, index) => ({ label: String(index), value }))

describe('textSparkline', () => {
  it('scales from zero to the highest bucket, eight levels', () => {
    expect(textSparkline(points([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('▁▂▃▄▅▆▇█')
  })

  it('draws a flat week low when nothing happened, and flat high when every day was the same', () => {
    expect(textSparkline(points([0, 0, 0]))).toBe('▁▁▁')
    expect(textSparkline(points([5, 5, 5]))).toBe('███')
  })

  it('leaves buckets that have not started as spaces, trimmed at the end', () => {
    expect(textSparkline(points([1, null, 2, null, null]))).toBe('▅ █')
  })

  it('averages a long series into the width: 60 characters at most, 61 buckets become 60', () => {
    expect(textSparkline(points(Array.from({ length: 60 }, () => 1)))).toHaveLength(60)
    expect(textSparkline(points(Array.from({ length: 61 }, () => 1)))).toHaveLength(60)
    expect(textSparkline(points([0, 0, 8, 8]), 2)).toBe('▁█')
  })
})

describe('formatChange', () => {
  it('signs percentages and writes points for bounce and conversion rates', () => {
    expect(formatChange('visitors', 12)).toBe('+12%')
    expect(formatChange('visitors', -4)).toBe('−4%')
    expect(formatChange('visitors', 0)).toBe('0%')
    expect(formatChange('bounce_rate', -3)).toBe('−3 pts')
    expect(formatChange('conversion_rate', 0.4)).toBe('+0.4 pts')
    expect(formatChange('visitors', null)).toBe('—')
  })
})

describe('costLine', () => {
  it('says how many reads went out and how many the cache answered', () => {
    expect(costLine({ requests: { queries: 8, sent: 8 } })).toBe('8 reads: 8 API requests sent')
    expect(costLine({ requests: { queries: 8, sent: 0 } })).toBe(
      '8 reads: 0 API requests sent, 8 answered from the cache',
    )
    expect(costLine({ requests: { queries: 1, sent: 1 } })).toBe('1 read: 1 API request sent')
  })
})
