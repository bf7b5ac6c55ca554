// Static vocabulary of the synthetic traffic: where visitors come from, where they live, what they run.
import { weightedTable, type WeightedTable } from './random'

export interface Acquisition {
  source: string
  channel: string
  /** Cleaned referrer as Plausible stores it (no scheme); '' for none. */
  referrer: string
  utmSource: string
  utmMedium: string
  utmCampaigns: readonly string[]
  /** Whether visitors from here mostly land on deep pages (search, links) rather than the home page. */
  deepLanding: boolean
}

const acquisition = (
  source: string,
  channel: string,
  referrer: string,
  deepLanding: boolean,
  utm: { source?: string; medium?: string; campaigns?: readonly string[] } = {},
): Acquisition => ({
  source,
  channel,
  referrer,
  deepLanding,
  utmSource: utm.source ?? '',
  utmMedium: utm.medium ?? '',
  utmCampaigns: utm.campaigns ?? [''],
})

export const acquisitions = {
  direct: acquisition('Direct / None', 'Direct', '', false),
  google: acquisition('Google', 'Organic Search', 'www.google.com', true),
  duckduckgo: acquisition('DuckDuckGo', 'Organic Search', 'duckduckgo.com', true),
  bing: acquisition('Bing', 'Organic Search', 'www.bing.com', true),
  twitter: acquisition('Twitter', 'Organic Social', 't.co', true),
  hackerNews: acquisition('Hacker News', 'Organic Social', 'news.ycombinator.com', true),
  reddit: acquisition('Reddit', 'Organic Social', 'www.reddit.com', true),
  github: acquisition('GitHub', 'Referral', 'github.com', true),
  newsletter: acquisition('Newsletter', 'Email', '', false, {
    source: 'newsletter',
    medium: 'email',
    campaigns: ['weekly-digest', 'spring-sale', 'product-update'],
  }),
} as const

export interface Place {
  country: string
  countryName: string
  region: string
  regionName: string
  /** GeoName id, as Plausible's `visit:city` (§4.4). */
  city: number
  cityName: string
}

const place = (
  country: string,
  countryName: string,
  region: string,
  regionName: string,
  city: number,
  cityName: string,
): Place => ({
  country,
  countryName,
  region,
  regionName,
  city,
  cityName,
})

const de = [
  place('DE', 'Germany', 'DE-BE', 'Berlin', 2950159, 'Berlin'),
  place('DE', 'Germany', 'DE-BY', 'Bavaria', 2867714, 'Munich'),
  place('DE', 'Germany', 'DE-HH', 'Hamburg', 2911298, 'Hamburg'),
]
const us = [
  place('US', 'United States', 'US-CA', 'California', 5391959, 'San Francisco'),
  place('US', 'United States', 'US-NY', 'New York', 5128581, 'New York'),
  place('US', 'United States', 'US-TX', 'Texas', 4671654, 'Austin'),
  place('US', 'United States', 'US-WA', 'Washington', 5809844, 'Seattle'),
]
const gb = [
  place('GB', 'United Kingdom', 'GB-ENG', 'England', 2643743, 'London'),
  place('GB', 'United Kingdom', 'GB-ENG', 'England', 2643123, 'Manchester'),
]
const fr = [
  place('FR', 'France', 'FR-IDF', 'Île-de-France', 2988507, 'Paris'),
  place('FR', 'France', 'FR-ARA', 'Auvergne-Rhône-Alpes', 2996944, 'Lyon'),
]
const nl = [place('NL', 'Netherlands', 'NL-NH', 'North Holland', 2759794, 'Amsterdam')]
const se = [place('SE', 'Sweden', 'SE-AB', 'Stockholm', 2673730, 'Stockholm')]
const ca = [place('CA', 'Canada', 'CA-ON', 'Ontario', 6167865, 'Toronto')]
const au = [place('AU', 'Australia', 'AU-NSW', 'New South Wales', 2147714, 'Sydney')]
const jp = [place('JP', 'Japan', 'JP-13', 'Tokyo', 1850147, 'Tokyo')]
const inPlaces = [place('IN', 'India', 'IN-MH', 'Maharashtra', 1275339, 'Mumbai')]
const br = [place('BR', 'Brazil', 'BR-SP', 'São Paulo', 3448439, 'São Paulo')]

