import { describe, expect, it } from 'vitest'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import {
  addFilter,
  describeFilter,
  filterByRow,
  hasGoalFilter,
  parseFilters,
  removeFilter,
  replaceFilter,
  serializeFilters,
  toV2Filters,
  type DashboardFilter,
} from '../../../../src/shared/stats/filters'

const country: DashboardFilter = {
  dimension: 'visit:country',
  operator: 'is',
  values: ['DE', 'FR'],
  labels: { DE: 'Germany', FR: 'France' },
}

describe('dashboard filters', () => {
  it('become one v2 leaf each, with every value as a clause', () => {
    const filters = toV2Filters([
      country,
      { dimension: 'event:page', operator: 'contains_not', values: ['/blog'] },
      { dimension: 'visit:city', operator: 'is', values: ['2950159'] },
    ])
    expect(filters).toEqual([
      ['is', 'visit:country', ['DE', 'FR']],
      ['contains_not', 'event:page', ['/blog']],
      ['is', 'visit:city', [2950159]],
    ])
    expect(checkV2Query({ site_id: 'a', metrics: ['visitors'], date_range: 'day', filters }).ok).toBe(true)
  })

  it('read as chips with display names', () => {
    expect(describeFilter(country)).toBe('Country is Germany or France')
    expect(describeFilter({ dimension: 'event:props:plan', operator: 'is_not', values: ['free'] })).toBe(
      'Property plan is not free',
    )
  })

  it('replace the dimension’s filter on a row click', () => {
    const next = filterByRow([country], 'visit:country', 'US', 'United States')
    expect(next).toEqual([
      { dimension: 'visit:country', operator: 'is', values: ['US'], labels: { US: 'United States' } },
    ])
  })

  it('add from the editor without blanks or duplicates, and remove by position', () => {
    const added = addFilter([country], {
      dimension: 'visit:source',
      operator: 'contains',
      values: [' Goo', 'Goo', ''],
    })
    expect(added[1]).toEqual({ dimension: 'visit:source', operator: 'contains', values: ['Goo'] })
    expect(removeFilter(added, 0)).toEqual([added[1]])
    expect(addFilter([], { dimension: 'visit:source', operator: 'is', values: [' '] })).toEqual([])
  })

  it('survive the address bar and ignore anything malformed', () => {
    expect(parseFilters(serializeFilters([country]))).toEqual([country])
    expect(parseFilters('[{"dimension":"x","operator":"matches","values":["a"]}]')).toEqual([])
    expect(parseFilters('not json')).toEqual([])
    expect(serializeFilters([])).toBeUndefined()
  })
})

describe('"has not done" for goals and editing a pill (issue 19 item 6)', () => {
  const notSignup: DashboardFilter = { dimension: 'event:goal', operator: 'has_not_done', values: ['Signup'] }

  it('sends "has not done" as the behavioural filter around an is-goal leaf, which the rules accept', () => {
    const filters = toV2Filters([notSignup])
    expect(filters).toEqual([['has_not_done', ['is', 'event:goal', ['Signup']]]])
    expect(
      checkV2Query({ site_id: 'a', metrics: ['visitors', 'bounce_rate'], date_range: 'day', filters }).ok,
    ).toBe(true)
  })

  it('reads "Has not done goal …" and does not count as a conversion filter', () => {
    expect(describeFilter({ ...notSignup, values: ['Signup', 'Purchase'] })).toBe(
      'Has not done goal Signup or Purchase',
    )
    expect(hasGoalFilter([notSignup])).toBe(false)
    expect(hasGoalFilter([{ ...notSignup, operator: 'is' }])).toBe(true)
    expect(hasGoalFilter([{ ...notSignup, operator: 'contains' }])).toBe(true)
  })

  it('survives the address bar', () => {
    expect(parseFilters(serializeFilters([notSignup]))).toEqual([notSignup])
  })

  it('replaces the edited pill in its place, keeping the labels of the values kept', () => {
    const page: DashboardFilter = { dimension: 'event:page', operator: 'is', values: ['/'] }
    const edited = replaceFilter([country, page], 0, {
      ...country,
      operator: 'is_not',
      values: ['FR', ' US '],
      labels: { DE: 'Germany', FR: 'France', US: 'United States' },
    })
    expect(edited).toEqual([
      {
        dimension: 'visit:country',
        operator: 'is_not',
        values: ['FR', 'US'],
        labels: { FR: 'France', US: 'United States' },
      },
      page,
    ])
  })

  it('removes a pill saved with no value, and adds one whose index is gone (both sides of the list)', () => {
    const page: DashboardFilter = { dimension: 'event:page', operator: 'is', values: ['/'] }
    expect(replaceFilter([country, page], 1, { ...page, values: [' '] })).toEqual([country])
    expect(replaceFilter([country], 1, page)).toEqual([country, page])
    expect(replaceFilter([country], -1, page)).toEqual([country, page])
    expect(replaceFilter([country, page], 1, { ...page, values: ['/blog'] })).toEqual([
      country,
      { ...page, values: ['/blog'] },
    ])
  })
})
