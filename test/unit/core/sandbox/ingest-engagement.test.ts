// Engagement events sent to the sandbox's Events API feed time on page and scroll depth, as the server's do.
import { describe, expect, it } from 'vitest'
import { executeQuery } from '../../../../src/core/sandbox/engine'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { isoDateToDay } from '../../../../src/core/sandbox/calendar'
import { validateQuery } from '../../../../src/core/sandbox/validate'
import { ingestSetup } from '../../../helpers/sandbox-ingest'

function setup() {
  const { registry, store, send: sendAs, now, tick } = ingestSetup()
  const site = registry.find('docs.example.net')!
  const send = (body: Record<string, unknown>, ip = '198.51.100.7') =>
    sendAs({ domain: site.domain, ...body }, { ip })
  const pageMetrics = (filters: unknown[] = []) => {
    const valid = validateQuery(
      {
        site_id: site.domain,
        metrics: ['visitors', 'time_on_page', 'scroll_depth'],
        date_range: ['2026-11-23', '2026-11-23'],
        dimensions: ['event:page'],
        filters,
      },
      { timeZone: 'Etc/UTC', now: now(), statsStartDay: isoDateToDay('2026-11-01'), goals: sandboxGoals },
    )
    if (!valid.ok) throw new Error(valid.error)
    const response = executeQuery(valid.query, {
      timezone: 'Etc/UTC',
      goals: sandboxGoals,
      now: now(),
      sessionsBetween: (from, to) => store.sessionsBetween(site.id, from, to),
    })
    return response.results.map((row) => [...row.dimensions, ...row.metrics])
  }
  return { send, pageMetrics, tick }
}

describe('engagement events through the Events API', () => {
  it('give the page their engaged time and deepest scroll, per visit and per visitor', () => {
    const { send, pageMetrics, tick } = setup()
    send({ name: 'pageview', url: 'https://docs.example.net/guide' })
    tick(20_000)
    send({ name: 'engagement', url: 'https://docs.example.net/guide', sd: 40, e: 20_000 })
    tick(20_000)
    // A second engagement of the same view: its time adds up, its depth is the deepest so far.
    send({ name: 'engagement', url: 'https://docs.example.net/guide', sd: 85, e: 10_000 })
    send({ name: 'pageview', url: 'https://docs.example.net/guide' }, '198.51.100.8')
    tick(5_000)
    // Only a scroll depth: no time sent, so none counted (0 s for this visit).
    send({ name: 'engagement', url: 'https://docs.example.net/guide', sd: 25 }, '198.51.100.8')
    // (20 + 10 + 0) s over 2 visits = 15 s; deepest scrolls 85 and 25 average 55.
    expect(pageMetrics()).toEqual([['/guide', 2, 15, 55]])
  })

  it('leave every other number alone, and count nothing of a page nobody engaged with', () => {
    const { send, pageMetrics, tick } = setup()
    send({ name: 'pageview', url: 'https://docs.example.net/' })
    tick(10_000)
    send({ name: 'pageview', url: 'https://docs.example.net/faq' })
    tick(30_000)
    send({ name: 'engagement', url: 'https://docs.example.net/faq', e: 30_000 })
    expect(pageMetrics()).toEqual([
      ['/', 1, null, null],
      ['/faq', 1, 30, null],
    ])
  })

  it('take an engagement up to 30 idle minutes after the visit’s last event, and drop it from then on', () => {
    const { send, pageMetrics, tick } = setup()
    send({ name: 'pageview', url: 'https://docs.example.net/' })
    send({ name: 'pageview', url: 'https://docs.example.net/faq' }, '198.51.100.8')
    tick(30 * 60_000 - 1000)
    expect(send({ name: 'engagement', url: 'https://docs.example.net/', sd: 50, e: 1000 })).toMatchObject({
      dropped: 0,
    })
    tick(1000)
    // The other visitor's visit has now been idle for exactly 30 minutes: over.
    expect(
      send({ name: 'engagement', url: 'https://docs.example.net/faq', sd: 50, e: 1000 }, '198.51.100.8'),
    ).toMatchObject({ dropped: 1 })
    expect(pageMetrics()).toEqual([
      ['/', 1, 1, 50],
      ['/faq', 1, null, null],
    ])
  })
})
