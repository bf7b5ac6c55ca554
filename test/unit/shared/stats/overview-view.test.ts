import { describe, expect, it } from 'vitest'
import {
  isPinned,
  matchesSearch,
  neighbourCard,
  orderOverview,
  pinsOf,
  refreshLine,
  type OverviewOrderable,
} from '../../../../src/shared/stats/overview-view'

const card = (
  account: string,
  site: string,
  visitors: number | null,
  change: number | null,
): OverviewOrderable => ({ account, site, visitors, change })

const cards = [
  card('demo', 'shop.example.com', 120, -5),
  card('work', 'blog.example.org', 900, 12),
  card('demo', 'blog.example.org', 40, null),
  card('work', 'docs.example.net', null, null),
  card('work', 'api.example.net', 120, 30),
]
const names = (list: OverviewOrderable[]): string[] => list.map((c) => `${c.account}/${c.site}`)

describe('orderOverview', () => {
  it('sorts by visitors, highest first, unknown last, ties by domain then account', () => {
    expect(names(orderOverview(cards, { sort: 'visitors' }))).toEqual([
      'work/blog.example.org',
      'work/api.example.net',
      'demo/shop.example.com',
      'demo/blog.example.org',
      'work/docs.example.net',
    ])
  })

  it('sorts by change, a rise first, a fall after, no comparison last', () => {
    expect(names(orderOverview(cards, { sort: 'change' }))).toEqual([
      'work/api.example.net',
      'work/blog.example.org',
      'demo/shop.example.com',
      'demo/blog.example.org',
      'work/docs.example.net',
    ])
  })

  it('sorts by name: domain, then the account for one domain in two accounts', () => {
    expect(names(orderOverview(cards, { sort: 'name' }))).toEqual([
      'work/api.example.net',
      'demo/blog.example.org',
      'work/blog.example.org',
      'work/docs.example.net',
      'demo/shop.example.com',
    ])
  })

  it('puts the pinned cards first in the pins’ order, whatever the sort', () => {
    const pins = [
      { account: 'work', site: 'docs.example.net' },
      { account: 'demo', site: 'blog.example.org' },
      { account: 'demo', site: 'not-listed.example' },
    ]
    expect(names(orderOverview(cards, { sort: 'visitors', pins }))).toEqual([
      'work/docs.example.net',
      'demo/blog.example.org',
      'work/blog.example.org',
      'work/api.example.net',
      'demo/shop.example.com',
    ])
    expect(names(orderOverview(cards, { sort: 'name', pins })).slice(0, 3)).toEqual([
      'work/docs.example.net',
      'demo/blog.example.org',
      'work/api.example.net',
    ])
  })

  it('pins a site of one account only, not the same domain in another', () => {
    const pins = [{ account: 'work', site: 'blog.example.org' }]
    const ordered = names(orderOverview(cards, { sort: 'name', pins }))
    expect(ordered[0]).toBe('work/blog.example.org')
    expect(ordered.indexOf('demo/blog.example.org')).toBe(2)
    expect(isPinned(cards[1]!, pins)).toBe(true)
    expect(isPinned(cards[2]!, pins)).toBe(false)
  })

  it('keeps only the cards the search matches, pinned ones included', () => {
    const pins = [{ account: 'demo', site: 'shop.example.com' }]
    expect(names(orderOverview(cards, { sort: 'visitors', search: 'BLOG', pins }))).toEqual([
      'work/blog.example.org',
      'demo/blog.example.org',
    ])
    expect(names(orderOverview(cards, { sort: 'name', search: '.net' }))).toEqual([
      'work/api.example.net',
      'work/docs.example.net',
    ])
    expect(orderOverview(cards, { sort: 'name', search: 'nothing-like-it' })).toEqual([])
  })

  it('does not reorder the list it is given', () => {
    const before = names(cards)
    orderOverview(cards, { sort: 'name' })
    expect(names(cards)).toEqual(before)
  })
})

