// Category 3 of issue 15: value errors — the schema's pointer-prefixed texts and the parser's own, ported
// from the server's tests (test/plausible/stats/query/query_parse_and_build_test.exs @047f1c3 unless named).
import { describe, expect, it } from 'vitest'
import { checkV2Query } from '../../../../../src/shared/plausible/query-rules'
import { base, expectAccepted, messageOf, refusalOf } from './helpers'

const qpb = 'query_parse_and_build_test.exs'

describe('metrics', () => {
  it(`refuses a metric asked twice (${qpb}: 'same metric queried multiple times')`, () => {
    expect(messageOf({ metrics: ['events', 'visitors', 'visitors'] })).toBe(
      '#/metrics: Expected items to be unique but they were not.',
    )
  })

  it(`refuses an empty metric list (${qpb}: 'no metrics passed')`, () => {
    expect(messageOf({ metrics: [] })).toBe('#/metrics: Expected a minimum of 1 items but got 0.')
  })

  it("names an unknown metric with its pointer (api_query_parser_test.exs: 'invalid metric passed')", () => {
    expect(messageOf({ metrics: ['visitors', 'event:name'] })).toBe(
      '#/metrics/1: Invalid metric "event:name"',
    )
  })

  it(`refuses revenue metrics on CE as unknown (${qpb}: 'revenue metrics are not available on CE')`, () => {
    expect(messageOf({ metrics: ['total_revenue', 'average_revenue'] }, { edition: 'ce' })).toBe(
      '#/metrics/0: Invalid metric "total_revenue"\n#/metrics/1: Invalid metric "average_revenue"',
    )
    expectAccepted({ metrics: ['total_revenue', 'average_revenue'] }, { edition: 'cloud' })
  })
})

describe('the whole body', () => {
  it("lists every missing required key in one line (api_query_parser_test.exs: 'parsing empty map fails')", () => {
    const result = checkV2Query({})
    expect(result.ok ? null : result.refusal.message).toBe(
      '#: Required properties site_id, metrics, date_range were not present.',
    )
    const one = checkV2Query({ site_id: 'example.com', metrics: ['visitors'] })
    expect(one.ok ? null : one.refusal.message).toBe('#: Required property date_range was not present.')
  })

  it('refuses a body that is not an object (json_schema.ex: the root type)', () => {
    const result = checkV2Query(['visitors'])
    expect(result.ok ? null : result.refusal).toEqual({
      rule: 'schema',
      message: '#: Type mismatch. Expected Object but got Array.',
      pointer: '#',
    })
  })

  it('refuses keys the public schema lacks, after the named properties (ex_json_schema Properties order)', () => {
    expect(messageOf({ date: '2021-01-01', metrics: ['nope'] })).toBe(
      '#/metrics/0: Invalid metric "nope"\n#/date: Schema does not allow additional properties.',
    )
  })

  it('joins several schema errors in the schema’s sorted property order (ex_json_schema: properties map)', () => {
    expect(messageOf({ metrics: ['visitorz'], dimensions: ['nope'] })).toBe(
      '#/dimensions/0: Invalid dimension "nope"\n#/metrics/0: Invalid metric "visitorz"',
    )
  })
})

