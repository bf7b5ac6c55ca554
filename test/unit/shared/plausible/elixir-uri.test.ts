// Elixir's URI.parse/1 (lib/elixir/lib/uri.ex: the RFC 3986 appendix B regex and split_authority), as the
// Events API reads an event's url; the cases where the WHATWG parser would answer otherwise.
import { describe, expect, it } from 'vitest'
import { parseElixirUri, schemeOfElixirUri } from '../../../../src/shared/plausible/elixir-uri'

describe('parseElixirUri (uri.ex parse/1)', () => {
  it('splits scheme (lower-cased), host (as written), path, query and fragment', () => {
    expect(parseElixirUri('HTTPS://Shop.Example.com/a b?x=1#top')).toEqual({
      scheme: 'https',
      host: 'Shop.Example.com',
      path: '/a b',
      query: 'x=1',
      fragment: 'top',
    })
    expect(parseElixirUri('http://a.com')).toEqual({
      scheme: 'http',
      host: 'a.com',
      path: null,
      query: null,
      fragment: null,
    })
    expect(parseElixirUri('http://a.com/?#')).toMatchObject({ query: '', fragment: '' })
  })

  it('takes the host out of userinfo, port and IPv6 brackets (split_authority)', () => {
    expect(parseElixirUri('http://user:pw@a.com:8080/x').host).toBe('a.com')
    expect(parseElixirUri('http://a@b@c.com/').host).toBe('c.com')
    expect(parseElixirUri('http://[2001:db8::1]:80/').host).toBe('2001:db8::1')
    expect(parseElixirUri('http://:80/').host).toBeNull()
  })

  it('reads no host without an authority, and an empty one for scheme:///', () => {
    expect(parseElixirUri('about:config')).toMatchObject({ scheme: 'about', host: null, path: 'config' })
    expect(parseElixirUri('/pricing')).toMatchObject({ scheme: null, host: null, path: '/pricing' })
    expect(parseElixirUri('file:///android_asset/index.html')).toMatchObject({ scheme: 'file', host: '' })
    expect(parseElixirUri('')).toEqual({ scheme: null, host: null, path: null, query: null, fragment: null })
  })

  it('sees no scheme behind a leading space, and a scheme in a host with a port (as Elixir does)', () => {
    expect(parseElixirUri(' data:text/plain,x').scheme).toBeNull()
    expect(parseElixirUri('localhost:3000/x').scheme).toBe('localhost')
    expect(schemeOfElixirUri('DATA:x')).toBe('data')
    expect(schemeOfElixirUri('//a.com/x')).toBeNull()
  })
})
