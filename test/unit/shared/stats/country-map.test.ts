import { describe, expect, it } from 'vitest'
import {
  countryFlag,
  countryShade,
  locationFlag,
  undrawnCountries,
  visitorsPhrase,
} from '../../../../src/shared/stats/country-map'

describe('countryFlag', () => {
  it('spells a code as two regional indicator letters, any case', () => {
    expect(countryFlag('DE')).toBe('\u{1F1E9}\u{1F1EA}')
    expect(countryFlag('us')).toBe('\u{1F1FA}\u{1F1F8}')
    expect(countryFlag('XK')).toBe('\u{1F1FD}\u{1F1F0}')
  })

  it('has no flag for what is not a country code', () => {
    expect(countryFlag('')).toBe('')
    expect(countryFlag('D')).toBe('')
    expect(countryFlag('DEU')).toBe('')
    expect(countryFlag('D1')).toBe('')
    expect(countryFlag('ZZ')).toBe('')
  })
})

describe('locationFlag', () => {
  it('flags countries by their code and regions by the country their code starts with', () => {
    expect(locationFlag('visit:country', 'FR')).toBe('\u{1F1EB}\u{1F1F7}')
    expect(locationFlag('visit:region', 'DE-BE')).toBe('\u{1F1E9}\u{1F1EA}')
    expect(locationFlag('visit:region', 'GB-ENG')).toBe('\u{1F1EC}\u{1F1E7}')
  })

  it('has none for cities, other dimensions and a region code without a country', () => {
    expect(locationFlag('visit:city', '2950159')).toBe('')
    expect(locationFlag('visit:source', 'DE')).toBe('')
    expect(locationFlag('visit:region', 'BE')).toBe('')
  })
})

describe('countryShade', () => {
  it('draws no shade without visitors, on either side of zero', () => {
    expect(countryShade(0, 100)).toBe(0)
    expect(countryShade(-1, 100)).toBe(0)
    expect(countryShade(5, 0)).toBe(0)
  })

  it('starts at 15% for the fewest visitors and reaches 100% at the most', () => {
    expect(countryShade(1, 1_000_000)).toBe(15)
    expect(countryShade(500, 1000)).toBe(58)
    expect(countryShade(999, 1000)).toBe(100)
    expect(countryShade(1000, 1000)).toBe(100)
    // More than the map's most (a stale maximum) is never past full.
    expect(countryShade(1001, 1000)).toBe(100)
  })
})

describe('visitorsPhrase', () => {
  it('says visitor for one and visitors otherwise, in the short form', () => {
    expect(visitorsPhrase(1)).toBe('1 visitor')
    expect(visitorsPhrase(0)).toBe('0 visitors')
    expect(visitorsPhrase(2)).toBe('2 visitors')
    expect(visitorsPhrase(1234)).toBe('1.2k visitors')
  })
})

describe('undrawnCountries', () => {
  const row = (value: string, name: string, visitors: number | null) => ({
    value,
    name,
    metrics: { visitors },
  })
  it('names the countries with visitors the map has no shape for, in the rows’ order', () => {
    const drawn = new Set(['DE', 'US'])
    expect(
      undrawnCountries(
        [
          row('DE', 'Germany', 10),
          row('SG', 'Singapore', 4),
          row('us', 'United States', 3),
          row('MT', '', 1),
        ],
        drawn,
      ),
    ).toEqual(['Singapore', 'MT'])
  })

  it('leaves out a country without visitors, and names none when every country is drawn', () => {
    expect(undrawnCountries([row('SG', 'Singapore', 0), row('MT', 'Malta', null)], new Set())).toEqual([])
    expect(undrawnCountries([row('DE', 'Germany', 1)], new Set(['DE']))).toEqual([])
  })
})
