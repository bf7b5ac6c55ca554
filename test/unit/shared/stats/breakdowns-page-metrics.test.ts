import { describe, expect, it } from 'vitest'
import type { V2Response } from '../../../../src/shared/plausible/query'
import {
  breakdownCsv,
  breakdownMetrics,
  columnLabel,
  listedMetrics,
  panelQuery,
  panels,
  toBreakdownPage,
} from '../../../../src/shared/stats/breakdowns'
import { refusedMetric, supportedMetrics } from '../../../../src/shared/stats/metric-support'

const tabOf = (panel: string, id: string) =>
  panels.find((p) => p.id === panel)!.tabs.find((t) => t.id === id)!
const range: [string, string] = ['2026-10-24', '2026-11-22']

describe('the extra columns of each report, in the one request', () => {
  it('asks Top Pages for time on page and scroll depth beside visitors, pageviews and bounce rate', () => {
    expect(breakdownMetrics('pages', tabOf('pages', 'pages'), [])).toEqual([
      'visitors',
      'pageviews',
      'bounce_rate',
      'time_on_page',
      'scroll_depth',
    ])
    // Entry pages keep the session metrics the server takes with them; no page metric there.
    expect(breakdownMetrics('pages', tabOf('pages', 'entry'), [])).toEqual([
      'visitors',
      'visits',
      'bounce_rate',
      'visit_duration',
    ])
  })

  it('leaves out of the query what the account’s server refused, and nothing else', () => {
    const tab = tabOf('pages', 'pages')
    expect(
      panelQuery('a', range, [], 'pages', tab, 0, 100, { unsupported: ['scroll_depth'] }).metrics,
    ).toEqual(['visitors', 'pageviews', 'bounce_rate', 'time_on_page'])
    expect(panelQuery('a', range, [], 'pages', tab, 0, 100, { unsupported: [] }).metrics).toEqual(
      panelQuery('a', range, [], 'pages', tab).metrics,
    )
  })

  it('reads each metric where the server echoes it, so a metric left out shifts nothing', () => {
    const response: V2Response = {
      results: [{ dimensions: ['/'], metrics: [10, 12, 40, 35] }],
      meta: {},
      query: { site_id: 'a', metrics: ['visitors', 'pageviews', 'bounce_rate', 'time_on_page'] },
    }
    const page = toBreakdownPage(response, breakdownMetrics('pages', tabOf('pages', 'pages'), []))
    expect(page.metrics).toEqual(['visitors', 'pageviews', 'bounce_rate', 'time_on_page'])
    expect(page.rows[0]!.metrics).toEqual({ visitors: 10, pageviews: 12, bounce_rate: 40, time_on_page: 35 })
  })

  it('lists visitors, time on page and scroll depth on Top Pages, and the counts elsewhere', () => {
    const pages = tabOf('pages', 'pages')
    expect(listedMetrics(pages, breakdownMetrics('pages', pages, []))).toEqual([
      'visitors',
      'time_on_page',
      'scroll_depth',
    ])
    // Without time on page (an older server) the list falls back to the counts.
    expect(listedMetrics(pages, ['visitors', 'pageviews', 'bounce_rate'])).toEqual(['visitors', 'pageviews'])
    expect(listedMetrics(tabOf('sources', 'sources'), ['visitors', 'bounce_rate', 'visit_duration'])).toEqual(
      ['visitors'],
    )
  })

  it('names entrances and exits as Plausible does, and the page metrics', () => {
    expect(columnLabel('pages', 'visitors', tabOf('pages', 'entry'))).toBe('Unique entrances')
    expect(columnLabel('pages', 'visits', tabOf('pages', 'entry'))).toBe('Total entrances')
    expect(columnLabel('pages', 'visitors', tabOf('pages', 'exit'))).toBe('Unique exits')
    expect(columnLabel('pages', 'visits', tabOf('pages', 'exit'))).toBe('Total exits')
    expect(columnLabel('pages', 'visitors', tabOf('pages', 'pages'))).toBe('Visitors')
    expect(columnLabel('pages', 'time_on_page')).toBe('Time on page')
    expect(columnLabel('pages', 'scroll_depth')).toBe('Scroll depth')
    const page = toBreakdownPage(
      {
        results: [{ dimensions: ['/docs'], metrics: [3, 4] }],
        meta: {},
        query: { site_id: 'a', metrics: ['visitors', 'visits'] },
      },
      ['visitors', 'visits'],
    )
    expect(breakdownCsv('pages', tabOf('pages', 'exit'), page)).toBe(
      'Exit page,Unique exits,Total exits\r\n/docs,3,4\r\n',
    )
  })
})

describe('metric support', () => {
  it('learns an optional metric from the older server’s refusal only', () => {
    expect(
      refusedMetric({ code: 'QUERY_INVALID', message: '#/metrics/4: Invalid metric "scroll_depth"' }),
    ).toBe('scroll_depth')
    expect(refusedMetric({ code: 'QUERY_INVALID', message: 'Invalid metric "time_on_page"' })).toBe(
      'time_on_page',
    )
    // A metric the dashboard cannot do without, another kind of failure, or no failure: nothing learnt.
    expect(
      refusedMetric({ code: 'QUERY_INVALID', message: '#/metrics/0: Invalid metric "visitors"' }),
    ).toBeNull()
    expect(refusedMetric({ code: 'SERVER_ERROR', message: 'Invalid metric "scroll_depth"' })).toBeNull()
    expect(refusedMetric({ code: 'QUERY_INVALID', message: 'Invalid metric "bogus"' })).toBeNull()
    expect(refusedMetric(null)).toBeNull()
  })

  it('keeps the metrics in their order without the refused ones', () => {
    expect(supportedMetrics(['visitors', 'scroll_depth', 'time_on_page'], ['scroll_depth'])).toEqual([
      'visitors',
      'time_on_page',
    ])
    expect(supportedMetrics(['visitors', 'scroll_depth'])).toEqual(['visitors', 'scroll_depth'])
  })
})
