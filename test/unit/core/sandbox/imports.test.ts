// Whether imported stats join a query (Query.get_skip_imported_reason, Imported.Base.decide_tables): each
// case is a request of query_imported_test.exs with the meta the server answers it with.
import { describe, expect, it } from 'vitest'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import type { Goal } from '../../../../src/core/sandbox/goals'
import { importsWarnings, skipImportedReason } from '../../../../src/core/sandbox/imports'
import { runTiny, tinyNow, tinySessions } from './fixtures'

// The tiny data set covers 2024-01-10..11; this import covers all of it.
const imports = [{ startDay: isoDateToDay('2005-01-01'), endDay: isoDateToDay('2024-01-12') }]
const metaOf = (body: Record<string, unknown>) =>
  runTiny({ metrics: ['visitors'], include: { imports: true }, ...body }, tinyNow, tinySessions, { imports })
    .meta
const included = { imports_included: true }
const unsupportedQuery = {
  imports_included: false,
  imports_skip_reason: 'unsupported_query',
  imports_warning:
    'Imported stats are not included in the results because query parameters are not supported. For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats',
}

describe('the skip reasons, in the server order', () => {
  it("'does not add a warning when import is out of queried date range': out_of_range, no warning", () => {
    const before = [{ startDay: isoDateToDay('2023-01-01'), endDay: isoDateToDay('2024-01-09') }]
    expect(
      runTiny({ metrics: ['visitors'], include: { imports: true } }, tinyNow, tinySessions, {
        imports: before,
      }).meta,
    ).toEqual({ imports_included: false, imports_skip_reason: 'out_of_range' })
    // One day of overlap is in range (start_date after the last day or end_date before the first is not).
    const touching = [{ startDay: isoDateToDay('2024-01-11'), endDay: isoDateToDay('2024-02-01') }]
    expect(
      runTiny({ metrics: ['visitors'], include: { imports: true } }, tinyNow, tinySessions, {
        imports: touching,
      }).meta,
    ).toEqual(included)
  })

  it("'adds a warning when time:hour dimension': unsupported_interval with its warning", () => {
    expect(metaOf({ dimensions: ['time:hour'] })).toEqual({
      imports_included: false,
      imports_skip_reason: 'unsupported_interval',
      imports_warning:
        'Imported stats are not included because the time dimension (i.e. the interval) is too short.',
    })
  })

  it('`time` resolved to time:hour is an unsupported interval too (the optimizer refreshes the reason)', () => {
    expect(metaOf({ dimensions: ['time'] }).imports_skip_reason).toBe('unsupported_interval')
    expect(metaOf({ dimensions: ['time'], date_range: ['2024-01-09', '2024-01-11'] })).toEqual(included)
  })

  it("'includes imported data for time:day dimension'", () => {
    expect(metaOf({ dimensions: ['time:day'] })).toEqual(included)
  })

  it('out_of_range comes before unsupported_interval, no_imported_data before both', () => {
    const before = [{ startDay: isoDateToDay('2023-01-01'), endDay: isoDateToDay('2023-12-31') }]
    const body = { metrics: ['visitors'], dimensions: ['time:hour'], include: { imports: true } }
    expect(runTiny(body, tinyNow, tinySessions, { imports: before }).meta.imports_skip_reason).toBe(
      'out_of_range',
    )
    expect(runTiny(body).meta.imports_skip_reason).toBe('no_imported_data')
  })
})

