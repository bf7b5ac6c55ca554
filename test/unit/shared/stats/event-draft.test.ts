import { describe, expect, it } from 'vitest'
import {
  draftProblems,
  draftToEvent,
  emptyDraft,
  matchingGoals,
  parseCsv,
  parseEventFile,
} from '../../../../src/shared/stats/event-draft'

const goals = [
  { displayName: 'Signup', goalType: 'event' as const, eventName: 'Signup', pagePath: null },
  { displayName: 'Visit /pricing', goalType: 'page' as const, eventName: null, pagePath: '/pricing' },
  { displayName: 'Blog posts', goalType: 'page' as const, eventName: null, pagePath: '/blog/*' },
]

describe('draftToEvent', () => {
  it('leaves out empty optional fields and keyless property rows, and upper-cases the currency', () => {
    expect(
      draftToEvent({
        ...emptyDraft,
        name: ' Signup ',
        url: 'https://a.com/x',
        props: [
          { key: 'plan', value: 'pro' },
          { key: ' ', value: 'ignored' },
        ],
        revenueAmount: '9.5',
        revenueCurrency: 'eur',
      }),
    ).toEqual({
      name: 'Signup',
      url: 'https://a.com/x',
      props: { plan: 'pro' },
      revenue: { currency: 'EUR', amount: '9.5' },
    })
  })

  it('reports the Events API rules field by field as the user types', () => {
    expect(draftProblems({ ...emptyDraft, url: 'https://a.com/' })).toEqual({})
    expect(draftProblems({ ...emptyDraft, name: 'x'.repeat(121), url: 'data:text/plain,x' })).toEqual({
      name: ['must be at most 120 characters (it has 121)'],
      url: ['scheme is not allowed (data: URLs are rejected)'],
      domain: ["can't be blank (give the site's domain, or an absolute url to take it from)"],
    })
  })
})

describe('matchingGoals', () => {
  it('matches a custom event to the event goal of the same name only', () => {
    expect(matchingGoals({ name: 'Signup', url: 'https://a.com/' }, goals).map((g) => g.displayName)).toEqual(
      ['Signup'],
    )
    expect(matchingGoals({ name: 'signup', url: 'https://a.com/' }, goals)).toEqual([])
  })

  it('matches a pageview to page goals by path, with * wildcards', () => {
    expect(matchingGoals({ name: 'pageview', url: 'https://a.com/pricing?x=1' }, goals)).toEqual([goals[1]])
    expect(matchingGoals({ name: 'pageview', url: 'https://a.com/blog/hello' }, goals)).toEqual([goals[2]])
    expect(matchingGoals({ name: 'pageview', url: 'https://a.com/pricing/more' }, goals)).toEqual([])
    expect(matchingGoals({ name: 'pageview', url: 'not a url' }, goals)).toEqual([])
  })
})

describe('parseEventFile', () => {
  it('reads NDJSON line by line, refusing bad JSON, unknown fields and rule breaks with their line', () => {
    const text = [
      '{"name":"pageview","url":"https://a.com/"}',
      '',
      '{"name":"pageview","url":"https://a.com/", "n":"x"}',
      'not json',
      '{"name":"pageview","url":"data:x","domain":"a.com"}',
    ].join('\n')
    const parsed = parseEventFile(text, 'events.ndjson')
    expect(parsed.format).toBe('ndjson')
    expect(parsed.valid).toBe(1)
    expect(parsed.invalid).toBe(3)
    expect(parsed.lines.map((l) => [l.line, l.problems])).toEqual([
      [1, []],
      [
        3,
        [
          'unknown field "n" (use long keys: name, url, domain, referrer, props, revenue, interactive, hashMode)',
        ],
      ],
      [4, ['not valid JSON']],
      [5, ['url scheme is not allowed (data: URLs are rejected)']],
    ])
  })

  it('reads CSV with props.<key> columns and revenue, quoted cells included', () => {
    const text =
      'name,url,domain,props.plan,revenue_amount,revenue_currency\n' +
      'Purchase,https://a.com/buy,a.com,"pro, yearly",19.9,EUR\r\n' +
      'pageview,https://a.com/,,,,\n'
    const parsed = parseEventFile(text, 'events.csv')
    expect(parsed.format).toBe('csv')
    expect(parsed.lines.map((l) => l.event)).toEqual([
      {
        name: 'Purchase',
        url: 'https://a.com/buy',
        domain: 'a.com',
        props: { plan: 'pro, yearly' },
        revenue: { currency: 'EUR', amount: '19.9' },
      },
      { name: 'pageview', url: 'https://a.com/' },
    ])
    expect(parsed.valid).toBe(2)
  })

  it('refuses a CSV header without name and url, or with an unknown column', () => {
    expect(parseEventFile('name,page\nx,y\n', 'a.csv').lines[0]?.problems).toEqual([
      'unknown column "page" (columns: name, url, domain, referrer, revenue_amount, revenue_currency, props.<key>)',
    ])
    expect(parseEventFile('name,domain\nx,y\n', 'a.csv').lines[0]?.problems).toEqual([
      'the header needs at least the columns name and url',
    ])
  })
})

describe('parseCsv', () => {
  it('keeps doubled quotes and line breaks inside quoted cells, numbering rows by their first line', () => {
    expect(parseCsv('a,"b ""c""\nd"\ne,f')).toEqual([
      { line: 1, cells: ['a', 'b "c"\nd'] },
      { line: 3, cells: ['e', 'f'] },
    ])
  })
})
