// What the overview shows of its cards, and in which order: the search, the sort (visitors, change,
// name), the tray's pins on top, which card an arrow key moves to, and the refresh line. Pure, so the
// window's behaviour is tested without a browser.
import { untilText } from './age-text'

/** What ordering needs of a card. */
export interface OverviewOrderable {
  account: string
  /** The site's domain, as overview.get names it. */
  site: string
  /** Visitors in the last 24 hours; null while unknown (never fetched, or its site failed first). */
  visitors: number | null
  /** Change against the 24 hours before, in percent; null when there is nothing to compare. */
  change: number | null
}

export const overviewSorts = ['visitors', 'change', 'name'] as const
export type OverviewSort = (typeof overviewSorts)[number]

export const overviewLayouts = ['grid', 'list'] as const
export type OverviewLayout = (typeof overviewLayouts)[number]

export interface PinRef {
  account: string
  site: string
}

/** A card matches when its domain or its account's alias holds every word of the search, in any case. */
export function matchesSearch(card: Pick<OverviewOrderable, 'account' | 'site'>, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const text = `${card.site}\n${card.account}`.toLowerCase()
  return words.every((word) => text.includes(word))
}

const byName = (a: OverviewOrderable, b: OverviewOrderable): number =>
  a.site.localeCompare(b.site, 'en') || a.account.localeCompare(b.account, 'en')

/** Highest first; an unknown number goes after every known one, whatever the direction. */
const byNumber =
  (pick: (card: OverviewOrderable) => number | null) =>
  (a: OverviewOrderable, b: OverviewOrderable): number => {
    const x = pick(a)
    const y = pick(b)
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    return y - x
  }

const comparators: Record<OverviewSort, (a: OverviewOrderable, b: OverviewOrderable) => number> = {
  visitors: byNumber((card) => card.visitors),
  change: byNumber((card) => card.change),
  name: () => 0,
}

export interface OrderOptions {
  sort: OverviewSort
  search?: string
  /** The tray's pins: these cards come first, in the pins' order, whatever the sort. */
  pins?: readonly PinRef[]
}

/** The cards to show: those matching the search, the pinned ones first, the rest by the sort, ties by name. */
export function orderOverview<C extends OverviewOrderable>(cards: readonly C[], options: OrderOptions): C[] {
  const pinRank = new Map((options.pins ?? []).map((pin, index) => [pinKey(pin.account, pin.site), index]))
  const rank = (card: C): number => pinRank.get(pinKey(card.account, card.site)) ?? Number.POSITIVE_INFINITY
  const compare = comparators[options.sort]
  return cards
    .filter((card) => matchesSearch(card, options.search ?? ''))
    .sort((a, b) => {
      const pinned = rank(a) - rank(b)
      if (pinned !== 0 && !Number.isNaN(pinned)) return pinned
      return compare(a, b) || byName(a, b)
    })
}

export function isPinned(
  card: Pick<OverviewOrderable, 'account' | 'site'>,
  pins: readonly PinRef[],
): boolean {
  return pins.some((pin) => pin.account === card.account && pin.site === card.site)
}

/** The tray's pins in their order, from the cards' own places among them (overview.get's pinIndex). */
export function pinsOf(
  cards: ReadonlyArray<Pick<OverviewOrderable, 'account' | 'site'> & { pinIndex: number | null }>,
): PinRef[] {
  return cards
    .filter((card) => card.pinIndex !== null)
    .sort((a, b) => (a.pinIndex ?? 0) - (b.pinIndex ?? 0))
    .map((card) => ({ account: card.account, site: card.site }))
}

function pinKey(account: string, site: string): string {
  return `${account}\n${site}`
}

/**
 * The card an arrow key moves to from `index`, in a grid of `columns` (1 in the list): left and right
 * step through the cards in reading order, up and down a row; Home and End the first and last. Stays put
 * at an edge. -1 when there is no card at all.
 */
export function neighbourCard(index: number, key: string, count: number, columns: number): number {
  if (count === 0) return -1
  const from = Math.min(Math.max(index, 0), count - 1)
  const step = Math.max(1, Math.floor(columns))
  switch (key) {
    case 'arrowleft':
      return Math.max(from - 1, 0)
    case 'arrowright':
      return Math.min(from + 1, count - 1)
    case 'arrowup':
      return from - step >= 0 ? from - step : from
    case 'arrowdown':
      return from + step < count ? from + step : from
    case 'home':
      return 0
    case 'end':
      return count - 1
    default:
      return from
  }
}

const plural = (count: number, one: string, many: string): string =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`

/**
 * The line over the cards: "23 sites · 23 requests per refresh · next in 12 min". `nextInMs` null: no
 * refresh is planned (nothing to refresh, or every account waits for its hour), said by `waiting`.
 */
export function refreshLine(input: {
  sites: number
  requestsPerRefresh: number
  nextInMs: number | null
  waiting?: string
}): string {
  const parts = [
    plural(input.sites, 'site', 'sites'),
    `${plural(input.requestsPerRefresh, 'request', 'requests')} per refresh`,
  ]
  if (input.nextInMs !== null) parts.push(`next ${untilText(input.nextInMs)}`)
  else if (input.waiting) parts.push(input.waiting)
  return parts.join(' · ')
}
