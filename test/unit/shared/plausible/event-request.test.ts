// The Events API's validation as ported from plausible/analytics (lib/plausible/ingestion/request.ex
// @69e5af5). Each title names the server test it ports: request_test.exs (RT, test/plausible/ingestion/)
// and external_controller_test.exs (ECT, test/plausible_web/controllers/api/); rules no server test
// covers name the request.ex function they come from.
import { describe, expect, it } from 'vitest'
import {
  buildEventRequest,
  readEventBody,
  type EventRequestResult,
} from '../../../../src/shared/plausible/event-request'

const build = (params: Record<string, unknown>, acceptsRevenue = true): EventRequestResult =>
  buildEventRequest(params, { acceptsRevenue })
const errorsOf = (params: Record<string, unknown>) => {
  const result = build(params)
  return result.ok ? null : result.errors
}
const requestOf = (params: Record<string, unknown>) => {
  const result = build(params)
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`)
  return result.request
}
const site = { name: 'pageview', domain: 'dummy.site' }
const unparsable = { request: ['Unable to parse request body as json'] }

describe('the body (request.ex parse_body)', () => {
  it("RT 'request cannot be built from non-json payload'; ECT 'returns error if JSON cannot be parsed'", () => {
    expect(readEventBody('defnotjson')).toEqual({ ok: false, errors: unparsable })
    expect(readEventBody('')).toEqual({ ok: false, errors: unparsable })
  })

  it("RT 'malicious input, technically valid json': text/plain refuses; application/json is Plug's `_json`", () => {
    expect(readEventBody('"<script>"')).toEqual({ ok: false, errors: unparsable })
    expect(readEventBody('[1]', 'text/plain; charset=utf-8')).toEqual({ ok: false, errors: unparsable })
    const wrapped = readEventBody('"<script>"', 'application/json')
    expect(wrapped).toEqual({ ok: true, params: { _json: '<script>' } })
    expect(wrapped.ok && errorsOf(wrapped.params)).toEqual({
      domain: ["can't be blank"],
      event_name: ["can't be blank"],
      url: ['is required'],
    })
  })

  it("RT 'long body length': a body past the read limit (null) is unparsable", () => {
    expect(readEventBody(null)).toEqual({ ok: false, errors: unparsable })
  })
})

describe('required fields', () => {
  it("RT 'request cannot be built from conn without payload': name, url and domain at once, keys sorted", () => {
    const errors = errorsOf({})
    expect(errors).toEqual({
      domain: ["can't be blank"],
      event_name: ["can't be blank"],
      url: ['is required'],
    })
    expect(Object.keys(errors!)).toEqual(['domain', 'event_name', 'url'])
  })

  it("ECT 'responds 400 when required fields are missing'", () => {
    expect(errorsOf({ domain: 'dummy.site', name: 'pageview' })).toEqual({ url: ['is required'] })
  })

  it("ECT 'responds 400 with errors when domain is missing' (a host-less url, domain nil)", () => {
    expect(errorsOf({ domain: null, url: 'about:config', name: 'pageview' })).toEqual({
      domain: ["can't be blank"],
    })
  })

  it("RT 'returns validation error when event name is blank' (nil, empty and blank alike)", () => {
    for (const name of [null, '', '   '])
      expect(errorsOf({ ...site, name, url: 'https://dummy.site/' })).toEqual({
        event_name: ["can't be blank"],
      })
  })
})

describe('event_name', () => {
  it("RT 'request can be built with numeric event name'", () => {
    expect(requestOf({ n: 404, d: 'dummy.site', u: 'http://dummy.site/index' }).name).toBe('404')
  })

  it("RT 'returns validation error when event name cannot be cast to string' (lists, maps, booleans, floats)", () => {
    for (const name of [['list', 'of', 'things'], { a: 1 }, true, 4.5])
      expect(errorsOf({ ...site, name, url: 'https://dummy.site/' })).toEqual({ event_name: ['is invalid'] })
  })

  it("RT 'returns validation error when event name is too long': at most 120 graphemes", () => {
    expect(errorsOf({ ...site, name: 'a'.repeat(500), url: 'https://dummy.site/' })).toEqual({
      event_name: ['should be at most 120 character(s)'],
    })
    expect(errorsOf({ ...site, name: 'a'.repeat(121), url: 'https://dummy.site/' })).not.toBeNull()
    expect(errorsOf({ ...site, name: 'a'.repeat(120), url: 'https://dummy.site/' })).toBeNull()
    // A family emoji is 11 UTF-16 units and one grapheme: 120 of them are 120 characters.
    const family = '👨‍👩‍👧‍👦'
    expect(errorsOf({ ...site, name: family.repeat(120), url: 'https://dummy.site/' })).toBeNull()
    expect(errorsOf({ ...site, name: family.repeat(121), url: 'https://dummy.site/' })).toEqual({
      event_name: ['should be at most 120 character(s)'],
    })
  })

  it('request.ex put_engagement_fields: an engagement needs an integer sd or a positive e', () => {
    const engagement = { ...site, name: 'engagement', url: 'https://dummy.site/' }
    const message = "engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"
    expect(errorsOf(engagement)).toEqual({ event_name: [message] })
    expect(errorsOf({ ...engagement, sd: 'x', e: 0 })).toEqual({ event_name: [message] })
    expect(errorsOf({ ...engagement, sd: -1, e: 30 * 24 * 3_600_000 })).toEqual({ event_name: [message] })
    expect(errorsOf({ ...engagement, sd: 0 })).toBeNull()
    expect(errorsOf({ ...engagement, sd: '101' })).toBeNull()
    expect(errorsOf({ ...engagement, e: '1500' })).toBeNull()
  })
})

describe('url', () => {
  it("RT 'returns validation error when using data uris' (any case; a leading space is no scheme)", () => {
    const data = 'data:text/html,%3Cscript%3Ealert%28%27hi%27%29%3B%3C%2Fscript%3E'
    expect(errorsOf({ ...site, url: data })).toEqual({ url: ['scheme is not allowed'] })
    expect(errorsOf({ ...site, url: 'DATA:text/plain,x' })).toEqual({ url: ['scheme is not allowed'] })
    expect(errorsOf({ ...site, url: ' data:text/plain,x' })).toBeNull()
  })

  it("RT 'returns validation error when url is too long': over 2000 bytes, and anything not a string", () => {
    expect(errorsOf({ ...site, url: `https://dummy.site/${'a'.repeat(5000)}` })).toEqual({
      url: ['must be a valid url'],
    })
    // 20 bytes and 990 two-byte characters: 2000 bytes exactly.
    const atLimit = `https://dummy.site/a${'é'.repeat(990)}`
    expect(errorsOf({ ...site, url: atLimit })).toBeNull()
    expect(errorsOf({ ...site, url: `${atLimit}a` })).toEqual({
      url: ['must be a valid url'],
    })
    for (const url of [5, true, ['https://dummy.site/'], { href: 'x' }])
      expect(errorsOf({ ...site, url })).toEqual({ url: ['must be a valid url'] })
  })

  it('request.ex put_uri: `u || url` — a false u reads url, a false url is not a string', () => {
    expect(errorsOf({ ...site, u: false, url: 'https://dummy.site/' })).toBeNull()
    expect(errorsOf({ ...site, u: false })).toEqual({ url: ['is required'] })
    expect(errorsOf({ ...site, url: false })).toEqual({ url: ['must be a valid url'] })
  })

  it('request.ex put_uri / put_pathname: an empty url is a url (path /), blank ones leave no pathname', () => {
    expect(requestOf({ ...site, url: '' })).toMatchObject({ hostname: '(none)', pathname: '/' })
    expect(errorsOf({ name: 'pageview', url: '' })).toEqual({ domain: ["can't be blank"] })
    expect(errorsOf({ ...site, url: '   ' })).toEqual({ pathname: ["can't be blank"] })
  })

  it("ECT 'defaults hostname to (none) when missing' and 'accepts chrome extension URLs'", () => {
    expect(requestOf({ ...site, url: 'file:///android_asset/www/index.html' }).hostname).toBe('(none)')
    expect(
      requestOf({ ...site, url: 'chrome-extension://liipgellkffekalgefpjolodblggkmjg/popup.html' }).hostname,
    ).toBe('liipgellkffekalgefpjolodblggkmjg')
  })

  it('request.ex put_hostname: a host that sanitizes to nothing leaves no hostname', () => {
    expect(errorsOf({ name: 'pageview', url: 'http://www./x' })).toEqual({ hostname: ["can't be blank"] })
  })

  it("RT 'hostname is (none) if host-less uri provided', 'hostname is set'; ECT 'www. is stripped from hostname'", () => {
    expect(requestOf({ ...site, url: 'about:config' }).hostname).toBe('(none)')
    expect(requestOf({ ...site, url: 'http://dummy.site/index.html' }).hostname).toBe('dummy.site')
    expect(requestOf({ ...site, url: 'http://www.example.com/' }).hostname).toBe('example.com')
    // Elixir keeps the host as written; the WHATWG parser would lower-case it.
    expect(requestOf({ ...site, url: 'http://Example.COM/' }).hostname).toBe('Example.COM')
  })

  it("RT 'pathname is set', 'pathname is set with hashMode'; ECT 'empty path defaults to /', 'trailing whitespace is removed'", () => {
    const url = 'http://dummy.site/pictures/index.html#foo'
    expect(requestOf({ ...site, url }).pathname).toBe('/pictures/index.html')
    expect(requestOf({ ...site, url, hashMode: 1 }).pathname).toBe('/pictures/index.html#foo')
    expect(requestOf({ ...site, url: 'http://www.example.com' }).pathname).toBe('/')
    expect(requestOf({ ...site, url: 'http://www.example.com/path ' }).pathname).toBe('/path')
  })

  it("ECT 'URL is decoded', 'records hash when in hash mode', 'does not record hash when hash mode is 0'", () => {
    expect(
      requestOf({
        ...site,
        url: 'http://www.example.com/opportunity/category/%D8%AC%D9%88%D8%A7%D8%A6%D8%B2-%D9%88%D9%85%D8%B3%D8%A7%D8%A8%D9%82%D8%A7%D8%AA',
      }).pathname,
    ).toBe('/opportunity/category/جوائز-ومسابقات')
    expect(requestOf({ n: 'pageview', u: 'http://www.example.com/#page-a', d: 'x', h: 1 }).pathname).toBe(
      '/#page-a',
    )
    expect(requestOf({ n: 'pageview', u: 'http://www.example.com/#page-a', d: 'x', h: 0 }).pathname).toBe('/')
  })

  it('request.ex put_request_params: hash_mode is cast as an integer (true, 1.5 and "x" are invalid)', () => {
    const url = 'http://dummy.site/#a'
    expect(requestOf({ ...site, url, hashMode: '1' }).pathname).toBe('/#a')
    for (const hashMode of [true, 1.5, 'x'])
      expect(errorsOf({ ...site, url, hashMode })).toEqual({ hash_mode: ['is invalid'] })
  })
})

