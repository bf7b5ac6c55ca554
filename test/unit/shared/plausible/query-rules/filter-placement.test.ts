// Category 1 of issue 15: where each filter may stand — dimensions filtered only at the top level, custom
// properties under the special metrics, behavioural filters (what they hold, no nesting), and goals that
// must exist. Ported from test/plausible/stats/query/query_parse_and_build_test.exs @047f1c3 unless named.
import { describe, expect, it } from 'vitest'
import { expectAccepted, messageOf, refusalOf } from './helpers'

const qpb = 'query_parse_and_build_test.exs'
const goals = { goals: ['Signup', 'Visit /thank-you'] }

describe('top-level-only dimensions (event:goal, event:hostname)', () => {
  it(`refuses event:goal inside or (${qpb}: event:goal 'not top-level filter')`, () => {
    expect(
      refusalOf(
        {
          filters: [
            [
              'or',
              [
                ['is', 'event:goal', ['Signup']],
                ['is', 'event:name', ['pageview']],
              ],
            ],
          ],
        },
        goals,
      ),
    ).toEqual({
      rule: 'filter.top_level_only',
      message: 'Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
      pointer: '#/filters/0/1/0',
    })
  })

  it(`refuses event:hostname inside not (${qpb}: 'event:hostname filter not at top level is invalid')`, () => {
    expect(messageOf({ filters: [['not', ['is', 'event:hostname', ['a.plausible.io']]]] })).toBe(
      'Invalid filters. Dimension `event:hostname` can only be filtered at the top level.',
    )
    expectAccepted({ filters: [['is', 'event:hostname', ['a.plausible.io']]] })
  })

  it('refuses event:goal inside and and inside not, and names the first in tree order (query_builder.ex @031b6f9: validate_toplevel_only_filter_dimension)', () => {
    expect(messageOf({ filters: [['and', [['contains', 'event:goal', ['Sign']]]]] })).toBe(
      'Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
    )
    expect(
      messageOf({
        filters: [
          [
            'not',
            [
              'or',
              [
                ['is', 'event:hostname', ['a']],
                ['is', 'event:goal', ['Signup']],
              ],
            ],
          ],
        ],
      }),
    ).toBe('Invalid filters. Dimension `event:hostname` can only be filtered at the top level.')
  })

  it(`allows event:goal anywhere inside has_done (${qpb}: 'allowed within behavioral filters has_done')`, () => {
    expectAccepted(
      {
        filters: [
          [
            'has_done',
            [
              'or',
              [
                ['is', 'event:goal', ['Signup']],
                ['is', 'event:name', ['pageview']],
              ],
            ],
          ],
        ],
      },
      goals,
    )
    expectAccepted({ filters: [['not', ['has_not_done', ['is', 'event:hostname', ['a.plausible.io']]]]] })
  })

  it(`accepts nested not/and/or on other dimensions (${qpb}: 'valid nested \`not\`, \`and\` and \`or\`')`, () => {
    expectAccepted({
      filters: [
        [
          'or',
          [
            [
              'and',
              [
                ['is', 'visit:city_name', ['Tallinn']],
                ['is', 'visit:country_name', ['Estonia']],
              ],
            ],
            ['not', ['is', 'visit:country_name', ['Estonia']]],
          ],
        ],
      ],
    })
  })
})

describe('custom properties with conversion_rate / group_conversion_rate', () => {
  it(`refuses a custom property below the top level (${qpb}: 'not top level custom properties filter with special metric is invalid')`, () => {
    expect(
      refusalOf({
        metrics: ['conversion_rate', 'group_conversion_rate'],
        filters: [['not', ['is', 'event:props:foo', ['bar']]]],
        dimensions: ['event:goal'],
      }),
    ).toEqual({
      rule: 'filter.special_metric_props',
      message:
        'Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, custom property filters can only be used on top level.',
      pointer: '#/filters/0/1',
    })
  })

  it(`accepts one at the top level (${qpb}: 'custom properties filter with special metric')`, () => {
    expectAccepted({
      metrics: ['conversion_rate', 'group_conversion_rate'],
      filters: [['is', 'event:props:foo', ['bar']]],
      dimensions: ['event:goal'],
    })
  })

  it('counts custom properties inside has_done too, unlike the top-level rule (query_builder.ex: validate_special_metrics_filters)', () => {
    expect(
      messageOf({
        metrics: ['group_conversion_rate'],
        dimensions: ['event:goal'],
        filters: [['has_done', ['is', 'event:props:plan', ['pro']]]],
      }),
    ).toMatch(/^Invalid filters\. When `conversion_rate`/)
    expectAccepted({ metrics: ['visitors'], filters: [['not', ['is', 'event:props:plan', ['pro']]]] })
  })
})

