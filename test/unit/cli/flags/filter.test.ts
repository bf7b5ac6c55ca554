import { describe, expect, it } from 'vitest'
import { parseFilterFlag } from '../../../../src/cli/flags/filter'

describe('--filter', () => {
  it('reads the four operators', () => {
    expect(parseFilterFlag('visit:country==DE')).toEqual(['is', 'visit:country', ['DE']])
    expect(parseFilterFlag('visit:source!=Google')).toEqual(['is_not', 'visit:source', ['Google']])
    expect(parseFilterFlag('event:page~=/blog')).toEqual(['contains', 'event:page', ['/blog']])
    expect(parseFilterFlag('event:page!~/admin')).toEqual(['contains_not', 'event:page', ['/admin']])
  })

  it('splits values on | and keeps an escaped pipe', () => {
    expect(parseFilterFlag('visit:country==DE|FR')).toEqual(['is', 'visit:country', ['DE', 'FR']])
    expect(parseFilterFlag('event:props:title==a\\|b|c')).toEqual(['is', 'event:props:title', ['a|b', 'c']])
  })

  it('keeps operators inside values intact', () => {
    expect(parseFilterFlag('event:page==/a==b')).toEqual(['is', 'event:page', ['/a==b']])
  })

  it('explains a missing operator, an unknown dimension and an empty value', () => {
    expect(() => parseFilterFlag('visit:country')).toThrow(/has no operator/)
    expect(() => parseFilterFlag('country==DE')).toThrow('Unknown filter dimension "country"')
    expect(() => parseFilterFlag('time:day==2026-01-01')).toThrow(/Unknown filter dimension/)
    expect(() => parseFilterFlag('visit:country==DE|')).toThrow(/empty value/)
  })
})