describe('domain', () => {
  it("RT 'request can be built from URL alone', 'with domain', 'with domain using shorthands', 'for multiple domains'", () => {
    expect(requestOf({ name: 'pageview', url: 'http://dummy.site' })).toMatchObject({
      domains: ['dummy.site'],
      name: 'pageview',
      pathname: '/',
      hostname: 'dummy.site',
      props: {},
    })
    expect(requestOf({ n: 'pageview', d: 'dummy.site', u: 'http://dummy.site/index' }).domains).toEqual([
      'dummy.site',
    ])
    expect(
      requestOf({ n: 'pageview', d: 'dummy.site,crash.site', u: 'http://dummy.site/index' }).domains,
    ).toEqual(['dummy.site', 'crash.site'])
  })

  it('request.ex map_domains: blank is an error, a non-string falls back to the url, entries are trimmed and kept', () => {
    expect(errorsOf({ name: 'pageview', url: 'http://dummy.site/', domain: '  ' })).toEqual({
      domain: ["can't be blank"],
    })
    expect(requestOf({ name: 'pageview', url: 'http://dummy.site/', domain: 5 }).domains).toEqual([
      'dummy.site',
    ])
    expect(requestOf({ name: 'pageview', url: 'http://x/', domain: ' www.a.com , b.com,' }).domains).toEqual([
      'a.com',
      'b.com',
      '',
    ])
    // With no domain, a url the server refused gives no host to take: both fields are named.
    expect(errorsOf({ name: 'pageview', url: 'data:text/plain,x' })).toEqual({
      domain: ["can't be blank"],
      url: ['scheme is not allowed'],
    })
  })
})

