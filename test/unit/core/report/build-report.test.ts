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