describe('unsupported_query: no imported table answers the query', () => {
  it("'adds a warning when query params are not supported for imported data' (a custom prop breakdown)", () => {
    expect(metaOf({ dimensions: ['event:props:plan'], filters: [['is', 'event:goal', ['Signup']]] })).toEqual(
      unsupportedQuery,
    )
  })

  it("'ignores imported data if filtered property belongs to a different table than the breakdown property'", () => {
    expect(metaOf({ dimensions: ['visit:source'], filters: [['is', 'visit:device', ['Desktop']]] })).toEqual(
      unsupportedQuery,
    )
  })

  it("'applies multiple filters if the properties belong to the same table'", () => {
    expect(
      metaOf({
        dimensions: ['visit:source'],
        filters: [
          ['is', 'visit:utm_medium', ['organic']],
          ['is', 'visit:utm_term', ['one']],
        ],
      }),
    ).toEqual(included)
  })

  it("behavioral filters: 'imports are skipped when has_done / has_not_done filter is used'", () => {
    expect(metaOf({ filters: [['has_done', ['is', 'event:name', ['pageview']]]] })).toEqual(unsupportedQuery)
    expect(
      metaOf({ dimensions: ['event:goal'], filters: [['has_not_done', ['is', 'event:name', ['pageview']]]] }),
    ).toEqual(unsupportedQuery)
  })

  it("'returns custom event goals and pageview goals': a goal breakdown without filters is included", () => {
    expect(metaOf({ dimensions: ['event:goal'] })).toEqual(included)
  })

  it("'imported country, region and city data': location dimensions read the locations table", () => {
    for (const dimension of ['visit:country', 'visit:region', 'visit:city', 'visit:city_name'])
      expect(metaOf({ dimensions: [dimension] })).toEqual(included)
  })

  it("'imported country and city names with complex conditions': and/or/not inside one table", () => {
    expect(
      metaOf({
        dimensions: ['visit:city_name', 'visit:country_name'],
        filters: [
          [
            'or',
            [
              [
                'and',
                [
                  ['is', 'visit:city_name', ['London']],
                  ['not', ['is', 'visit:country_name', ['Canada']]],
                ],
              ],
              ['is', 'visit:country_name', ['Estonia']],
            ],
          ],
        ],
      }),
    ).toEqual(included)
  })

  it("'returns screen sizes breakdown when filtering by screen size': visit:screen filters read the devices table", () => {
    expect(metaOf({ dimensions: ['visit:device'], filters: [['is', 'visit:screen', ['Mobile']]] })).toEqual(
      included,
    )
  })

  it('the time dimension joins any table; a dimension without a table (event:props:plan) joins none', () => {
    expect(
      metaOf({ dimensions: ['time:day', 'visit:browser'], date_range: ['2024-01-09', '2024-01-11'] }),
    ).toEqual(included)
    expect(metaOf({ dimensions: ['event:props:plan'] })).toEqual(unsupportedQuery)
  })
})

describe('decide_tables with goals and imported custom properties', () => {
  const range = { firstDay: isoDateToDay('2024-01-01'), lastDay: isoDateToDay('2024-01-31') }
  const goals: Goal[] = [
    { displayName: 'Outbound Link: Click', eventName: 'Outbound Link: Click' },
    { displayName: 'WP Search Queries', eventName: 'WP Search Queries' },
    { displayName: 'Purchase', eventName: 'Purchase' },
    { displayName: 'Visit /test', pagePath: '/test' },
  ]
  const reason = (dimensions: string[], rawFilters: unknown[]) =>
    skipImportedReason({ dimensions, rawFilters, range }, imports, goals)

  it("'returns url breakdown for Outbound Link: Click goal': event:props:url with its special goal", () => {
    expect(reason(['event:props:url'], [['is', 'event:goal', ['Outbound Link: Click']]])).toBeNull()
    expect(reason(['event:props:path'], [['is', 'event:goal', ['Outbound Link: Click']]])).toBe(
      'unsupported_query',
    )
  })

  it("'gracefully ignores unsupported WP Search Queries goal for imported data'", () => {
    expect(reason(['event:props:search_query'], [['is', 'event:goal', ['WP Search Queries']]])).toBe(
      'unsupported_query',
    )
  })

  it('a url/path filter needs its special goal and no other filter (do_decide_custom_prop_table)', () => {
    const url = ['is', 'event:props:url', ['https://one.com']]
    expect(reason([], [url, ['is', 'event:name', ['File Download']]])).toBeNull()
    expect(reason(['event:goal'], [url, ['is', 'event:name', ['File Download']]])).toBeNull()
    expect(reason([], [url])).toBe('unsupported_query')
    expect(reason([], [url, ['is', 'event:name', ['File Download']], ['is', 'visit:country', ['EE']]])).toBe(
      'unsupported_query',
    )
  })

  it("'aggregates custom event goals with 'is' and 'contains' operators': goal filters pick their table", () => {
    expect(reason([], [['is', 'event:goal', ['Purchase']]])).toBeNull()
    expect(reason([], [['contains', 'event:goal', ['purch'], { case_sensitive: false }]])).toBeNull()
    // An event goal and a page goal would need two tables.
    expect(reason([], [['contains', 'event:goal', ['t']]])).toBe('unsupported_query')
    expect(reason(['event:page'], [['is', 'event:goal', ['Visit /test']]])).toBeNull()
  })

  it('a goal breakdown with filters: event names alone or pages alone, nothing else', () => {
    expect(reason(['event:goal'], [['is', 'event:goal', ['Purchase']]])).toBeNull()
    expect(reason(['event:goal'], [['is', 'event:goal', ['Visit /test']]])).toBeNull()
    // Without a goal filter every goal matches, events and pages: no single table.
    expect(reason(['event:goal'], [['is', 'event:page', ['/test']]])).toBe('unsupported_query')
    expect(
      reason(
        ['event:goal'],
        [
          ['is', 'event:goal', ['Purchase']],
          ['is', 'visit:country', ['EE']],
        ],
      ),
    ).toBe('unsupported_query')
  })

  it('has a warning for exactly the two reasons QueryResult names', () => {
    expect(Object.keys(importsWarnings).sort()).toEqual(['unsupported_interval', 'unsupported_query'])
  })
})