describe('date_range', () => {
  for (const value of ['-1d', 'foo', ['21415-00', 'eee']]) {
    it(`refuses ${JSON.stringify(value)} in the schema (${qpb}: 'errors on invalid date range value (${JSON.stringify(value)})')`, () => {
      expect(refusalOf({ date_range: value })).toEqual({
        rule: 'schema',
        message: `#/date_range: Invalid date range ${JSON.stringify(value).replace(',', ', ')}`,
        pointer: '#/date_range',
      })
    })
  }

  it(`refuses a shorthand past its bounds without a pointer (${qpb}: '999999999mo is invalid date range')`, () => {
    expect(refusalOf({ date_range: '999999999mo' })).toEqual({
      rule: 'date_range.shorthand',
      message: 'Invalid date_range "999999999mo"',
      pointer: '#/date_range',
    })
    expect(messageOf({ date_range: '0d' })).toBe('Invalid date_range "0d"')
    expect(messageOf({ date_range: '5001d' })).toBe('Invalid date_range "5001d"')
    expect(messageOf({ date_range: '101mo' })).toBe('Invalid date_range "101mo"')
    for (const value of ['1d', '5000d', '1mo', '100mo', 'day', '24h', 'month', 'year', 'all'])
      expectAccepted({ date_range: value })
  })

  it(`refuses datetimes without an offset in the parser's words (${qpb}: 'custom date range is invalid when timestamps do not include timezone info')`, () => {
    expect(messageOf({ date_range: ['2021-02-03T00:00:00', '2021-02-03T23:59:59'] })).toBe(
      `Invalid date_range '["2021-02-03T00:00:00", "2021-02-03T23:59:59"]'.`,
    )
  })

  it(`refuses an offset past ±23:59 in the schema (${qpb}: 'custom date range is invalid when timestamp timezone is invalid')`, () => {
    expect(messageOf({ date_range: ['2021-02-03T00:00:00-25:00', '2021-02-03T23:59:59-25:00'] })).toBe(
      '#/date_range: Invalid date range ["2021-02-03T00:00:00-25:00", "2021-02-03T23:59:59-25:00"]',
    )
  })

  it(`refuses a date mixed with a datetime in the schema (${qpb}: 'custom date range is invalid when date and timestamp are combined')`, () => {
    expect(messageOf({ date_range: ['2021-02-03T00:00:00Z', '2021-02-04'] })).toBe(
      '#/date_range: Invalid date range ["2021-02-03T00:00:00Z", "2021-02-04"]',
    )
  })

  it(`reads datetime pairs with any offset as instants, to the second (${qpb}: 'parsing custom date range from iso8601 timestamps with non-UTC timezone')`, () => {
    const result = checkV2Query({
      ...base,
      date_range: ['2024-08-29T07:12:34.999-07:00', '2024-08-29T10:12:34-07:00'],
    })
    expect(result.ok && result.query.dateRange).toEqual({
      kind: 'datetime_range',
      from: Date.parse('2024-08-29T14:12:34Z'),
      to: Date.parse('2024-08-29T17:12:34Z'),
    })
  })

  it('refuses days that do not exist and "-00:00" in the parser (Date.from_iso8601 / Calendar.ISO parse_offset)', () => {
    expect(messageOf({ date_range: ['2021-02-29', '2021-03-01'] })).toBe(
      `Invalid date_range '["2021-02-29", "2021-03-01"]'.`,
    )
    expect(messageOf({ date_range: ['2021-02-03T00:00:00-00:00', '2021-02-03T01:00:00Z'] })).toBe(
      `Invalid date_range '["2021-02-03T00:00:00-00:00", "2021-02-03T01:00:00Z"]'.`,
    )
    // The schema's date-time needs seconds.
    expect(messageOf({ date_range: ['2021-02-03T00:00Z', '2021-02-03T01:00Z'] })).toBe(
      '#/date_range: Invalid date range ["2021-02-03T00:00Z", "2021-02-03T01:00Z"]',
    )
    expectAccepted({ date_range: ['2024-02-29', '2024-02-29'] })
  })

  it('takes a reversed pair as given, as DateTimeRange.new! does (datetime_range.ex)', () => {
    expectAccepted({ date_range: ['2026-03-02', '2026-03-01'] })
  })

  it('refuses the internal-only shorthands realtime and 30m (json_schema.ex: internal schema only)', () => {
    expect(messageOf({ date_range: 'realtime' })).toBe('#/date_range: Invalid date range "realtime"')
    expect(messageOf({ date_range: '30m' })).toBe('#/date_range: Invalid date range "30m"')
  })
})

