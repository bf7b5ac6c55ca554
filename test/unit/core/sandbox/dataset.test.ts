import { describe, expect, it } from 'vitest'
import { isoDateToDay, weekdayOf } from '../../../../src/core/sandbox/calendar'
import { createDataset, generateDay } from '../../../../src/core/sandbox/dataset'
import { executeQuery } from '../../../../src/core/sandbox/engine'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { defaultSites } from '../../../../src/core/sandbox/sites'
import { localDayOf, toLocalMs } from '../../../../src/core/sandbox/timezone'
import { validateQuery } from '../../../../src/core/sandbox/validate'

const now = Date.parse('2026-11-23T14:30:00Z')
const [shop, blog] = defaultSites as [(typeof defaultSites)[number], (typeof defaultSites)[number]]

function query(dataset: ReturnType<typeof createDataset>, clock: number, body: Record<string, unknown>) {
  const site = shop
  const context = {
    timeZone: site.timezone,
    now: clock,
    statsStartDay: dataset.firstDay(site.domain),
    goals: sandboxGoals,
  }
  const validation = validateQuery({ site_id: site.domain, ...body }, context)
  if (!validation.ok) throw new Error(validation.error)
  return executeQuery(validation.query, {
    timezone: site.timezone,
    goals: sandboxGoals,
    now: clock,
    sessionsBetween: (from, to) => dataset.sessionsBetween(site.domain, from, to),
  })
}

describe('the synthetic data set', () => {
  it('generates the same day identically for the same seed and differently for another seed', () => {
    const day = isoDateToDay('2026-11-10')
    // Compared as JSON: a deep toEqual over ~900 sessions is needlessly slow.
    expect(JSON.stringify(generateDay(42, shop, day))).toBe(JSON.stringify(generateDay(42, shop, day)))
    expect(generateDay(42, shop, day).length).not.toBe(generateDay(7, shop, day).length)
  })

  it('answers the same query identically from two data sets with the same seed and clock', () => {
    const body = {
      metrics: ['visitors', 'visits', 'pageviews', 'bounce_rate'],
      date_range: '30d',
      dimensions: ['visit:source'],
    }
    const first = query(createDataset({ seed: 42, sites: defaultSites, origin: now }), now, body)
    const second = query(createDataset({ seed: 42, sites: defaultSites, origin: now }), now, body)
    expect(second).toEqual(first)
  })

  it('only adds data as the clock moves: a past day is unchanged and today grows', () => {
    const dataset = createDataset({ seed: 42, sites: defaultSites, origin: now })
    const body = {
      metrics: ['visitors', 'visits', 'pageviews', 'events'],
      date_range: ['2026-11-20', '2026-11-23'],
      dimensions: ['time:day'],
    }
    const earlier = query(dataset, now, body).results
    const later = query(dataset, now + 3 * 3_600_000, body).results
    expect(later.slice(0, 3)).toEqual(earlier.slice(0, 3))
    const [today, todayLater] = [earlier[3]!.metrics as number[], later[3]!.metrics as number[]]
    expect(todayLater.every((value, index) => value > today[index]!)).toBe(true)
  })

  it('keeps 180 days of history before the clock, in each site zone', () => {
    const dataset = createDataset({ seed: 42, sites: defaultSites, origin: now })
    expect(dataset.firstDay(shop.domain)).toBe(localDayOf(shop.timezone, now) - 180)
    expect(dataset.day(shop.domain, dataset.firstDay(shop.domain) - 1)).toEqual([])
    expect(dataset.day(shop.domain, dataset.firstDay(shop.domain)).length).toBeGreaterThan(0)
  })

  it('shapes traffic like a real site: hundreds of visits a day, quieter weekends, returning visitors', () => {
    const days = Array.from({ length: 28 }, (_, i) => isoDateToDay('2026-10-26') + i)
    for (const site of [shop, blog]) {
      const sizes = days.map((day) => generateDay(42, site, day).length)
      expect(Math.min(...sizes)).toBeGreaterThan(150)
      expect(Math.max(...sizes)).toBeLessThan(1600)
      const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length
      expect(mean(sizes.filter((_, i) => weekdayOf(days[i]!) >= 5))).toBeLessThan(
        mean(sizes.filter((_, i) => weekdayOf(days[i]!) < 5)),
      )
    }
    const week = query(createDataset({ seed: 42, sites: defaultSites, origin: now }), now, {
      metrics: ['visitors', 'visits'],
      date_range: '7d',
    })
    const [visitors, visits] = week.results[0]!.metrics as [number, number]
    expect(visitors).toBeLessThan(visits)
  })

  it('follows the hour-of-day curve in the site zone: local afternoons are busier than local nights', () => {
    const sessions = Array.from({ length: 14 }, (_, i) =>
      generateDay(42, blog, isoDateToDay('2026-11-02') + i),
    ).flat()
    const localHour = (ts: number) => new Date(toLocalMs(blog.timezone, ts)).getUTCHours()
    const at = (hour: number) => sessions.filter((session) => localHour(session.start) === hour).length
    expect(at(14)).toBeGreaterThan(3 * at(3))
  })

  it("keeps each session's events in time order, starting with a pageview, within an hour", () => {
    for (const session of generateDay(42, shop, isoDateToDay('2026-11-10'))) {
      expect(session.events[0]!.name).toBe('pageview')
      expect(session.events[0]!.ts).toBe(session.start)
      const times = session.events.map((event) => event.ts)
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(times[times.length - 1]! - session.start).toBeLessThan(3_600_000)
    }
  })
})