/** Places weighted for a European audience (the shop) and an American one (the blog, the docs). */
export function placeTable(audience: 'europe' | 'america' | 'world'): WeightedTable<Place> {
  const weights: Record<typeof audience, Array<[Place[], number]>> = {
    europe: [
      [de, 45],
      [gb, 12],
      [fr, 10],
      [nl, 8],
      [se, 5],
      [us, 12],
      [ca, 2],
      [au, 2],
      [jp, 1],
      [inPlaces, 2],
      [br, 1],
    ],
    america: [
      [us, 45],
      [ca, 8],
      [gb, 10],
      [de, 9],
      [fr, 4],
      [nl, 3],
      [se, 2],
      [au, 5],
      [jp, 3],
      [inPlaces, 8],
      [br, 3],
    ],
    world: [
      [us, 25],
      [de, 15],
      [gb, 10],
      [fr, 6],
      [nl, 5],
      [se, 3],
      [ca, 4],
      [au, 4],
      [jp, 6],
      [inPlaces, 15],
      [br, 7],
    ],
  }
  return weightedTable(
    weights[audience].flatMap(([places, weight]) => places.map((p) => [p, weight / places.length] as const)),
  )
}

export interface Platform {
  device: 'Desktop' | 'Laptop' | 'Mobile' | 'Tablet'
  browser: string
  browserVersions: readonly string[]
  os: string
  osVersions: readonly string[]
}

const platform = (
  device: Platform['device'],
  browser: string,
  browserVersions: string[],
  os: string,
  osVersions: string[],
): Platform => ({
  device,
  browser,
  browserVersions,
  os,
  osVersions,
})

export const platforms: WeightedTable<Platform> = weightedTable([
  [platform('Desktop', 'Chrome', ['129.0', '130.0', '131.0'], 'Windows', ['10', '11']), 18],
  [platform('Desktop', 'Firefox', ['131.0', '132.0'], 'Windows', ['10', '11']), 5],
  [platform('Desktop', 'Microsoft Edge', ['130.0', '131.0'], 'Windows', ['10', '11']), 5],
  [platform('Laptop', 'Chrome', ['130.0', '131.0'], 'Mac', ['14.6', '15.1']), 10],
  [platform('Laptop', 'Safari', ['17.6', '18.1'], 'Mac', ['14.6', '15.1']), 8],
  [platform('Laptop', 'Firefox', ['132.0'], 'GNU/Linux', ['(not set)']), 3],
  [platform('Desktop', 'Chrome', ['130.0', '131.0'], 'GNU/Linux', ['(not set)']), 2],
  [platform('Mobile', 'Mobile Safari', ['17.6', '18.1'], 'iOS', ['17.6', '18.1']), 20],
  [platform('Mobile', 'Chrome', ['130.0', '131.0'], 'Android', ['13', '14', '15']), 15],
  [platform('Mobile', 'Samsung Internet', ['26.0'], 'Android', ['14']), 3],
  [platform('Tablet', 'Mobile Safari', ['17.6', '18.1'], 'iPadOS', ['17.6', '18.1']), 4],
  [platform('Tablet', 'Chrome', ['131.0'], 'Android', ['14']), 1],
])

/** Signup plans, the `plan` custom property of the `Signup` goal. */
export const plans: WeightedTable<string> = weightedTable([
  ['free', 70],
  ['pro', 24],
  ['business', 6],
])

export const signupMethods: WeightedTable<string> = weightedTable([
  ['email', 60],
  ['google', 30],
  ['github', 10],
])
