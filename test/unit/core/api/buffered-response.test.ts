import { describe, expect, it } from 'vitest'
import { BufferedResponse, HeaderList } from '../../../../src/core/api/buffered-response'

describe('HeaderList', () => {
  it('keeps headers as fetch’s Headers does: names in any case, values of one name joined, listed by name', () => {
    const headers = new HeaderList({ 'X-B': ' two ', Accept: 'application/json' })
    headers.append('x-b', 'three')
    headers.append('Content-Type', 'text/plain')
    expect(headers.get('x-B')).toBe('two, three')
    expect(headers.get('accept')).toBe('application/json')
    expect(headers.get('missing')).toBeNull()
    expect(headers.has('CONTENT-TYPE')).toBe(true)
    expect([...headers.entries()]).toEqual([
      ['accept', 'application/json'],
      ['content-type', 'text/plain'],
      ['x-b', 'two, three'],
    ])
    const reference = new Headers({ 'X-B': ' two ', Accept: 'application/json' })
    reference.append('x-b', 'three')
    reference.append('Content-Type', 'text/plain')
    expect([...headers]).toEqual([...reference])
    headers.set('X-B', 'one')
    headers.delete('accept')
    const seen: string[] = []
    headers.forEach((value, name) => seen.push(`${name}=${value}`))
    expect(seen).toEqual(['content-type=text/plain', 'x-b=one'])
    expect([...headers.keys()]).toEqual(['content-type', 'x-b'])
  })

  it('is made from a list of pairs, a record or fetch’s Headers alike', () => {
    const expected = [
      ['authorization', 'Bearer k'],
      ['user-agent', 'plausible-desktop'],
    ]
    expect([
      ...new HeaderList([
        ['User-Agent', 'plausible-desktop'],
        ['Authorization', 'Bearer k'],
      ]),
    ]).toEqual(expected)
    expect([...new HeaderList({ authorization: 'Bearer k', 'user-agent': 'plausible-desktop' })]).toEqual(
      expected,
    )
    expect([
      ...new HeaderList(new Headers({ Authorization: 'Bearer k', 'User-Agent': 'plausible-desktop' })),
    ]).toEqual(expected)
    expect([...new HeaderList(undefined)]).toEqual([])
  })
})

describe('BufferedResponse', () => {
  const headers = new HeaderList({ 'retry-after': '120' })

  it('reads as a Response: status, ok, headers, text, json, bytes, and clones that read again', async () => {
    const response = new BufferedResponse(
      200,
      'OK',
      headers,
      Buffer.from('{"a":1}'),
      'http://x/q',
    ).asResponse()
    expect([response.status, response.statusText, response.ok, response.url]).toEqual([
      200,
      'OK',
      true,
      'http://x/q',
    ])
    expect(response.headers.get('Retry-After')).toBe('120')
    expect(await response.clone().text()).toBe('{"a":1}')
    expect(await response.json()).toEqual({ a: 1 })
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('{"a":1}')
    expect(await response.text()).toBe('{"a":1}')
  })

  it('is not ok outside 200–299, and has no body for a status that carries none', async () => {
    expect(new BufferedResponse(299, '', headers, Buffer.alloc(0), '').ok).toBe(true)
    expect(new BufferedResponse(300, '', headers, Buffer.alloc(0), '').ok).toBe(false)
    expect(new BufferedResponse(199, '', headers, Buffer.alloc(0), '').ok).toBe(false)
    expect(await new BufferedResponse(204, '', headers, Buffer.from('x'), '').text()).toBe('')
    expect(await new BufferedResponse(304, '', headers, Buffer.from('x'), '').text()).toBe('')
    expect(await new BufferedResponse(429, '', headers, Buffer.from('slow'), '').text()).toBe('slow')
  })
})