describe('pinsOf', () => {
  it('reads the pins, in their order, from the cards’ places among them', () => {
    expect(
      pinsOf([
        { account: 'demo', site: 'a.example', pinIndex: 2 },
        { account: 'work', site: 'b.example', pinIndex: null },
        { account: 'work', site: 'c.example', pinIndex: 0 },
        { account: 'demo', site: 'd.example', pinIndex: 1 },
      ]),
    ).toEqual([
      { account: 'work', site: 'c.example' },
      { account: 'demo', site: 'd.example' },
      { account: 'demo', site: 'a.example' },
    ])
  })
})

describe('matchesSearch', () => {
  it('matches the domain or the account alias, every word, in any case', () => {
    const shop = { account: 'demo', site: 'shop.example.com' }
    expect(matchesSearch(shop, '')).toBe(true)
    expect(matchesSearch(shop, '   ')).toBe(true)
    expect(matchesSearch(shop, 'Shop')).toBe(true)
    expect(matchesSearch(shop, 'demo')).toBe(true)
    expect(matchesSearch(shop, 'demo shop')).toBe(true)
    expect(matchesSearch(shop, 'work shop')).toBe(false)
    expect(matchesSearch(shop, 'blog')).toBe(false)
  })
})

describe('neighbourCard', () => {
  it('steps left and right in reading order and stops at the ends', () => {
    expect(neighbourCard(0, 'arrowright', 5, 3)).toBe(1)
    expect(neighbourCard(2, 'arrowright', 5, 3)).toBe(3)
    expect(neighbourCard(4, 'arrowright', 5, 3)).toBe(4)
    expect(neighbourCard(3, 'arrowleft', 5, 3)).toBe(2)
    expect(neighbourCard(0, 'arrowleft', 5, 3)).toBe(0)
  })

  it('moves a row up or down in a grid, and stays when that row has no card there', () => {
    expect(neighbourCard(1, 'arrowdown', 5, 3)).toBe(4)
    expect(neighbourCard(2, 'arrowdown', 5, 3)).toBe(2)
    expect(neighbourCard(4, 'arrowup', 5, 3)).toBe(1)
    expect(neighbourCard(1, 'arrowup', 5, 3)).toBe(1)
  })

  it('moves one card up or down in the list (one column)', () => {
    expect(neighbourCard(1, 'arrowdown', 5, 1)).toBe(2)
    expect(neighbourCard(1, 'arrowup', 5, 1)).toBe(0)
    expect(neighbourCard(4, 'arrowdown', 5, 1)).toBe(4)
  })

  it('jumps to the first and last card; no card is -1; an index past the end starts from the last', () => {
    expect(neighbourCard(3, 'home', 5, 3)).toBe(0)
    expect(neighbourCard(0, 'end', 5, 3)).toBe(4)
    expect(neighbourCard(0, 'arrowright', 0, 3)).toBe(-1)
    expect(neighbourCard(9, 'arrowleft', 5, 1)).toBe(3)
    expect(neighbourCard(2, 'x', 5, 1)).toBe(2)
  })
})

describe('refreshLine', () => {
  it('says how many sites, what a refresh costs and when the next one is', () => {
    expect(refreshLine({ sites: 23, requestsPerRefresh: 23, nextInMs: 12 * 60_000 })).toBe(
      '23 sites · 23 requests per refresh · next in 12 min',
    )
    expect(refreshLine({ sites: 1, requestsPerRefresh: 1, nextInMs: 30_000 })).toBe(
      '1 site · 1 request per refresh · next in under a minute',
    )
  })

  it('says why there is no next refresh, or nothing about it', () => {
    expect(
      refreshLine({ sites: 2, requestsPerRefresh: 0, nextInMs: null, waiting: 'waiting for the hour' }),
    ).toBe('2 sites · 0 requests per refresh · waiting for the hour')
    expect(refreshLine({ sites: 1200, requestsPerRefresh: 1200, nextInMs: null })).toBe(
      '1,200 sites · 1,200 requests per refresh',
    )
  })
})
