// A tiny hand-built data set with known answers, for the engine and filter tests.
import type { SandboxEvent, SandboxSession, VisitTraits } from '../../../../src/core/sandbox/dataset'
import { executeQuery, type QueryResponse, type QuerySource } from '../../../../src/core/sandbox/engine'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { validateQuery } from '../../../../src/core/sandbox/validate'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'

const baseTraits: VisitTraits = {
  hostname: 'tiny.example',
  source: 'Direct / None',
  channel: 'Direct',
  referrer: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  utmContent: '',
  utmTerm: '',
  device: 'Desktop',
  screen: 'Desktop',
  browser: 'Firefox',
  browserVersion: '132.0',
  os: 'GNU/Linux',
  osVersion: '(not set)',
  country: 'DE',
  countryName: 'Germany',
  region: 'DE-BE',
  regionName: 'Berlin',
  city: 2950159,
  cityName: 'Berlin',
}

type EventSpec = [seconds: number, name: string, pathname: string, props?: Record<string, string>]
/** An engagement event: about the visit's pageview number `pageview`, sent `seconds` after the visit's start. */
type EngagementSpec = [pageview: number, seconds: number, engagedSeconds: number, scrollDepth: number]

export function session(
  visitorId: number,
  startIso: string,
  traits: Partial<VisitTraits>,
  events: EventSpec[],
  engagement: EngagementSpec[] = [],
): SandboxSession {
  const start = Date.parse(startIso)
  const built = events.map(([seconds, name, pathname, props]): SandboxEvent => ({
    ts: start + seconds * 1000,
    name,
    pathname,
    ...(props ? { props } : {}),
  }))
  const pageviews = built.filter((event) => event.name === 'pageview')
  return {
    visitorId,
    start,
    visit: { ...baseTraits, ...traits },
    events: built,
    engagements: engagement.map(([pageview, seconds, engagedSeconds, scrollDepth]) => ({
      ts: start + seconds * 1000,
      event: pageviews[pageview]!,
      engagedSeconds,
      scrollDepth,
    })),
  }
}

/**
 * S1  visitor 1, Jan 10 10:00, Google/DE/Desktop: / → /pricing (60 s) → Signup plan=pro (90 s)
 * S2  visitor 1, Jan 10 15:00, Direct/DE/Mobile: / (bounce)
 * S3  visitor 2, Jan 10 11:30, Twitter/US/Mobile: /blog → / (30 s)
 * S4  visitor 3, Jan 11 09:00, Google/US/Desktop: /pricing (bounce)
 * Engagement (time on page, scroll depth): S1 / 60 s 40%, /pricing 30 s 100%; S2 / 60 s 20%; S3 /blog 30 s
 * 70%, / 60 s 60%; S4 /pricing 30 s 50% — so / averages 60 s, /pricing and /blog 30 s.
 */
export const tinySessions: SandboxSession[] = [
  session(
    1,
    '2024-01-10T10:00:00Z',
    { source: 'Google', channel: 'Organic Search', referrer: 'www.google.com' },
    [
      [0, 'pageview', '/'],
      [60, 'pageview', '/pricing'],
      [90, 'Signup', '/pricing', { plan: 'pro' }],
    ],
    [
      [0, 60, 60, 40],
      [1, 120, 30, 100],
    ],
  ),
  session(
    1,
    '2024-01-10T15:00:00Z',
    { device: 'Mobile', screen: 'Mobile' },
    [[0, 'pageview', '/']],
    [[0, 70, 60, 20]],
  ),
  session(
    2,
    '2024-01-10T11:30:00Z',
    {
      source: 'Twitter',
      channel: 'Organic Social',
      referrer: 't.co',
      country: 'US',
      countryName: 'United States',
      device: 'Mobile',
      screen: 'Mobile',
    },
    [
      [0, 'pageview', '/blog'],
      [30, 'pageview', '/'],
    ],
    [
      [0, 30, 30, 70],
      [1, 100, 60, 60],
    ],
  ),
  session(
    3,
    '2024-01-11T09:00:00Z',
    {
      source: 'Google',
      channel: 'Organic Search',
      referrer: 'www.google.com',
      country: 'US',
      countryName: 'United States',
    },
    [[0, 'pageview', '/pricing']],
    [[0, 40, 30, 50]],
  ),
]

export const tinyNow = Date.parse('2024-01-12T12:00:00Z')

/**
 * Validates and runs a query over the tiny data set in UTC; throws on a validation error. `source` adds
 * what a site brings besides its sessions (its current domain, its imports).
 */
export function runTiny(
  body: Record<string, unknown>,
  now = tinyNow,
  sessions = tinySessions,
  source: Pick<QuerySource, 'domain' | 'imports'> = {},
): QueryResponse {
  const validation = validateQuery(
    { site_id: 'tiny.example', date_range: ['2024-01-10', '2024-01-11'], ...body },
    { timeZone: 'Etc/UTC', now, statsStartDay: isoDateToDay('2024-01-01'), goals: sandboxGoals },
  )
  if (!validation.ok) throw new Error(validation.error)
  return executeQuery(validation.query, {
    timezone: 'Etc/UTC',
    goals: sandboxGoals,
    now,
    sessionsBetween: () => sessions,
    ...source,
  })
}

export const rowsOf = (response: QueryResponse) =>
  response.results.map((row) => [...row.dimensions, ...row.metrics])
