import { describe, expect, it } from 'vitest'
import { acquisitionOf, clientIp, parseEventBody } from '../../../../src/core/sandbox/ingest'
import { viewSession } from '../../../../src/core/sandbox/session-view'
import { ingestSetup, ingestStart } from '../../../helpers/sandbox-ingest'

const now = ingestStart

const errorsOf = (body: unknown) => {
  const result = parseEventBody(JSON.stringify(body), true)
  return result.ok ? null : result.errors
}

describe('parseEventBody (the shared port of request.ex, test/unit/shared/plausible/event-request.test.ts)', () => {
  it('answers the server field errors, every field at once', () => {
    expect(errorsOf({ name: 'pageview' })).toEqual({ domain: ["can't be blank"], url: ['is required'] })
    expect(errorsOf({ name: 'pageview', url: 'data:text/html,hi', domain: 'x' })).toEqual({
      url: ['scheme is not allowed'],
    })
    expect(errorsOf({ name: '', url: 'https://x.test/' })).toEqual({ event_name: ["can't be blank"] })
    expect(errorsOf({ name: 'pageview', url: '/relative' })).toEqual({ domain: ["can't be blank"] })
    expect(errorsOf({ name: 'x'.repeat(121), url: 'https://x.test/' })).toEqual({
      event_name: ['should be at most 120 character(s)'],
    })
    expect(errorsOf({ n: 'pageview', u: 'https://x.test/', p: { ['k'.repeat(301)]: 'v' } })).toEqual({
      props: ['keys should have at most 300 bytes and values 2000 bytes'],
    })
    const unparsable = { request: ['Unable to parse request body as json'] }
    expect(parseEventBody('{oops', true)).toEqual({ ok: false, errors: unparsable })
    expect(parseEventBody(null, true)).toEqual({ ok: false, errors: unparsable })
    expect(parseEventBody('[1]', true)).toEqual({ ok: false, errors: unparsable })
    expect(parseEventBody('[1]', true, 'application/json')).toEqual({
      ok: false,
      errors: { domain: ["can't be blank"], event_name: ["can't be blank"], url: ['is required'] },
    })
  })

  it('reads short keys, takes the domain from the URL without www, and stringifies scalar props', () => {
    const result = parseEventBody(
      JSON.stringify({
        n: 42,
        u: 'https://www.shop.example.com/a%20b#top?x',
        r: 'https://news.ycombinator.com/item',
        p: JSON.stringify({ b: 1, a: true, list: [1], map: {}, empty: '', none: null, s: 'x' }),
        i: false,
        h: 1,
      }),
      true,
    )
    expect(result.ok && result.value).toMatchObject({
      name: '42',
      domains: ['shop.example.com'],
      hostname: 'shop.example.com',
      pathname: '/a b#top?x',
      props: { a: 'true', b: '1', s: 'x' },
      // `i || interactive`: a lone false short key is nil to the server, so the event stays interactive.
      interactive: true,
    })
  })

  it('keeps the 30 largest prop keys and accepts revenue only where revenue exists', () => {
    const props = Object.fromEntries(
      Array.from({ length: 32 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v']),
    )
    const body = {
      n: 'Purchase',
      u: 'https://x.test/',
      d: 'x.test',
      p: props,
      $: { currency: 'EUR', amount: '10.50' },
    }
    const cloud = parseEventBody(JSON.stringify(body), true)
    expect(cloud.ok && Object.keys(cloud.value.props)).toEqual(Object.keys(props).slice(2).reverse())
    expect(cloud.ok && cloud.value.revenue).toEqual({ currency: 'EUR', amount: '10.5' })
    const ce = parseEventBody(JSON.stringify(body), false)
    expect(ce.ok && ce.value.revenue).toBeNull()
    const invalid = parseEventBody(JSON.stringify({ ...body, $: { currency: 'euro', amount: 1 } }), true)
    expect(invalid.ok && invalid.value.revenue).toBeNull()
  })
})

describe('event store', () => {
  it('fans a domain list out and counts the unknown domain as dropped', () => {
    const { store, send } = ingestSetup()
    const result = send({
      name: 'pageview',
      url: 'https://shop.example.com/',
      domain: 'shop.example.com,docs.example.net,nope.test',
    })
    expect(result).toMatchObject({ status: 202, dropped: 1 })
    expect(store.counts()).toEqual({ received: 1, accepted: 2, dropped: 1, rejected: 0 })
    expect(store.accepted().map((event) => event.domain)).toEqual(['shop.example.com', 'docs.example.net'])
  })

  it('drops the empty entry of a domain list with a trailing comma (map_domains keeps it; no site has it)', () => {
    const { send } = ingestSetup()
    expect(
      send({ name: 'pageview', url: 'https://shop.example.com/', domain: 'shop.example.com,' }),
    ).toMatchObject({ status: 202, dropped: 1, accepted: [{ domain: 'shop.example.com' }] })
  })

  it('drops bots, spam referrers, locked sites and engagement without a visit', () => {
    const { registry, store, send } = ingestSetup()
    const event = { name: 'pageview', url: 'https://shop.example.com/', domain: 'shop.example.com' }
    expect(send(event, { userAgent: 'Mozilla/5.0 HeadlessChrome/131.0' })).toMatchObject({ dropped: 1 })
    expect(send({ ...event, referrer: 'https://semalt.com/' })).toMatchObject({ dropped: 1 })
    expect(send({ ...event, name: 'pageleave' })).toMatchObject({ dropped: 1 })
    registry.find('shop.example.com')!.plan.locked = true
    expect(send(event)).toMatchObject({ dropped: 1 })
    expect(store.counts()).toEqual({ received: 4, accepted: 0, dropped: 4, rejected: 0 })
  })

  it('builds one visit per visitor until 30 idle minutes, and a non-interactive event keeps the bounce', () => {
    const { registry, store, send, tick } = ingestSetup()
    const site = registry.find('docs.example.net')!
    send({
      name: 'pageview',
      url: 'https://docs.example.net/?utm_source=newsletter&utm_medium=email',
      domain: site.domain,
    })
    tick(10_000)
    send({ name: 'Scroll', url: 'https://docs.example.net/', domain: site.domain, interactive: false })
    const [visit] = store.sessionsBetween(site.id, now, now + 10_000)
    expect(visit!.events).toHaveLength(2)
    expect(visit!.visit).toMatchObject({
      source: 'newsletter',
      channel: 'Email',
      browser: 'Chrome',
      os: 'Windows',
    })
    expect(viewSession(visit!, now + 10_000)!.isBounce).toBe(true)
    tick(5_000)
    send({ name: 'pageview', url: 'https://docs.example.net/faq', domain: site.domain })
    expect(viewSession(visit!, now + 15_000)!.isBounce).toBe(false)
    tick(31 * 60_000)
    send({ name: 'pageview', url: 'https://docs.example.net/', domain: site.domain })
    send({ name: 'pageview', url: 'https://docs.example.net/', domain: site.domain }, { ip: '198.51.100.8' })
    const visits = store.sessionsBetween(site.id, now, now + 60 * 60_000)
    expect(visits).toHaveLength(3)
    expect(new Set(visits.map((session) => session.visitorId)).size).toBe(2)
  })
})

describe('acquisition and client IP', () => {
  it('names known referrers and prefers UTM tags', () => {
    const none = new URLSearchParams()
    expect(acquisitionOf('https://www.google.com/search?q=x', none, 'x.test')).toMatchObject({
      source: 'Google',
      channel: 'Organic Search',
      referrer: 'www.google.com/search',
    })
    expect(acquisitionOf('', none, 'x.test')).toMatchObject({ source: 'Direct / None', channel: 'Direct' })
    expect(acquisitionOf('https://x.test/pricing', none, 'x.test')).toMatchObject({ source: 'Direct / None' })
    expect(acquisitionOf('https://t.co/abc', new URLSearchParams('ref=producthunt'), 'x.test')).toMatchObject(
      {
        source: 'producthunt',
        channel: 'Organic Social',
      },
    )
  })

  it('takes the first valid forwarded address by the server precedence', () => {
    expect(clientIp({ 'x-forwarded-for': 'garbage, 203.0.113.5:8080, 10.0.0.1' }, '127.0.0.1')).toBe(
      '203.0.113.5',
    )
    expect(clientIp({ 'x-forwarded-for': '203.0.113.5', 'x-plausible-ip': '2001:db8::1' }, '127.0.0.1')).toBe(
      '2001:db8::1',
    )
    expect(clientIp({ forwarded: 'for="[2001:db8::2]:443"' }, '127.0.0.1')).toBe('2001:db8::2')
    expect(clientIp({}, '::ffff:127.0.0.1')).toBe('127.0.0.1')
  })
})