describe('referrer, interactive', () => {
  it("RT 'truncates referrer when too long' (2000 graphemes; a non-string is none); 'request params are set'", () => {
    expect(requestOf({ ...site, url: 'https://dummy.site/', referrer: 'a'.repeat(2500) }).referrer).toBe(
      'a'.repeat(2000),
    )
    expect(requestOf({ ...site, url: 'https://dummy.site/', referrer: 5 }).referrer).toBeNull()
    const request = requestOf({
      ...site,
      url: 'http://dummy.site/index.html',
      referrer: 'https://example.com',
      hashMode: 1,
      props: { custom1: 'property1', custom2: 'property2' },
      v: 137,
    })
    expect(request).toMatchObject({
      referrer: 'https://example.com',
      props: { custom1: 'property1', custom2: 'property2' },
    })
  })

  it('request.ex put_interactive: a boolean; `i || interactive` makes a lone `"i": false` nil, so true', () => {
    const event = { ...site, url: 'https://dummy.site/' }
    expect(requestOf(event).interactive).toBe(true)
    expect(requestOf({ ...event, interactive: false }).interactive).toBe(false)
    expect(requestOf({ ...event, i: false }).interactive).toBe(true)
    expect(requestOf({ ...event, interactive: 'no' }).interactive).toBe(true)
  })
})

