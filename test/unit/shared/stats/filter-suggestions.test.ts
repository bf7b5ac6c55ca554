import { describe, expect, it } from 'vitest'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import {
  mustPickValue,
  suggestionQuery,
  suggestionSource,
  toSuggestions,
  valueForTyped,
  withConfiguredGoals,
} from '../../../../src/shared/stats/filter-suggestions'
import type { DashboardFilter } from '../../../../src/shared/stats/filters'

const range: [string, string] = ['2026-11-01', '2026-11-30']

describe('filter suggestions', () => {
  it('find regions and cities by name but list the code and id the filter sends', () => {
    expect(suggestionSource('visit:region')).toEqual({
      dimensions: ['visit:region', 'visit:region_name'],
      searchOn: 'visit:region_name',
    })
    expect(suggestionSource('visit:city')).toEqual({
      dimensions: ['visit:city', 'visit:city_name'],
      searchOn: 'visit:city_name',
    })
    expect(suggestionSource('visit:country')?.searchOn).toBe('visit:country_name')
    expect(suggestionSource('event:page')).toEqual({ dimensions: ['event:page'], searchOn: 'event:page' })
    expect(suggestionSource('segment')).toBeNull()
  })

  it('make places, segments and named goals picked, contains and other dimensions typed', () => {
    expect(mustPickValue('visit:region', 'is')).toBe(true)
    expect(mustPickValue('visit:city', 'is_not')).toBe(true)
    expect(mustPickValue('segment', 'is')).toBe(true)
    expect(mustPickValue('event:goal', 'is')).toBe(true)
    expect(mustPickValue('event:goal', 'has_not_done')).toBe(true)
    expect(mustPickValue('event:goal', 'contains')).toBe(false)
    // Countries keep their codes typed (DE), as before; pages and properties take any text.
    expect(mustPickValue('visit:country', 'is')).toBe(false)
    expect(mustPickValue('event:page', 'is')).toBe(false)
    expect(mustPickValue('event:props:plan', 'is')).toBe(false)
  })

  it('take the typed text on Enter where the server filters by text, else the first match', () => {
    const bavaria = [{ value: 'DE-BY', label: 'Bavaria' }]
    expect(valueForTyped('event:page', 'is', ' /blog ', [{ value: '/blog/a', label: '/blog/a' }])).toEqual({
      value: '/blog',
      label: '/blog',
    })
    expect(valueForTyped('visit:region', 'is', 'bav', bavaria)).toEqual(bavaria[0])
    expect(valueForTyped('visit:region', 'is', 'Bavaria', [])).toBeNull()
    expect(valueForTyped('event:goal', 'contains', 'sign', [])).toEqual({ value: 'sign', label: 'sign' })
    expect(
      valueForTyped('event:goal', 'has_not_done', 'sign', [{ value: 'Signup', label: 'Signup' }]),
    ).toEqual({
      value: 'Signup',
      label: 'Signup',
    })
    expect(valueForTyped('event:page', 'is', '   ', [])).toBeNull()
  })

  it('take a country’s two-letter code as typed, and a longer text as a name to pick', () => {
    const sweden = [{ value: 'SE', label: 'Sweden' }]
    // "de" is in "Sweden", but two letters are a code: Germany's.
    expect(valueForTyped('visit:country', 'is', 'de', sweden)).toEqual({ value: 'DE', label: 'DE' })
    expect(valueForTyped('visit:country', 'is', 'se', sweden)).toEqual(sweden[0])
    expect(valueForTyped('visit:country', 'is', 'swe', sweden)).toEqual(sweden[0])
    expect(valueForTyped('visit:country', 'is', 'd', sweden)).toEqual(sweden[0])
    expect(valueForTyped('visit:country', 'is', 'deu', [])).toBeNull()
  })

  it('ask ten rows of visitors containing the typed text in any case, under the other filters', () => {
    const filters: DashboardFilter[] = [
      { dimension: 'visit:source', operator: 'is', values: ['Google'] },
      { dimension: 'visit:city', operator: 'is', values: ['2950159'], labels: { '2950159': 'Berlin' } },
    ]
    const query = suggestionQuery('shop.example.com', range, 'visit:city', ' mun ', filters)
    expect(query).toEqual({
      site_id: 'shop.example.com',
      metrics: ['visitors'],
      date_range: range,
      dimensions: ['visit:city', 'visit:city_name'],
      filters: [
        ['is', 'visit:source', ['Google']],
        ['contains', 'visit:city_name', ['mun'], { case_sensitive: false }],
      ],
      pagination: { limit: 10, offset: 0 },
    })
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('ask the top values when nothing is typed, and nothing for segments', () => {
    expect(suggestionQuery('a', 'day', 'event:page', '  ', [])).toEqual({
      site_id: 'a',
      metrics: ['visitors'],
      date_range: 'day',
      dimensions: ['event:page'],
      pagination: { limit: 10, offset: 0 },
    })
    expect(suggestionQuery('a', 'day', 'segment', 'x', [])).toBeNull()
  })

  it('keeps "has not done" goals out of the goal suggestions’ filters, as any filter on that dimension', () => {
    const query = suggestionQuery('a', 'day', 'event:goal', 'sign', [
      { dimension: 'event:goal', operator: 'has_not_done', values: ['Signup'] },
    ])
    expect(query?.filters).toEqual([['contains', 'event:goal', ['sign'], { case_sensitive: false }]])
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('read rows as value and name, in the server’s order, without values already chosen', () => {
    const response = {
      results: [
        { dimensions: [2867714, 'Munich'] },
        { dimensions: [2950159, 'Berlin'] },
        { dimensions: ['/blog'] },
      ],
    }
    expect(toSuggestions(response, ['2950159'])).toEqual([
      { value: '2867714', label: 'Munich' },
      { value: '/blog', label: '/blog' },
    ])
    expect(toSuggestions(undefined)).toEqual([])
  })

  it('list the site’s goals nobody reached after those converting, matching the typed text in any case', () => {
    const converting = [{ value: 'Signup', label: 'Signup' }]
    expect(
      withConfiguredGoals(converting, ['Visit /pricing', 'Signup', 'Newsletter signup'], 'SIGN'),
    ).toEqual([
      { value: 'Signup', label: 'Signup' },
      { value: 'Newsletter signup', label: 'Newsletter signup' },
    ])
    expect(withConfiguredGoals([], ['Visit /pricing', 'Signup'], '', ['Signup'])).toEqual([
      { value: 'Visit /pricing', label: 'Visit /pricing' },
    ])
    // Ten at most, as every suggestion list.
    const many = Array.from({ length: 12 }, (_, i) => `Goal ${i}`)
    expect(withConfiguredGoals([], many, 'goal')).toHaveLength(10)
  })
})