describe('behavioural filters (has_done, has_not_done)', () => {
  it(`accepts event dimensions and goals inside them (${qpb}: 'valid has_done and has_not_done filters')`, () => {
    expectAccepted(
      {
        filters: [
          ['has_done', ['is', 'event:name', ['Signup']]],
          [
            'has_not_done',
            [
              'or',
              [
                ['is', 'event:goal', ['Signup']],
                ['is', 'event:page', ['/signup']],
              ],
            ],
          ],
        ],
      },
      goals,
    )
  })

  it(`refuses visit dimensions inside them (${qpb}: 'fails when using visit filters within has_done filters')`, () => {
    expect(refusalOf({ filters: [['has_done', ['is', 'visit:browser', ['Chrome']]]] })).toEqual({
      rule: 'filter.behavioral_event_only',
      message:
        'Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.',
      pointer: '#/filters/0/1',
    })
    expect(messageOf({ filters: [['has_not_done', ['not', ['is', 'visit:source', ['Google']]]]] })).toMatch(
      /can only be used with event dimension filters\.$/,
    )
  })

  it(`refuses one inside another, before what it holds (${qpb}: 'fails when nesting behavioral filters')`, () => {
    expect(
      messageOf({ filters: [['has_done', ['has_not_done', ['is', 'visit:browser', ['Chrome']]]]] }),
    ).toBe('Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.')
  })

  it('runs after the top-level rule: event:goal in or, beside a nested has_done, names the goal (query_builder.ex: build order)', () => {
    expect(
      messageOf({
        filters: [
          ['has_done', ['has_done', ['is', 'event:name', ['a']]]],
          ['or', [['is', 'event:goal', ['Signup']]]],
        ],
      }),
    ).toBe('Invalid filters. Dimension `event:goal` can only be filtered at the top level.')
  })
})

describe('goals that must exist', () => {
  it(`accepts configured event and page goals (${qpb}: event:goal 'valid filters')`, () => {
    expectAccepted({ filters: [['is', 'event:goal', ['Signup', 'Visit /thank-you']]] }, goals)
  })

  it(`refuses a goal the site lacks, naming it (${qpb}: 'invalid event filter', 'invalid page filter')`, () => {
    expect(refusalOf({ filters: [['is', 'event:goal', ['Signup', 'Purchase']]] }, goals)).toEqual({
      rule: 'filter.goal_not_configured',
      message:
        'Invalid filters. The goal `Purchase` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
      pointer: '#/filters/0/2/1',
    })
    expect(messageOf({ filters: [['is', 'event:goal', ['Visit /thank-you']]] }, { goals: [] })).toMatch(
      /^Invalid filters\. The goal `Visit \/thank-you` is not configured/,
    )
  })

  it("checks goals inside has_done too (query_builder_test.exs: 'event goal name is checked within behavioral filters')", () => {
    expect(
      messageOf({ filters: [['has_done', ['is', 'event:goal', ['Unknown']]]] }, { goals: ['Signup'] }),
    ).toMatch(/^Invalid filters\. The goal `Unknown` is not configured/)
  })

  it(`does not check contains, nor is with the case modifier (${qpb}: preloading goals 'with contains match', 'with case insensitive match')`, () => {
    expectAccepted({ filters: [['contains', 'event:goal', ['Sign', 'pur']]] }, goals)
    expectAccepted(
      { filters: [['is', 'event:goal', ['signup', 'purchase'], { case_sensitive: false }]] },
      goals,
    )
  })

  it('leaves the goal check to the server when the goals are unknown (the client before a request)', () => {
    expectAccepted({ filters: [['is', 'event:goal', ['Anything']]] })
  })
})