describe('props', () => {
  const event = { name: 'Signup', url: 'http://example.com/', domain: 'dummy.site' }

  it("RT 'returns validation error when props keys are too long' / 'props values are too long'", () => {
    const message = { props: ['keys should have at most 300 bytes and values 2000 bytes'] }
    expect(errorsOf({ ...event, props: { ['a'.repeat(500)]: 'abc' } })).toEqual(message)
    expect(errorsOf({ ...event, props: { abc: 'a'.repeat(2500) } })).toEqual(message)
    expect(errorsOf({ ...event, props: { ['é'.repeat(150)]: 'é'.repeat(1000) } })).toBeNull()
    expect(errorsOf({ ...event, props: { [`${'é'.repeat(150)}a`]: 'x' } })).toEqual(message)
  })

  it("ECT 'casts custom props to string', 'filters out bad props', 'ignores custom prop with array/map/empty string/nil value'", () => {
    expect(requestOf({ ...event, props: { bool_test: true, number_test: 12 } }).props).toEqual({
      bool_test: 'true',
      number_test: '12',
    })
    expect(
      requestOf({
        ...event,
        props: { false: null, '': false, good: true, '      ': '    ', '    ': 'value', key: '    ' },
      }).props,
    ).toEqual({ good: 'true' })
    expect(
      requestOf({ ...event, props: { wat: ['some-thing'], foo: { bar: 'baz' }, e: '', n: null, other: 'k' } })
        .props,
    ).toEqual({ other: 'k' })
  })

  it("ECT 'ignores malformed custom props', 'can send props stringified' (also under p, meta and m)", () => {
    expect(requestOf({ ...event, props: '"show-more:button"' }).props).toEqual({})
    expect(requestOf({ ...event, props: JSON.stringify({ number_test: 12 }) }).props).toEqual({
      number_test: '12',
    })
    expect(requestOf({ ...event, p: { a: 'p' } }).props).toEqual({ a: 'p' })
    expect(requestOf({ ...event, meta: { a: 'meta' }, props: { a: 'props' } }).props).toEqual({ a: 'meta' })
    expect(requestOf({ ...event, m: { a: 'm' }, meta: { a: 'meta' } }).props).toEqual({ a: 'm' })
  })

  it("RT 'trims prop list to 30 items when sending too many items': the 30 largest keys, checked after the cut", () => {
    const props = Object.fromEntries(
      Array.from({ length: 32 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v']),
    )
    expect(Object.keys(requestOf({ ...event, props }).props)).toEqual(Object.keys(props).slice(2).reverse())
    // The smallest key is left out before validate_props runs, so its length is no error.
    expect(errorsOf({ ...event, props: { ...props, ['a'.repeat(301)]: 'v' } })).toBeNull()
    expect(errorsOf({ ...event, props: { ...props, ['z'.repeat(301)]: 'v' } })).toEqual({
      props: ['keys should have at most 300 bytes and values 2000 bytes'],
    })
  })

  it('request.ex maybe_set_props_path_to_pathname: 404 and form goals get path from the pathname unless they have one', () => {
    expect(requestOf({ ...event, name: 404, url: 'https://dummy.site/missing?x=1' }).props).toEqual({
      path: '/missing',
    })
    expect(requestOf({ ...event, name: 'Form: Submission', props: { path: '/mine' } }).props).toEqual({
      path: '/mine',
    })
    expect(requestOf({ ...event, name: 'Signup' }).props).toEqual({})
  })
})

describe('revenue (Plausible.Ingestion.Request.Revenue, EE only)', () => {
  const event = { name: 'Payment', url: 'http://example.com/', domain: 'dummy.site' }

  it("RT 'parses revenue source field from a json string', 'sets revenue source with integer/float amount', 'parses string amounts into money structs'", () => {
    expect(requestOf({ ...event, revenue: '{"amount":20.2,"currency":"EUR"}' }).revenue).toEqual({
      currency: 'EUR',
      amount: '20.2',
    })
    expect(requestOf({ ...event, revenue: { amount: 20, currency: 'USD' } }).revenue?.amount).toBe('20')
    expect(requestOf({ ...event, $: { amount: '12.3', currency: 'USD' } }).revenue?.amount).toBe('12.3')
  })

  it("RT 'ignores revenue data when currency is invalid'; ECT 'does not fail when revenue value is invalid'", () => {
    expect(requestOf({ ...event, revenue: { amount: 1233.2, currency: 'EEEE' } }).revenue).toBeNull()
    expect(requestOf({ ...event, revenue: { amount: '1831d', currency: 'ADSIE' } }).revenue).toBeNull()
    expect(requestOf({ ...event, revenue: { amount: 'abc', currency: 'USD' } }).revenue).toBeNull()
    // Decimal.parse reads a leading number and leaves the rest.
    expect(requestOf({ ...event, revenue: { amount: '1831d', currency: 'USD' } }).revenue?.amount).toBe(
      '1831',
    )
  })

  it('request.ex put_revenue_source is on_ee: CE never reads it', () => {
    const result = build({ ...event, revenue: { amount: 1, currency: 'USD' } }, false)
    expect(result.ok && result.request.revenue).toBeNull()
  })
})
