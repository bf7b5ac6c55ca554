// The sandbox's seeded sites: domain, time zone and the traffic profile each one is generated from.
import { acquisitions, placeTable, type Acquisition, type Place } from './catalog'
import { weightedTable, type WeightedTable } from './random'

export interface SiteProfile {
  domain: string
  /** IANA zone: every date range, bucket and label of this site is computed in it (§8). */
  timezone: string
  /** Sessions on an average weekday at the middle of the growth curve. */
  baseVisits: number
  /** Weekend volume relative to a weekday. */
  weekendFactor: number
  /** Share of sessions with a single pageview. */
  bounceShare: number
  /** Chance that a multi-page session signs up without having seen /pricing. */
  signupRate: number
  /** Chance of a traffic spike day (a front-page link), which multiplies volume and boosts `spikeSource`. */
  spikeChance: number
  spikeSource: Acquisition
  sources: WeightedTable<Acquisition>
  places: WeightedTable<Place>
  pages: WeightedTable<string>
  /** Deep pages that search and social visitors land on. */
  landingPages: WeightedTable<string>
}

const shop: SiteProfile = {
  domain: 'shop.example.com',
  timezone: 'Europe/Berlin',
  baseVisits: 520,
  weekendFactor: 0.8,
  bounceShare: 0.38,
  signupRate: 0.03,
  spikeChance: 0.01,
  spikeSource: acquisitions.twitter,
  sources: weightedTable([
    [acquisitions.direct, 30],
    [acquisitions.google, 38],
    [acquisitions.duckduckgo, 5],
    [acquisitions.bing, 4],
    [acquisitions.twitter, 6],
    [acquisitions.reddit, 3],
    [acquisitions.newsletter, 12],
    [acquisitions.hackerNews, 2],
  ]),
  places: placeTable('europe'),
  pages: weightedTable([
    ['/', 20],
    ['/products', 18],
    ['/products/linen-shirt', 9],
    ['/products/wool-sweater', 8],
    ['/products/canvas-sneakers', 7],
    ['/products/leather-wallet', 5],
    ['/pricing', 8],
    ['/cart', 8],
    ['/checkout', 4],
    ['/about', 3],
    ['/blog/spring-lookbook', 3],
    ['/contact', 2],
  ]),
  landingPages: weightedTable([
    ['/products', 10],
    ['/products/linen-shirt', 8],
    ['/products/wool-sweater', 7],
    ['/products/canvas-sneakers', 6],
    ['/products/leather-wallet', 4],
    ['/blog/spring-lookbook', 4],
    ['/pricing', 3],
  ]),
}

const blog: SiteProfile = {
  domain: 'blog.example.org',
  timezone: 'America/New_York',
  baseVisits: 340,
  weekendFactor: 0.6,
  bounceShare: 0.55,
  signupRate: 0.04,
  spikeChance: 0.03,
  spikeSource: acquisitions.hackerNews,
  sources: weightedTable([
    [acquisitions.direct, 22],
    [acquisitions.google, 30],
    [acquisitions.duckduckgo, 8],
    [acquisitions.twitter, 10],
    [acquisitions.hackerNews, 12],
    [acquisitions.reddit, 6],
    [acquisitions.github, 4],
    [acquisitions.newsletter, 8],
  ]),
  places: placeTable('america'),
  pages: weightedTable([
    ['/', 22],
    ['/posts/why-we-left-the-cloud', 12],
    ['/posts/sqlite-in-production', 10],
    ['/posts/a-year-of-rust', 8],
    ['/posts/typescript-tips', 8],
    ['/posts/privacy-first-analytics', 6],
    ['/tags/databases', 4],
    ['/tags/rust', 3],
    ['/about', 5],
    ['/newsletter', 5],
    ['/pricing', 3],
  ]),
  landingPages: weightedTable([
    ['/posts/why-we-left-the-cloud', 12],
    ['/posts/sqlite-in-production', 10],
    ['/posts/a-year-of-rust', 8],
    ['/posts/typescript-tips', 8],
    ['/posts/privacy-first-analytics', 6],
  ]),
}

const docs: SiteProfile = {
  domain: 'docs.example.net',
  timezone: 'Etc/UTC',
  baseVisits: 160,
  weekendFactor: 0.45,
  bounceShare: 0.42,
  signupRate: 0.02,
  spikeChance: 0.01,
  spikeSource: acquisitions.github,
  sources: weightedTable([
    [acquisitions.direct, 25],
    [acquisitions.google, 40],
    [acquisitions.duckduckgo, 6],
    [acquisitions.bing, 3],
    [acquisitions.github, 18],
    [acquisitions.hackerNews, 2],
    [acquisitions.newsletter, 6],
  ]),
  places: placeTable('world'),
  pages: weightedTable([
    ['/', 14],
    ['/getting-started', 16],
    ['/guides/installation', 14],
    ['/guides/configuration', 12],
    ['/api/reference', 14],
    ['/api/authentication', 8],
    ['/faq', 6],
    ['/changelog', 5],
    ['/pricing', 4],
  ]),
  landingPages: weightedTable([
    ['/getting-started', 10],
    ['/guides/installation', 9],
    ['/guides/configuration', 7],
    ['/api/reference', 9],
    ['/api/authentication', 5],
    ['/faq', 3],
  ]),
}

/** Shop (Europe/Berlin), blog (America/New_York) and docs (Etc/UTC): three zones, two of them with DST. */
export const defaultSites: readonly SiteProfile[] = [shop, blog, docs]
