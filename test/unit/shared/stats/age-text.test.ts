import { describe, expect, it } from 'vitest'
import { ageText, untilText } from '../../../../src/shared/stats/age-text'

const second = 1_000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour

describe('ageText', () => {
  it('says "just now" under a minute and counts minutes from 60 s', () => {
    expect(ageText(0)).toBe('just now')
    expect(ageText(59 * second)).toBe('just now')
    expect(ageText(59_999)).toBe('just now')
    expect(ageText(60 * second)).toBe('1 min ago')
    expect(ageText(119 * second)).toBe('1 min ago')
    expect(ageText(120 * second)).toBe('2 min ago')
  })

  it('counts minutes up to 59 and hours from 60 min', () => {
    expect(ageText(12 * minute)).toBe('12 min ago')
    expect(ageText(59 * minute)).toBe('59 min ago')
    expect(ageText(60 * minute - 1)).toBe('59 min ago')
    expect(ageText(60 * minute)).toBe('1 h ago')
    expect(ageText(119 * minute)).toBe('1 h ago')
  })

  it('counts hours up to 23 and days from 24 h', () => {
    expect(ageText(23 * hour + 59 * minute)).toBe('23 h ago')
    expect(ageText(24 * hour)).toBe('1 d ago')
    expect(ageText(3 * day + 5 * hour)).toBe('3 d ago')
  })

  it('reads a time ahead of this clock, or no time at all, as "just now"', () => {
    expect(ageText(-5 * minute)).toBe('just now')
    expect(ageText(Number.NaN)).toBe('just now')
  })
})

describe('untilText', () => {
  it('says "now" for anything due, "in under a minute" below 60 s', () => {
    expect(untilText(0)).toBe('now')
    expect(untilText(-1)).toBe('now')
    expect(untilText(1)).toBe('in under a minute')
    expect(untilText(59_999)).toBe('in under a minute')
  })

  it('rounds minutes up from 60 s, so a wait never reads shorter than it is', () => {
    expect(untilText(60 * second)).toBe('in 1 min')
    expect(untilText(61 * second)).toBe('in 2 min')
    expect(untilText(12 * minute)).toBe('in 12 min')
    expect(untilText(60 * minute - 1)).toBe('in 60 min')
  })

  it('counts hours from 60 min, with the minutes left', () => {
    expect(untilText(60 * minute)).toBe('in 1 h')
    expect(untilText(60 * minute + 1)).toBe('in 1 h 1 min')
    expect(untilText(90 * minute)).toBe('in 1 h 30 min')
    expect(untilText(2 * hour - 1)).toBe('in 2 h')
  })
})
