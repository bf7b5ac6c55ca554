import { describe, expect, it } from 'vitest'
import { runTiny } from './fixtures'

const totals = (filters: unknown[]) =>
  runTiny({ metrics: ['visitors', 'visits', 'pageviews', 'events'], filters }).results[0]!.metrics

describe('filter semantics (§4.5)', () => {
  it('keeps visits whose attribute is one of the clauses with "is", and the others with "is_not"', () => {
    expect(totals([['is', 'visit:country', ['US']]])).toEqual([2, 2, 3, 3])
    expect(totals([['is_not', 'visit:country', ['US']]])).toEqual([1, 2, 3, 4])
    expect(totals([['is', 'visit:source', ['Twitter', 'Google']]])).toEqual([3, 3, 5, 6])
  })

  it('matches substrings with contains, case-sensitively unless told otherwise', () => {
    expect(totals([['contains', 'event:page', ['PRIC']]])).toEqual([0, 0, 0, 0])
    expect(totals([['contains', 'event:page', ['PRIC'], { case_sensitive: false }]])).toEqual([2, 2, 2, 3])
    expect(totals([['contains_not', 'visit:source', ['oo']]])).toEqual([2, 2, 3, 3])
  })

  it('counts only matching events but every visit that has one, for event filters', () => {
    // /pricing appears in S1 and S4: 2 pageviews; the Signup also happened on /pricing.
    expect(totals([['is', 'event:page', ['/pricing']]])).toEqual([2, 2, 2, 3])
    expect(
      runTiny({ metrics: ['bounce_rate', 'visit_duration'], filters: [['is', 'event:page', ['/pricing']]] })
        .results[0]!.metrics,
    ).toEqual([50, 45])
  })

  it('combines filters with or, and, not', () => {
    expect(
      totals([
        [
          'or',
          [
            ['is', 'visit:country', ['DE']],
            ['is', 'visit:source', ['Twitter']],
          ],
        ],
      ]),
    ).toEqual([2, 3, 5, 6])
    expect(
      totals([
        [
          'and',
          [
            ['is', 'visit:country', ['US']],
            ['is', 'visit:device', ['Mobile']],
          ],
        ],
      ]),
    ).toEqual([1, 1, 2, 2])
    expect(totals([['not', ['is', 'event:page', ['/']]]])).toEqual([3, 3, 3, 4])
  })

  it('filters by goal, by custom property and by a missing property as "(none)"', () => {
    expect(totals([['is', 'event:goal', ['Signup']]])).toEqual([1, 1, 0, 1])
    expect(totals([['contains', 'event:goal', ['Visit']]])).toEqual([2, 2, 2, 2])
    expect(totals([['is', 'event:props:plan', ['pro']]])).toEqual([1, 1, 0, 1])
    expect(totals([['is', 'event:props:plan', ['(none)']]])).toEqual([3, 4, 6, 6])
  })

  it('keeps whole visits that have (not) done something with has_done / has_not_done', () => {
    expect(totals([['has_done', ['is', 'event:goal', ['Signup']]]])).toEqual([1, 1, 2, 3])
    expect(totals([['has_not_done', ['is', 'event:page', ['/blog']]]])).toEqual([2, 3, 4, 5])
  })

  it('matches regular expressions with matches / matches_not', () => {
    expect(totals([['matches', 'event:page', ['^/b']]])).toEqual([1, 1, 1, 1])
    expect(totals([['matches_not', 'visit:source', ['^G']]])).toEqual([2, 2, 3, 3])
  })

  it('accepts integer GeoName ids for visit:city', () => {
    expect(totals([['is', 'visit:city', [2950159]]])).toEqual([3, 4, 6, 7])
  })
})
