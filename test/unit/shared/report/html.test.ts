import { describe, expect, it } from 'vitest'
import { chartPoints } from '../../../../src/shared/report/chart'
import { renderHtml } from '../../../../src/shared/report/html'
import { escapeHtml, serialize, h } from '../../../../src/shared/report/html-tree'
import { sampleReport, sampleSiteReport } from '../../../helpers/report-fixture'

const polylinePoints = (html: string): string[] => {
  const match = /<polyline points="([^"]*)"/.exec(html)
  return match?.[1] ? match[1].split(' ') : []
}

describe('renderHtml', () => {
  const html = renderHtml(sampleReport)

  it('is one document with no script, no event handler, no link, no image and no URL at all', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')).toBe(true)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/<link|<img|<iframe|<object|<style/i)
    expect(html).not.toMatch(/https?:|\/\/[a-z]|url\(/i)
  })

  it('styles inline and lays out with tables', () => {
    expect(html).toContain(
      '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"',
    )
    expect(html).toContain('style="')
    expect(html).not.toMatch(/class="/)
  })

  it('escapes every value: a site named with < cannot open a tag', () => {
    const evil = '<img src=x onerror=alert(1)>.example'
    const out = renderHtml({
      ...sampleReport,
      title: `Report for ${evil}`,
      sites: [
        {
          ...sampleSiteReport,
          site: evil,
          tables: [
            { ...sampleSiteReport.tables[0]!, rows: [{ name: '"><script>x</script>', values: [1, 2, 3] }] },
          ],
        },
      ],
    })
    expect(out).not.toContain('<img')
    expect(out).not.toContain('<script')
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;.example')
    expect(out).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;')
  })

  it('draws one chart point per bucket with a value, and none for buckets still to come', () => {
    expect(polylinePoints(html)).toHaveLength(7)
    const withFuture = {
      ...sampleSiteReport.series,
      points: [...sampleSiteReport.series.points, { label: '2026-11-23', value: null }],
    }
    expect(chartPoints(withFuture)).toHaveLength(7)
    const out = renderHtml({ ...sampleReport, sites: [{ ...sampleSiteReport, series: withFuture }] })
    expect(polylinePoints(out)).toHaveLength(7)
  })

  it('puts the highest bucket at the top of the plot and zero on the baseline', () => {
    const points = chartPoints(sampleSiteReport.series)
    expect(points[6]).toEqual([588, 12])
    expect(points[2]?.[1]).toBe(152)
    expect(points[0]?.[0]).toBe(44)
  })

  it('shows each top stat with its change and the comparison value', () => {
    expect(html).toContain('>1.2k</div>')
    expect(html).toContain('+12% <span style="color:#6b7280">vs 1.1k</span>')
    expect(html).toContain('−3 pts')
  })
})

describe('serialize', () => {
  it('escapes attribute values and text alike', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(serialize(h('p', { attrs: { title: '"x"' }, style: { fontSize: '12px' } }, 'a<b'))).toBe(
      '<p title="&quot;x&quot;" style="font-size:12px">a&lt;b</p>',
    )
  })
})
