import { describe, expect, it } from 'vitest'
import { buildReport, type ReportSource } from '../../../../src/core/report/build-report'
import { PlausibleError } from '../../../../src/shared/errors'
import type { V2Query, V2Response } from '../../../../src/shared/plausible/query'

const now = Date.parse('2026-11-23T14:30:00Z')

function fakeSource(options: { failSite?: string; failCode?: string } = {}) {
  const asked: Array<{ account: string | undefined; query: V2Query }> = []
  let queries = 0
  const source: ReportSource = {
    accounts: async () => ['work', 'client'],
    sites: async (account) => {
      queries += 1
      return {
        account: account ?? 'work',
        sites:
          account === 'client'
            ? [
                { domain: 'b.example', timezone: 'UTC' },
                { domain: 'c.example', timezone: 'UTC' },
              ]
            : [{ domain: 'a.example', timezone: 'Europe/Berlin' }],
      }
    },
    query: async (account, query) => {
      queries += 1
      asked.push({ account, query })
      if (query.site_id === options.failSite)
        throw new PlausibleError((options.failCode ?? 'AUTH_INVALID') as 'AUTH_INVALID', {
          message: 'Refused.',
        })
      const metrics = query.metrics.map((_, index) => index + 1)
      return {
        results: query.dimensions?.length ? [] : [{ metrics, dimensions: [] }],
        meta: {},
        query,
      } as unknown as V2Response
    },
    cost: () => ({ queries, sent: queries }),
  }
  return { source, asked }
}

describe('buildReport', () => {
  it('asks the dashboard’s queries for one site in its timezone: top stats, series, five tables, and the comparison', async () => {
    const { source, asked } = fakeSource()
    const report = await buildReport(
      { scope: { kind: 'site', site: 'a.example' }, period: { key: '7d' }, compare: 'previous_period' },
      source,
      now,
    )
    expect(asked).toHaveLength(8)
    expect(asked[0]?.query.date_range).toEqual(['2026-11-16', '2026-11-22'])
    expect(report.sites[0]?.period).toMatchObject({
      label: 'Last 7 days',
      first: '2026-11-16',
      last: '2026-11-22',
    })
    expect(report.sites[0]?.comparison).toMatchObject({ first: '2026-11-09', last: '2026-11-15' })
    expect(report.sites[0]?.topStats.map((stat) => [stat.metric, stat.value, stat.change])).toEqual([
      ['visitors', 1, 0],
      ['visits', 2, 0],
      ['pageviews', 3, 0],
      ['views_per_visit', 4, 0],
      ['bounce_rate', 5, 0],
      ['visit_duration', 6, 0],
    ])
    expect(report.sites[0]?.tables.map((table) => table.id)).toEqual([
      'sources',
      'pages',
      'countries',
      'devices',
      'goals',
    ])
    expect(report.requests).toEqual({ queries: 9, sent: 9 })
    expect(report.title).toBe('Report for a.example')
  })

  it('covers every site of every account and writes a failing site into the report', async () => {
    const { source } = fakeSource({ failSite: 'b.example', failCode: 'NOT_FOUND' })
    const report = await buildReport({ scope: { kind: 'all-accounts' }, period: { key: '30d' } }, source, now)
    expect(report.sites.map((site) => `${site.account}/${site.site}`)).toEqual([
      'work/a.example',
      'client/c.example',
    ])
    expect(report.failures).toEqual([
      {
        account: 'client',
        site: 'b.example',
        code: 'NOT_FOUND',
        message: 'Refused.',
        hint: expect.any(String),
      },
    ])
    expect(report.title).toBe('Report for 2 sites')
  })

  it('stops asking an account whose key was refused: its other sites fail with the same error', async () => {
    const { source, asked } = fakeSource({ failSite: 'b.example', failCode: 'AUTH_INVALID' })
    const report = await buildReport(
      { scope: { kind: 'account' }, account: 'client', period: { key: '30d' } },
      source,
      now,
    )
    expect(report.failures.map((failure) => failure.site)).toEqual(['b.example', 'c.example'])
    expect(asked.some((entry) => entry.query.site_id === 'c.example')).toBe(false)
  })

  it('refuses --compare for all time, as the dashboard does', async () => {
    const { source } = fakeSource()
    await expect(
      buildReport(
        { scope: { kind: 'site', site: 'a.example' }, period: { key: 'all' }, compare: 'previous_period' },
        source,
        now,
      ),
    ).rejects.toMatchObject({ code: 'USAGE' })
  })
})

describe('annotations in a report', () => {
  const note = (id: string, site: string, date: string) => ({
    id,
    account: 'work',
    site,
    date,
    kind: 'deploy' as const,
    text: id,
    createdAt: '2026-11-01T00:00:00.000Z',
  })
  // a.example is in Europe/Berlin: on 2026-11-23 14:30 UTC its today is 2026-11-23.
  const kept = [
    note('week-before', 'a.example', '2026-11-15'),
    note('first-day', 'a.example', '2026-11-16'),
    note('last-day', 'a.example', '2026-11-22'),
    note('today', 'a.example', '2026-11-23'),
    note('yesterday', 'a.example', '2026-11-22'),
    note('other-site', 'b.example', '2026-11-20'),
  ]

  async function annotated(period: { key: '7d' | '24h' | 'all' | 'day' }) {
    const { source } = fakeSource()
    const asked: Array<[string | undefined, string]> = []
    source.annotations = async (account, site) => {
      asked.push([account, site])
      return kept.filter((entry) => entry.site === site)
    }
    const report = await buildReport({ scope: { kind: 'site', site: 'a.example' }, period }, source, now)
    return { ids: report.sites[0]?.annotations?.map((entry) => entry.id), asked }
  }

  it('lists the site’s annotations within the period’s days, both edges included, oldest first', async () => {
    const { ids, asked } = await annotated({ key: '7d' })
    expect(ids).toEqual(['first-day', 'last-day', 'yesterday'])
    expect(asked).toEqual([['work', 'a.example']])
  })

  it('takes yesterday and today for the rolling 24 hours, and everything up to today for all time', async () => {
    expect((await annotated({ key: '24h' })).ids).toEqual(['last-day', 'yesterday', 'today'])
    expect((await annotated({ key: 'all' })).ids).toEqual([
      'week-before',
      'first-day',
      'last-day',
      'yesterday',
      'today',
    ])
    expect((await annotated({ key: 'day' })).ids).toEqual(['today'])
  })

  it('has no annotations field when the source keeps none (reports built elsewhere)', async () => {
    const { source } = fakeSource()
    const report = await buildReport(
      { scope: { kind: 'site', site: 'a.example' }, period: { key: '7d' } },
      source,
      now,
    )
    expect(report.sites[0]).not.toHaveProperty('annotations')
  })
})
