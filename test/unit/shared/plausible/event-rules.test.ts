import { describe, expect, it } from 'vitest'
import { checkEvent } from '../../../../src/shared/plausible/event-rules'

describe('checkEvent: the url scheme', () => {
  it('takes http:// and https:// urls', () => {
    expect(checkEvent({ name: 'pageview', url: 'http://a.com/' })).toEqual({})
    expect(checkEvent({ name: 'pageview', url: 'HTTPS://a.com/' })).toEqual({})
  })

  it('refuses any other scheme, naming it (the server would take it and drop the event)', () => {
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

  it('keeps data: to its own message, and lets a url with no scheme through when the domain is given', () => {
    expect(checkEvent({ name: 'pageview', url: 'data:text/plain,x', domain: 'a.com' })).toEqual({
      url: ['scheme is not allowed (data: URLs are rejected)'],
    })
    expect(checkEvent({ name: 'pageview', url: '/pricing', domain: 'a.com' })).toEqual({})
  })
})
