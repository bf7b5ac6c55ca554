import { describe, expect, it } from 'vitest'
import {
  draftProblems,
  draftToEvent,
  emptyDraft,
  matchingGoals,
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

  it('reports the server’s words as the user types, by the form field they belong to', () => {
    expect(draftProblems({ ...emptyDraft, url: 'https://a.com/' })).toEqual({})
    expect(draftProblems({ ...emptyDraft, name: 'x'.repeat(121), url: 'data:text/plain,x' })).toEqual({
      name: ['should be at most 120 character(s)'],
      url: ['scheme is not allowed'],
      domain: ["can't be blank"],
    })
    // The server's hostname and pathname are what it read from the url.
    expect(draftProblems({ ...emptyDraft, url: 'http://www./x' })).toEqual({ url: ["can't be blank"] })
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