describe('filters: shape and clause types', () => {
  for (const operation of ['is', 'is_not', 'matches', 'matches_not', 'contains', 'contains_not']) {
    it(`refuses a clause that is not a list (${qpb}: '${operation} filter with invalid clause')`, () => {
      expect(messageOf({ filters: [[operation, 'event:name', 'foo']] })).toBe(
        `#/filters/0: Invalid filter ["${operation}", "event:name", "foo"]`,
      )
      expectAccepted({ filters: [[operation, 'event:name', ['foo']]] })
    })
  }

  for (const operation of ['matches_wildcard', 'matches_wildcard_not']) {
    it(`refuses the internal operator ${operation} (${qpb}: '${operation} is not a valid filter operation in public API')`, () => {
      expect(messageOf({ filters: [[operation, 'event:name', ['foo']]] })).toBe(
        `#/filters/0: Invalid filter ["${operation}", "event:name", ["foo"]]`,
      )
    })
  }

  const tooShort = [
    [],
    ['and'],
    ['or'],
    ['and', []],
    ['or', []],
    ['not'],
    ['is_not'],
    ['is_not', 'event:name'],
    ['has_done'],
    ['has_not_done'],
  ]
  for (const filter of tooShort) {
    it(`refuses the too short filter ${JSON.stringify(filter)} (${qpb}: 'errors on too short filter')`, () => {
      expect(messageOf({ filters: [filter] })).toBe(
        `#/filters/0: Invalid filter ${JSON.stringify(filter).replaceAll(',', ', ')}`,
      )
    })
  }

  const valid = ['is', 'event:props:foobar', ['value']]
  const tooLong: Array<[unknown[], string]> = [
    [['and', [valid], 'extra'], '["and", [["is", "event:props:foobar", ["value"]]], "extra"]'],
    [['or', [valid], []], '["or", [["is", "event:props:foobar", ["value"]]], []]'],
    [['not', valid, 1], '["not", ["is", "event:props:foobar", ["value"]], 1]'],
    [[...valid, true], '["is", "event:props:foobar", ["value"], true]'],
  ]
  for (const [filter, printed] of tooLong) {
    it(`refuses the too long filter ${printed} (${qpb}: 'errors on too long filter')`, () => {
      expect(messageOf({ filters: [filter] })).toBe(`#/filters/0: Invalid filter ${printed}`)
    })
  }

  for (const operator of ['not', 'or', 'has_done', 'has_not_done']) {
    it(`refuses an empty ${operator} (${qpb}: 'invalid \`${operator}\` clause')`, () => {
      expect(messageOf({ filters: [[operator, []]] })).toBe(`#/filters/0: Invalid filter ["${operator}", []]`)
    })
  }

  it(`refuses an unknown operator (${qpb}: 'filtering by invalid operation')`, () => {
    expect(messageOf({ filters: [['exists?', 'event:name', ['foo']]] })).toBe(
      '#/filters/0: Invalid filter ["exists?", "event:name", ["foo"]]',
    )
  })

  it(`refuses unknown event and visit dimensions (${qpb}: 'invalid event filter', 'invalid visit filter')`, () => {
    expect(messageOf({ filters: [['is', 'event:device', ['foo']]] })).toBe(
      '#/filters/0: Invalid filter ["is", "event:device", ["foo"]]',
    )
    expect(messageOf({ filters: [['is', 'visit:name', ['foo']]] })).toBe(
      '#/filters/0: Invalid filter ["is", "visit:name", ["foo"]]',
    )
  })

  it(`refuses filters that are not a list (${qpb}: 'invalid filter')`, () => {
    expect(messageOf({ filters: 'foobar' })).toBe('#/filters: Type mismatch. Expected Array but got String.')
  })

  it(`refuses numbers for a string dimension in the parser's words (${qpb}: 'numeric filter is invalid')`, () => {
    expect(refusalOf({ filters: [['is', 'visit:os_version', [123]]] })).toEqual({
      rule: 'filter.clauses',
      message: `Invalid filter '["is", "visit:os_version", [123]]'.`,
      pointer: '#/filters/0',
    })
  })

  it(`takes numbers or strings for visit:city, not a mix (${qpb}: 'numbers are valid for visit:city', 'strings are valid for visit:city')`, () => {
    expectAccepted({ filters: [['is', 'visit:city', [123, 456]]] })
    expectAccepted({ filters: [['is', 'visit:city', ['123', '456']]] })
    expect(messageOf({ filters: [['is', 'visit:city', [123, '456']]] })).toBe(
      `Invalid filter '["is", "visit:city", [123, "456"]]'.`,
    )
  })

  it(`refuses a country that is not two letters (${qpb}: 'invalid visit:country filter')`, () => {
    expect(refusalOf({ filters: [['is', 'visit:country', ['USA']]] })).toEqual({
      rule: 'filter.country',
      message: 'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
      pointer: '#/filters/0',
    })
    // The parser counts characters only: lower case passes, and contains takes any text.
    expectAccepted({ filters: [['is_not', 'visit:country', ['ee']]] })
    expectAccepted({ filters: [['contains', 'visit:country', ['Estonia']]] })
  })

  it('finds the first bad leaf deep in the tree and points at it (api_query_parser.ex: parse_filters recursion)', () => {
    expect(
      refusalOf({
        filters: [
          ['is', 'event:name', ['a']],
          [
            'or',
            [
              ['is', 'event:page', ['/']],
              ['not', ['is', 'visit:os', [1]]],
            ],
          ],
        ],
      }),
    ).toEqual({
      rule: 'filter.clauses',
      message: `Invalid filter '["is", "visit:os", [1]]'.`,
      pointer: '#/filters/1/1/1/1',
    })
  })

  it('takes an empty clause list, as the schema has no minItems (query-api-schema.json: clauses)', () => {
    expectAccepted({ filters: [['is', 'event:name', []]] })
  })

  for (const operation of ['is', 'contains', 'is_not', 'contains_not']) {
    it(`takes the case modifier on ${operation} (${qpb}: '${operation} allows case_sensitive modifier')`, () => {
      expectAccepted({
        filters: [
          [operation, 'event:page', ['/foo'], { case_sensitive: false }],
          [operation, 'event:name', ['/foo'], { case_sensitive: true }],
        ],
      })
    })
  }

  for (const operation of ['matches', 'matches_not']) {
    it(`refuses the case modifier on ${operation} (${qpb}: 'case_sensitive modifier is not valid for ${operation}')`, () => {
      expect(
        messageOf({
          filters: [[operation, 'event:hostname', ['a.plausible.io'], { case_sensitive: false }]],
        }),
      ).toBe(
        `#/filters/0: Invalid filter ["${operation}", "event:hostname", ["a.plausible.io"], %{"case_sensitive" => false}]`,
      )
    })
  }

  it(`refuses is_not on event:goal in the schema (${qpb}: event:goal 'unsupported filter')`, () => {
    expect(messageOf({ filters: [['is_not', 'event:goal', ['Signup']]] })).toBe(
      '#/filters/0: Invalid filter ["is_not", "event:goal", ["Signup"]]',
    )
  })
})

