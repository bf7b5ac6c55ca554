// checkEvent: the server's validation (event-request.ts) on the body the client sends, plus our rules for
// what the server takes and then loses without a word. Server tests named as in event-request.test.ts.
import { describe, expect, it } from 'vitest'
import { buildEventRequest } from '../../../../src/shared/plausible/event-request'
import { checkEvent, eventWireBody } from '../../../../src/shared/plausible/event-rules'

const serverErrors = (body: Record<string, unknown>) => {
  const result = buildEventRequest(body, { acceptsRevenue: true })
  return result.ok ? {} : result.errors
}

describe('checkEvent: the server’s map, word for word', () => {
  it("RT 'request cannot be built from conn without payload': every field the server names, keys sorted", () => {
    const errors = checkEvent({ name: '', url: undefined })
    expect(errors).toEqual({
      domain: ["can't be blank"],
      event_name: ["can't be blank"],
      url: ['is required'],
    })
    expect(Object.keys(errors)).toEqual(['domain', 'event_name', 'url'])
  })

  it("RT 'returns validation error when event name is too long', 'when using data uris', 'when url is too long'", () => {
    expect(checkEvent({ name: 'x'.repeat(121), url: 'data:text/html,hi', domain: 'a.com' })).toEqual({
      event_name: ['should be at most 120 character(s)'],
      url: ['scheme is not allowed'],
    })
    // No domain and a url the server refused: no host to take the domain from, so both are named.
    expect(checkEvent({ name: 'a', url: `https://a.com/${'é'.repeat(1000)}` })).toEqual({
      domain: ["can't be blank"],
      url: ['must be a valid url'],
    })
  })

  it("RT 'returns validation error when props keys are too long'", () => {
    expect(checkEvent({ name: 'a', url: 'https://a.com/', props: { ['k'.repeat(301)]: 'v' } })).toEqual({
      props: ['keys should have at most 300 bytes and values 2000 bytes'],
    })
  })

  it('request.ex put_engagement_fields: an engagement event cannot be sent from here (no sd or e)', () => {
    expect(checkEvent({ name: 'engagement', url: 'https://a.com/' })).toEqual({
      event_name: ["engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"],
    })
  })

  it('is what the server answers for the body the client sends (hashMode as 1)', () => {
    const events = [
      { name: 'pageview', url: 'https://a.com/#x', hashMode: true },
      { name: 42, url: '/pricing' },
      { name: 'pageview', url: 'http://www./x', domain: 'a.com' },
      { name: 'pageview', url: '   ', domain: 'a.com' },
    ]
    for (const event of events) expect(checkEvent(event)).toEqual(serverErrors(eventWireBody(event)))
    expect(eventWireBody(events[0]!)).toEqual({ name: 'pageview', url: 'https://a.com/#x', hashMode: 1 })
  })
})

describe('checkEvent: our rules for what the server would lose with a 202', () => {
  it('takes http:// and https:// urls and urls without a scheme', () => {
    expect(checkEvent({ name: 'pageview', url: 'http://a.com/' })).toEqual({})
    expect(checkEvent({ name: 'pageview', url: 'HTTPS://a.com/' })).toEqual({})
    expect(checkEvent({ name: 'pageview', url: '/pricing', domain: 'a.com' })).toEqual({})
  })

  it('refuses any other scheme, naming it (issue 12: the server takes it and drops the event)', () => {
    expect(checkEvent({ name: 'pageview', url: 'ftp://x' })).toEqual({
      url: ['must be an http:// or https:// URL (it is ftp:)'],
    })
    expect(checkEvent({ name: 'pageview', url: 'file:///etc/hosts', domain: 'a.com' })).toEqual({
      url: ['must be an http:// or https:// URL (it is file:)'],
    })
    expect(checkEvent({ name: 'pageview', url: 'mailto:me@a.com', domain: 'a.com' }).url).toEqual([
      'must be an http:// or https:// URL (it is mailto:)',
    ])
  })

  it('leaves data: to the server’s words', () => {
    expect(checkEvent({ name: 'pageview', url: 'data:text/plain,x', domain: 'a.com' })).toEqual({
      url: ['scheme is not allowed'],
    })
  })

  it('names props the server would drop: past 30, lists and maps, blank keys or values', () => {
    const props = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']))
    expect(checkEvent({ name: 'a', url: 'https://a.com/', props })).toEqual({
      props: ['at most 30 properties are kept (this event has 31)'],
    })
    expect(
      checkEvent({ name: 'a', url: 'https://a.com/', props: { list: [1], ' ': 'x', e: ' ', n: null } }),
    ).toEqual({
      props: [
        '"list" must be a string, number or boolean (lists and maps are dropped)',
        'the key " " is blank (it would be dropped)',
        'the value of "e" is empty (it would be dropped)',
        '"n" must be a string, number or boolean (lists and maps are dropped)',
      ],
    })
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v']))
    expect(checkEvent({ name: 'a', url: 'https://a.com/', props: thirty })).toEqual({})
    // SystemGoals: a 404 without a path prop gets one, which pushes the 30th prop out.
    expect(checkEvent({ name: 404, url: 'https://a.com/x', props: thirty })).toEqual({
      props: ['at most 30 properties are kept (this event has 31 with the path the server adds)'],
    })
    const { k0: _dropped, ...twentyNine } = thirty
    expect(checkEvent({ name: 404, url: 'https://a.com/x', props: { ...twentyNine, path: '/x' } })).toEqual(
      {},
    )
  })

  it('names a revenue plausible.io would discard, and takes what Decimal.parse reads', () => {
    const event = { name: 'Purchase', url: 'https://a.com/' }
    expect(checkEvent({ ...event, revenue: { currency: 'euro', amount: 'x' } })).toEqual({
      revenue: ['currency must be a 3-letter ISO code such as USD', 'amount must be a number'],
    })
    expect(checkEvent({ ...event, revenue: { currency: 'EUR', amount: '10.50' } })).toEqual({})
    expect(checkEvent({ ...event, revenue: { currency: 'EUR', amount: '12 EUR' } })).toEqual({})
  })
})
