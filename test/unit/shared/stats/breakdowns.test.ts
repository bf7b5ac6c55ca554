import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import {
  breakdownCsv,
  breakdownMetrics,
  panelQuery,
  effectiveTab,
  panels,
  propertyTab,
  toBreakdownPage,
} from '../../../../src/shared/stats/breakdowns'

const tabOf = (panel: string, id: string) =>
  panels.find((p) => p.id === panel)!.tabs.find((t) => t.id === id)!

describe('panelQuery', () => {
  it('asks one page of a hundred rows with the details’ metrics and the total row count', () => {
    const query = panelQuery(
      'shop.example.com',
      ['2026-10-24', '2026-11-22'],
      [],
      'locations',
      tabOf('locations', 'countries'),
    )
    expect(query).toEqual({
      site_id: 'shop.example.com',
      metrics: ['visitors', 'percentage'],
      date_range: ['2026-10-24', '2026-11-22'],
      dimensions: ['visit:country', 'visit:country_name'],
      include: { total_rows: true },
      pagination: { limit: 100, offset: 0 },
    })
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('pages by offset and carries filters', () => {
    const filters = [{ dimension: 'visit:source', operator: 'is' as const, values: ['Google'] }]
    const query = panelQuery('a', '7d', filters, 'pages', tabOf('pages', 'pages'), 2)
    expect(query.pagination).toEqual({ limit: 100, offset: 200 })
    expect(query.filters).toEqual([['is', 'visit:source', ['Google']]])
    expect(query.metrics).toEqual(['visitors', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth'])
  })

  it('sorts the details by a column (the name breaking ties) and searches the shown name, any case', () => {
    const query = panelQuery('a', '7d', [], 'locations', tabOf('locations', 'cities'), 0, 100, {
      sort: { metric: 'visitors', direction: 'asc' },
      search: '  berlin ',
    })
    expect(query.order_by).toEqual([
      ['visitors', 'asc'],
      ['visit:city', 'asc'],
    ])
    expect(query.filters).toEqual([['contains', 'visit:city_name', ['berlin'], { case_sensitive: false }]])
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('leaves a blank search and no sort out, so the first page is the panel’s own query', () => {
    const tab = tabOf('pages', 'pages')
    expect(panelQuery('a', '7d', [], 'pages', tab, 0, 100, { search: '   ' })).toEqual(
      panelQuery('a', '7d', [], 'pages', tab),
    )
  })

  it('counts conversions for goals and, under a goal filter, for every panel', () => {
    const goal = [{ dimension: 'event:goal', operator: 'is' as const, values: ['Signup'] }]
    expect(breakdownMetrics('goals', tabOf('goals', 'goals'), [])).toEqual([
      'visitors',
      'events',
      'conversion_rate',
    ])
    expect(breakdownMetrics('sources', tabOf('sources', 'channels'), goal)).toEqual([
      'visitors',
      'conversion_rate',
    ])
    expect(panelQuery('a', '7d', [], 'properties', propertyTab('plan')).dimensions).toEqual([
      'event:props:plan',
    ])
  })

  it('drills a browser down into its versions once one browser is filtered', () => {
    const tab = effectiveTab(tabOf('devices', 'browser'), [
      { dimension: 'visit:browser', operator: 'is', values: ['Firefox'] },
    ])
    expect(tab).toMatchObject({ dimension: 'visit:browser_version', columnLabel: 'Firefox version' })
    expect(effectiveTab(tabOf('devices', 'browser'), [])).toMatchObject({ dimension: 'visit:browser' })
  })

  it("breaks a special goal down by what it carries: the URL of an outbound link or a download, a 404's path", () => {
    const goals = tabOf('goals', 'goals')
    const under = (goal: string) =>
      effectiveTab(goals, [{ dimension: 'event:goal', operator: 'is', values: [goal] }])
    expect(under('Outbound Link: Click')).toMatchObject({ dimension: 'event:props:url', columnLabel: 'URL' })
    expect(under('Cloaked Link: Click')).toMatchObject({ dimension: 'event:props:url' })
    expect(under('File Download')).toMatchObject({ dimension: 'event:props:url', columnLabel: 'File' })
    expect(under('404')).toMatchObject({ dimension: 'event:props:path', columnLabel: 'Page not found' })
    expect(under('Signup')).toMatchObject({ dimension: 'event:goal' })
    const query = panelQuery(
      'a',
      '7d',
      [{ dimension: 'event:goal', operator: 'is', values: ['404'] }],
      'goals',
      under('404'),
    )
    expect(query.dimensions).toEqual(['event:props:path'])
    expect(checkV2Query(query).ok).toBe(true)
  })

  it('drills one source into its referrer URLs, and two sources not at all', () => {
    const sources = tabOf('sources', 'sources')
    expect(
      effectiveTab(sources, [{ dimension: 'visit:source', operator: 'is', values: ['Google'] }]),
    ).toMatchObject({ dimension: 'visit:referrer', columnLabel: 'Google referrers' })
    expect(
      effectiveTab(sources, [{ dimension: 'visit:source', operator: 'is', values: ['Google', 'Bing'] }]),
    ).toMatchObject({ dimension: 'visit:source' })
  })
})

describe('toBreakdownPage and breakdownCsv', () => {
  const response: V2Response = {
    results: [
      { dimensions: ['DE', 'Germany'], metrics: [120, 60.5] },
      { dimensions: ['US', 'United States, "the"'], metrics: [80, 39.5] },
    ],
    meta: { total_rows: 2 },
    query: { site_id: 'a' },
  }

  it('names each row and keeps what a click filters by', () => {
    const page = toBreakdownPage(response, ['visitors', 'percentage'])
    expect(page.totalRows).toBe(2)
    expect(page.rows[0]).toEqual({
      value: 'DE',
      name: 'Germany',
      metrics: { visitors: 120, percentage: 60.5 },
    })
  })

  it('has no total on a page past the last row, where the server counts 0 (§4.7)', () => {
    const past: V2Response = {
      results: [],
      meta: { total_rows: 0 },
      query: { site_id: 'a', pagination: { limit: 100, offset: 100 } },
    }
    expect(toBreakdownPage(past, ['visitors']).totalRows).toBeNull()
    expect(
      toBreakdownPage({ ...past, query: { site_id: 'a', pagination: { limit: 100, offset: 0 } } }, [
        'visitors',
      ]).totalRows,
    ).toBe(0)
  })

  it('writes RFC 4180 CSV with codes next to names and raw numbers', () => {
    const page = toBreakdownPage(response, ['visitors', 'percentage'])
    expect(breakdownCsv('locations', tabOf('locations', 'countries'), page)).toBe(
      'Country,Country code,Visitors,%\r\nGermany,DE,120,60.5\r\n"United States, ""the""",US,80,39.5\r\n',
    )
  })
})
