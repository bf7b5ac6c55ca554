import { describe, expect, it } from 'vitest'
import type { Fetch } from '../../../../src/core/ports'
import { iconUrl, judgeIcon, maxIconBytes, requestIcon } from '../../../../src/core/site-icons/icon-request'

const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')
const headers = (entries: Record<string, string>): Headers => new Headers(entries)

describe('judgeIcon', () => {
  it('takes a found icon: an image the server marks no-store', () => {
    const answer = judgeIcon(
      200,
      headers({ 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' }),
      svg,
    )
    expect(answer).toEqual({ kind: 'icon', contentType: 'image/svg+xml', body: svg })
  })

  it("tells the server's placeholder (a month of browser cache) from an icon", () => {
    const answer = judgeIcon(
      200,
      headers({ 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=2592000' }),
      svg,
    )
    expect(answer).toEqual({ kind: 'none', reason: 'the server has no icon for this site' })
  })

  it('refuses what is not an image, an error status and an empty body', () => {
    expect(judgeIcon(200, headers({ 'content-type': 'text/html' }), svg)).toEqual({
      kind: 'none',
      reason: 'not an image (text/html)',
    })
    expect(judgeIcon(404, headers({ 'content-type': 'image/png' }), svg)).toEqual({
      kind: 'none',
      reason: 'HTTP 404',
    })
    expect(judgeIcon(200, headers({ 'content-type': 'image/png' }), Buffer.alloc(0))).toEqual({
      kind: 'none',
      reason: 'an empty image',
    })
  })

  it(`keeps an icon of exactly ${maxIconBytes} bytes and refuses one byte more`, () => {
    const png = headers({ 'content-type': 'image/png', 'cache-control': 'no-store' })
    expect(judgeIcon(200, png, Buffer.alloc(maxIconBytes, 1)).kind).toBe('icon')
    expect(judgeIcon(200, png, Buffer.alloc(maxIconBytes + 1, 1))).toEqual({
      kind: 'none',
      reason: `larger than ${maxIconBytes} bytes`,
    })
  })
})

describe('iconUrl', () => {
  it('asks the favicon route of the server, the domain encoded as one segment', () => {
    expect(iconUrl('https://stats.example.com/', 'example.com/blog')).toBe(
      'https://stats.example.com/favicon/sources/example.com%2Fblog',
    )
  })
})

describe('requestIcon', () => {
  it('asks with no key and no cookie: only an Accept header', async () => {
    const seen: Array<{ url: string; headers: unknown }> = []
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers })
      return new Response(svg, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' } })
    }) as unknown as Fetch
    const answer = await requestIcon(fetch, 'https://plausible.io', 'example.com')
    expect(answer.kind).toBe('icon')
    expect(seen).toEqual([
      { url: 'https://plausible.io/favicon/sources/example.com', headers: { accept: 'image/*' } },
    ])
  })
})
