import { describe, expect, it } from 'vitest'
import {
  toV1Metrics,
  v1Filters,
  v1FiltersFromV2,
  v1PropertyKey,
  v1SearchParams,
} from '../../../../src/shared/plausible/v1'
import { and, contains, containsNot, is, isNot, matches, or } from '../../../../src/shared/plausible/builders'

describe('v1Filters', () => {
  it('joins filters with ; and lists with |, escaping a literal pipe (§5)', () => {
    expect(
      v1Filters([
        { dimension: 'visit:country', operator: '==', values: ['DE', 'FR'] },
        { dimension: 'event:page', operator: '!=', values: ['/a|b'] },
        { dimension: 'event:props:plan', operator: '==', values: ['Pro*'], isWildcard: true },
      ]),
    ).toBe('visit:country==DE|FR;event:page!=/a\\|b;event:props:plan==Pro*')
  })

  it('refuses what the server parser would silently change', () => {
    const refuse = (filter: Parameters<typeof v1Filters>[0][number]) => () => v1Filters([filter])
    expect(refuse({ dimension: 'visit:source', operator: '!=', values: ['A', 'B'] })).toThrow(
      'ignores "!=" on a list',
    )
    expect(refuse({ dimension: 'event:page', operator: '==', values: ['/a;b'] })).toThrow('cannot escape')
    expect(refuse({ dimension: 'event:page', operator: '==', values: ['/x*'] })).toThrow('wildcard')
    expect(refuse({ dimension: 'event:page', operator: '==', values: [' /x'] })).toThrow('trims values')
    expect(() =>
      v1Filters([
        { dimension: 'event:page', operator: '==', values: ['/a'] },
        { dimension: 'event:page', operator: '!=', values: ['/b'] },
      ]),
    ).toThrow('one filter per dimension')
  })
})

describe('v1FiltersFromV2', () => {
  it('translates a top-level AND of is / is_not / contains / contains_not', () => {
    expect(
      v1FiltersFromV2([
        and(is('visit:country', ['DE', 'FR']), contains('event:page', '/blog')),
        containsNot('visit:source', 'Goo'),
        isNot('visit:device', 'Mobile'),
      ]),
    ).toBe('visit:country==DE|FR;event:page==*/blog*;visit:source!=*Goo*;visit:device!=Mobile')
    expect(v1FiltersFromV2([])).toBeUndefined()
  })

  it('says NOT_SUPPORTED for what only v2 can express', () => {
    for (const filter of [
      or(is('visit:country', 'DE')),
      matches('event:page', '^/a'),
      is('event:page', '/a', { caseSensitive: false }),
      ['has_done', is('event:name', 'Signup')] as const,
    ]) {
      expect(() => v1FiltersFromV2([filter as never])).toThrow(
        expect.objectContaining({ code: 'NOT_SUPPORTED' }),
      )
    }
  })
})

describe('v1 parameters', () => {
  it('names query parameters as the server does and leaves unset ones out', () => {
    expect(
      v1SearchParams({
        siteId: 'a.com',
        period: 'custom',
        date: '2026-01-01,2026-01-31',
        metrics: ['visitors', 'events'],
        property: 'visit:source',
        limit: 5,
        page: 2,
      }),
    ).toMatchObject({
      site_id: 'a.com',
      period: 'custom',
      date: '2026-01-01,2026-01-31',
      metrics: 'visitors,events',
      property: 'visit:source',
      limit: '5',
      page: '2',
      filters: undefined,
      compare: undefined,
    })
  })

  it('reads breakdown rows under the property name without prefix', () => {
    expect(v1PropertyKey('visit:source')).toBe('source')
    expect(v1PropertyKey('event:goal')).toBe('goal')
    expect(v1PropertyKey('event:props:author')).toBe('author')
    expect(v1PropertyKey('event:props:a:b')).toBe('a:b')
  })

  it('refuses metrics v1 does not know', () => {
    expect(toV1Metrics(['visitors', 'time_on_page'])).toEqual(['visitors', 'time_on_page'])
    expect(() => toV1Metrics(['scroll_depth'])).toThrow('exists only in Stats API v2')
  })
})
