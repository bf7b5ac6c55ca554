import { describe, expect, it } from 'vitest'
import type { SandboxSession } from '../../../../src/core/sandbox/dataset'
import { engagementsOf, type PageEngagement } from '../../../../src/core/sandbox/engagement'
import { rowsOf, runTiny, session } from './fixtures'

/** An engagement event `seconds` after the visit's start about its pageview number `pageview`. */
function engaged(
  visit: SandboxSession,
  pageview: number,
  seconds: number,
  engagedSeconds: number,
  scrollDepth: number,
): PageEngagement {
  const pageviews = visit.events.filter((event) => event.name === 'pageview')
  return { ts: visit.start + seconds * 1000, event: pageviews[pageview]!, engagedSeconds, scrollDepth }
}

function withEngagement(
  visit: SandboxSession,
  list: (visit: SandboxSession) => PageEngagement[],
): SandboxSession {
  return { ...visit, engagements: list(visit) }
}

// Visitor 1 reads / twice in two visits and /pricing once; visitor 2 reads / once; visitor 3 sends nothing.
const sessions: SandboxSession[] = [
  withEngagement(
    session(1, '2024-01-10T10:00:00Z', {}, [
      [0, 'pageview', '/'],
      [60, 'pageview', '/pricing'],
    ]),
    (v) => [engaged(v, 0, 60, 40, 50), engaged(v, 1, 200, 100, 90)],
  ),
  withEngagement(session(1, '2024-01-10T15:00:00Z', {}, [[0, 'pageview', '/']]), (v) => [
    engaged(v, 0, 30, 20, 80),
  ]),
  withEngagement(
    session(2, '2024-01-10T11:00:00Z', { country: 'US', countryName: 'United States' }, [
      [0, 'pageview', '/'],
    ]),
    (v) => [engaged(v, 0, 45, 30, 20)],
  ),
  withEngagement(session(3, '2024-01-11T09:00:00Z', {}, [[0, 'pageview', '/blog']]), () => []),
]

const run = (body: Record<string, unknown>) => runTiny(body, undefined, sessions)

describe('time on page and scroll depth from engagement events', () => {
  it('averages engaged seconds over the visits and the deepest scroll over the visitors, per page', () => {
    // /: 40 + 20 + 30 s over 3 visits = 30 s; visitor 1's deepest is 80 (of 50 and 80), visitor 2's 20 → 50.
    // /pricing: 100 s over 1 visit, depth 90. /blog: pageviews but no engagement: null for both.
    expect(
      rowsOf(run({ metrics: ['visitors', 'time_on_page', 'scroll_depth'], dimensions: ['event:page'] })),
    ).toEqual([
      ['/', 2, 30, 50],
      ['/blog', 1, null, null],
      ['/pricing', 1, 100, 90],
    ])
  })

  it('answers the aggregate under a page filter, and narrows by visit filters', () => {
    const page = [['is', 'event:page', ['/']]]
    expect(run({ metrics: ['time_on_page', 'scroll_depth'], filters: page }).results[0]!.metrics).toEqual([
      30, 50,
    ])
    expect(
      run({ metrics: ['time_on_page', 'scroll_depth'], filters: [...page, ['is', 'visit:country', ['US']]] })
        .results[0]!.metrics,
    ).toEqual([30, 20])
  })

  it('counts engagement sent inside the range only, on both sides of its end', () => {
    // The 15:00 visit's engagement arrives at 15:00:30: a range ending at 15:00:29 leaves it out, one at 15:00:30 takes it.
    const page = [['is', 'event:page', ['/']]]
    const until = (time: string) =>
      run({
        metrics: ['time_on_page'],
        filters: page,
        date_range: ['2024-01-10T14:00:00Z', `2024-01-10T${time}Z`],
      }).results[0]!.metrics[0]
    expect(until('15:00:29')).toBeNull()
    expect(until('15:00:30')).toBe(20)
  })

  it('counts no engagement that has not been sent yet', () => {
    // At 10:00:59 the first visit's first engagement (10:01:00) does not exist yet.
    const at = (iso: string) =>
      runTiny(
        {
          metrics: ['visitors', 'time_on_page'],
          dimensions: ['event:page'],
          date_range: ['2024-01-10', '2024-01-10'],
        },
        Date.parse(iso),
        sessions,
      )
    expect(rowsOf(at('2024-01-10T10:00:59Z'))).toEqual([['/', 1, null]])
    expect(rowsOf(at('2024-01-10T10:01:00Z'))).toEqual([
      ['/', 1, 40],
      ['/pricing', 1, null],
    ])
  })

  it('leaves every other metric as it was: engagement is no event, pageview or visit', () => {
    const without = sessions.map((visit) => ({ ...visit, engagements: [] }))
    const metrics = ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate', 'visit_duration']
    expect(rowsOf(run({ metrics, dimensions: ['event:page'] }))).toEqual(
      rowsOf(runTiny({ metrics, dimensions: ['event:page'] }, undefined, without)),
    )
  })
})

describe('engagement of generated visits', () => {
  // A generated visit records no engagement list of its own: it is derived from its pageviews.
  const { engagements: _none, ...generated } = session(7, '2024-01-10T10:00:00Z', {}, [
    [0, 'pageview', '/'],
    [100, 'pageview', '/pricing'],
    [130, 'Signup', '/pricing'],
    [200, 'pageview', '/docs'],
  ])

  it('sends one engagement per pageview, as the page is left, never more time than was spent on it', () => {
    const list = engagementsOf(generated)
    expect(list.map((item) => item.event.pathname)).toEqual(['/', '/pricing', '/docs'])
    expect(list[0]!.ts).toBe(generated.start + 100_000)
    expect(list[1]!.ts).toBe(generated.start + 200_000)
    expect(list[0]!.engagedSeconds).toBeGreaterThanOrEqual(30)
    expect(list[0]!.engagedSeconds).toBeLessThanOrEqual(95)
    expect(list[2]!.ts).toBeGreaterThanOrEqual(generated.start + 203_000)
    expect(list[2]!.ts).toBeLessThanOrEqual(generated.start + 350_000)
    for (const item of list) {
      expect(item.scrollDepth).toBeGreaterThanOrEqual(0)
      expect(item.scrollDepth).toBeLessThanOrEqual(100)
    }
  })

  it('derives the same engagement every time', () => {
    const again = { ...generated }
    expect(engagementsOf(again)).toEqual(engagementsOf(generated))
  })
})

describe('ordering by a metric some rows have no value of', () => {
  it('puts the rows without one last, descending and ascending', () => {
    const order = (direction: 'asc' | 'desc') =>
      rowsOf(
        run({
          metrics: ['time_on_page'],
          dimensions: ['event:page'],
          order_by: [['time_on_page', direction]],
        }),
      )
    expect(order('desc')).toEqual([
      ['/pricing', 100],
      ['/', 30],
      ['/blog', null],
    ])
    expect(order('asc')).toEqual([
      ['/', 30],
      ['/pricing', 100],
      ['/blog', null],
    ])
  })
})