describe('segments', () => {
  it(`refuses string segment ids in the parser (${qpb}: 'validation fails with string segment ids')`, () => {
    expect(messageOf({ filters: [['is', 'segment', ['123']]] })).toBe(
      `Invalid filter '["is", "segment", ["123"]]'.`,
    )
  })

  it(`refuses more than 10 segment ids (${qpb}: 'parsing fails when too many segments in query')`, () => {
    const filters = [['and', Array.from({ length: 11 }, (_, id) => ['is', 'segment', [id + 1]])]]
    expect(refusalOf({ filters })).toEqual({
      rule: 'segments.count',
      message: 'Invalid filters. You can only use up to 10 segment filters in a query.',
      pointer: '#/filters/0/1/0',
    })
  })

  it(`refuses a segment the site does not have, when the site is known (${qpb}: 'parsing fails when segment filter is used, but segment is from another site')`, () => {
    expect(messageOf({ filters: [['is', 'segment', [7]]] }, { segments: [1, 2] })).toBe(
      "Invalid filters. Some segments don't exist or aren't accessible.",
    )
    // Unknown segments: left to the server.
    expectAccepted({ filters: [['is', 'segment', [7]]] })
  })
})

describe('dimensions, order_by, include, pagination', () => {
  it(`refuses time:minute and an empty custom property (${qpb}: 'time:minute dimension fails public schema validation', 'invalid custom property dimension')`, () => {
    expect(messageOf({ dimensions: ['time:minute'] })).toBe('#/dimensions/0: Invalid dimension "time:minute"')
    expect(messageOf({ dimensions: ['event:props:'] })).toBe(
      '#/dimensions/0: Invalid dimension "event:props:"',
    )
  })

  it(`refuses a metric name as a dimension, a non-list and repeats (${qpb}: 'invalid dimension name passed', 'invalid dimension', 'dimensions are not unique')`, () => {
    expect(messageOf({ dimensions: ['visitors'] })).toBe('#/dimensions/0: Invalid dimension "visitors"')
    expect(messageOf({ dimensions: 'foobar' })).toBe(
      '#/dimensions: Type mismatch. Expected Array but got String.',
    )
    expect(messageOf({ dimensions: ['event:name', 'event:name'] })).toBe(
      '#/dimensions: Expected items to be unique but they were not.',
    )
  })

  it('compares repeats as JSON terms: objects by their keys in any order, a number never equal to its text', () => {
    expect(
      messageOf({
        dimensions: [
          { a: 1, b: [2] },
          { b: [2], a: 1 },
        ],
      }),
    ).toContain('#/dimensions: Expected items to be unique but they were not.')
    expect(messageOf({ dimensions: [{ a: 1 }, { a: 2 }] })).not.toContain('unique')
    expect(messageOf({ dimensions: [1, '1'] })).not.toContain('unique')
    expect(messageOf({ dimensions: [1, 1] })).toContain(
      '#/dimensions: Expected items to be unique but they were not.',
    )
  })

  it(`refuses an unknown order_by value with its pointer (${qpb}: 'ordering by invalid value')`, () => {
    expect(messageOf({ order_by: [['visssss', 'desc']] })).toBe(
      '#/order_by/0/0: Invalid value in order_by "visssss"',
    )
    expect(messageOf({ order_by: [['visitors', 'up']] })).toBe(
      '#/order_by/0/1: Value is not allowed in enum.',
    )
    expect(messageOf({ order_by: [['visitors']] })).toBe(
      '#/order_by/0: Expected a minimum of 2 items but got 1.',
    )
  })

  it(`refuses order_by entries that are not queried, printed as the parser's tuple (${qpb}: 'ordering by not queried metric', 'ordering by not queried dimension')`, () => {
    expect(refusalOf({ order_by: [['events', 'desc']] })).toEqual({
      rule: 'order_by.not_queried',
      message: "Invalid order_by entry '{:events, :desc}'. Entry is not a queried metric or dimension.",
      pointer: '#/order_by/0',
    })
    expect(messageOf({ order_by: [['event:name', 'desc']] })).toBe(
      `Invalid order_by entry '{"event:name", :desc}'. Entry is not a queried metric or dimension.`,
    )
    expect(messageOf({ order_by: [['time', 'asc']] })).toBe(
      `Invalid order_by entry '{"time", :asc}'. Entry is not a queried metric or dimension.`,
    )
  })

  it(`refuses include that is not an object and keys it lacks (${qpb}: 'setting invalid imports value')`, () => {
    expect(messageOf({ include: 'foobar' })).toBe('#/include: Type mismatch. Expected Object but got String.')
    expect(messageOf({ include: { comparisons: { mode: 'previous_period' } } })).toBe(
      '#/include/comparisons: Schema does not allow additional properties.',
    )
    expect(messageOf({ include: { total_rows: 'yes' } })).toBe(
      '#/include/total_rows: Type mismatch. Expected Boolean but got String.',
    )
  })

  it(`bounds pagination (${qpb}: 'out of range limit value', 'out of range offset value')`, () => {
    expect(messageOf({ pagination: { limit: 100_000 } })).toBe(
      '#/pagination/limit: Expected the value to be <= 10000',
    )
    expect(messageOf({ pagination: { offset: -5 } })).toBe(
      '#/pagination/offset: Expected the value to be >= 0',
    )
    expect(messageOf({ pagination: { limit: 0 } })).toBe('#/pagination/limit: Expected the value to be >= 1')
    expect(messageOf({ pagination: { limit: 1.5 } })).toBe(
      '#/pagination/limit: Type mismatch. Expected Integer but got Number.',
    )
    expectAccepted({ pagination: { limit: 10_000, offset: 0 } })
  })
})

describe('feature access (query_validations_test.exs @5439c1c, query_builder.ex @031b6f9)', () => {
  const noProps = { features: { customProps: false } }

  it("refuses custom properties without the feature, in filters at any depth and in dimensions ('filters - no access', 'dimensions - no access')", () => {
    const message = 'The owner of this site does not have access to the custom properties feature.'
    expect(messageOf({ filters: [['not', ['is', 'event:props:foobar', ['foo']]]] }, noProps)).toBe(message)
    expect(messageOf({ dimensions: ['event:props:foobar'] }, noProps)).toBe(message)
  })

  it("allows the internal property keys without the feature ('can break down by an internal prop key…', 'can filter by an internal prop key…')", () => {
    expectAccepted({ dimensions: ['event:props:path'] }, noProps)
    expectAccepted({ filters: [['is', 'event:props:url', ['whatever']]] }, noProps)
  })

  it(`refuses revenue metrics without the feature (${qpb}: revenue metrics 'no access')`, () => {
    expect(
      messageOf({ metrics: ['total_revenue', 'average_revenue'] }, { features: { revenueGoals: false } }),
    ).toBe('The owner of this site does not have access to the revenue metrics feature.')
  })
})
