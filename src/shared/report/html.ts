// The report as one self-contained HTML file that reads the same in a browser and in a mail client: tables
// for layout (mail clients ignore flex and grid), inline styles only, system fonts, the chart as inline SVG
// with the series' words under it for clients that drop SVG; no script, no link, no image, no URL.
import { visitorsChart } from './chart'
import { h, serialize, type ElementNode, type Style, type TreeNode } from './html-tree'
import type { Report, ReportTable, SiteReport } from './model'
import {
  costLine,
  formatChange,
  formatValue,
  generatedLine,
  isGoodChange,
  periodLine,
  seriesSummary,
} from './words'

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
const colors = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#111827',
  muted: '#6b7280',
  line: '#e5e7eb',
  good: '#15803d',
  bad: '#b91c1c',
} as const

/** A layout table: no borders, no spacing, as every mail client understands. */
const layout = (style: Style, ...rows: TreeNode[]): ElementNode =>
  h(
    'table',
    {
      attrs: { role: 'presentation', width: '100%', cellpadding: 0, cellspacing: 0, border: 0 },
      style: { width: '100%', borderCollapse: 'collapse', ...style },
    },
    ...rows,
  )

const row = (...cells: TreeNode[]): ElementNode => h('tr', {}, ...cells)
const cell = (style: Style, ...children: TreeNode[]): ElementNode => h('td', { style }, ...children)
const text = (style: Style, content: string): ElementNode => h('span', { style }, content)

function topStats(site: SiteReport): ElementNode {
  const perRow = 3
  const rows: ElementNode[] = []
  for (let start = 0; start < site.topStats.length; start += perRow) {
    const stats = site.topStats.slice(start, start + perRow)
    rows.push(
      row(
        ...stats.map((stat) => {
          const good = isGoodChange(stat.metric, stat.change)
          const changeColor = good === null ? colors.muted : good ? colors.good : colors.bad
          return cell(
            {
              width: '33%',
              padding: '10px 8px',
              verticalAlign: 'top',
              borderTop: `1px solid ${colors.line}`,
            },
            h(
              'div',
              {
                style: {
                  fontSize: '12px',
                  color: colors.muted,
                  textTransform: 'uppercase',
                  letterSpacing: '0.04em',
                },
              },
              stat.label,
            ),
            h(
              'div',
              {
                attrs: { 'data-metric': stat.metric },
                style: { fontSize: '22px', fontWeight: '700', color: colors.text, padding: '2px 0' },
              },
              formatValue(stat.metric, stat.value),
            ),
            ...(site.comparison
              ? [
                  h(
                    'div',
                    { style: { fontSize: '12px', color: changeColor } },
                    `${formatChange(stat.metric, stat.change)} `,
                    text({ color: colors.muted }, `vs ${formatValue(stat.metric, stat.comparisonValue)}`),
                  ),
                ]
              : []),
          )
        }),
        // A short last row keeps its cells the width of the others.
        ...Array.from({ length: perRow - stats.length }, () => cell({ width: '33%' }, '')),
      ),
    )
  }
  return layout({}, ...rows)
}

function breakdown(section: ReportTable): ElementNode {
  const head = (content: string, align: string): ElementNode =>
    h(
      'th',
      {
        attrs: { align },
        style: {
          textAlign: align,
          fontSize: '12px',
          fontWeight: '600',
          color: colors.muted,
          padding: '6px 8px',
          borderBottom: `1px solid ${colors.line}`,
        },
      },
      content,
    )
  const body: ElementNode[] =
    section.rows.length === 0
      ? [
          row(
            h(
              'td',
              {
                attrs: { colspan: section.metrics.length + 1 },
                style: { padding: '8px', fontSize: '13px', color: colors.muted },
              },
              'Nothing in this period.',
            ),
          ),
        ]
      : section.rows.map((entry) =>
          row(
            cell(
              {
                padding: '6px 8px',
                fontSize: '13px',
                color: colors.text,
                borderBottom: `1px solid ${colors.line}`,
                wordBreak: 'break-all',
              },
              entry.name,
            ),
            ...entry.values.map((value, index) =>
              h(
                'td',
                {
                  attrs: { align: 'right' },
                  style: {
                    padding: '6px 8px',
                    fontSize: '13px',
                    color: colors.text,
                    textAlign: 'right',
                    whiteSpace: 'nowrap',
                    borderBottom: `1px solid ${colors.line}`,
                  },
                },
                formatValue(section.metrics[index] ?? '', value),
              ),
            ),
          ),
        )
  return h(
    'table',
    {
      attrs: { width: '100%', cellpadding: 0, cellspacing: 0, border: 0, 'data-table': section.id },
      style: { width: '100%', borderCollapse: 'collapse', margin: '0 0 18px 0' },
    },
    h(
      'caption',
      {
        style: {
          textAlign: 'left',
          fontSize: '15px',
          fontWeight: '600',
          color: colors.text,
          padding: '0 0 6px 0',
        },
      },
      section.title,
    ),
    h(
      'thead',
      {},
      row(head(section.columnLabel, 'left'), ...section.metricLabels.map((label) => head(label, 'right'))),
    ),
    h('tbody', {}, ...body),
  )
}

/** The site's annotations in the period (kept on this machine): one line each, date first. */
function annotationList(site: SiteReport): ElementNode[] {
  const annotations = site.annotations ?? []
  if (annotations.length === 0) return []
  return [
    h(
      'h3',
      { style: { margin: '0 0 6px 0', fontSize: '15px', fontWeight: '600', color: colors.text } },
      'Annotations',
    ),
    h(
      'ul',
      {
        attrs: { 'data-annotations': site.site },
        style: { margin: '0 0 18px 0', padding: '0 0 0 18px', fontSize: '13px', color: colors.text },
      },
      ...annotations.map((entry) =>
        h(
          'li',
          { attrs: { 'data-annotation': entry.id, 'data-date': entry.date } },
          text({ color: colors.muted }, `${entry.date} · ${entry.kind} · `),
          entry.text,
        ),
      ),
    ),
  ]
}

function siteBlock(site: SiteReport): ElementNode {
  const summary = `Visitors · ${seriesSummary(site.series.points)}`
  return row(
    cell(
      { padding: '24px 24px 8px 24px', borderTop: `4px solid ${colors.page}` },
      h(
        'h2',
        { attrs: { 'data-site': site.site }, style: { margin: '0', fontSize: '20px', color: colors.text } },
        site.site,
      ),
      h(
        'p',
        { style: { margin: '4px 0 12px 0', fontSize: '13px', color: colors.muted } },
        `${periodLine(site)} · ${site.timezone} · account ${site.account}`,
      ),
      topStats(site),
      h('div', { style: { padding: '16px 0 4px 0' } }, visitorsChart(site.series, summary)),
      h('p', { style: { margin: '0 0 18px 0', fontSize: '12px', color: colors.muted } }, summary),
      ...site.tables.map(breakdown),
      ...annotationList(site),
      ...site.notes.map((note) =>
        h('p', { style: { margin: '0 0 8px 0', fontSize: '12px', color: colors.muted } }, note),
      ),
    ),
  )
}

function failures(report: Report): ElementNode[] {
  if (report.failures.length === 0) return []
  return [
    row(
      cell(
        { padding: '16px 24px', borderTop: `4px solid ${colors.page}` },
        h('h2', { style: { margin: '0 0 8px 0', fontSize: '16px', color: colors.bad } }, 'Not reported'),
        h(
          'ul',
          { style: { margin: '0', padding: '0 0 0 18px', fontSize: '13px', color: colors.text } },
          ...report.failures.map((failure) =>
            h(
              'li',
              { attrs: { 'data-failure': failure.code } },
              `${failure.site ? `${failure.site} (${failure.account})` : `account ${failure.account}`}: ${failure.message}`,
            ),
          ),
        ),
      ),
    ),
  ]
}

/** The report's body (everything inside <body>): the window renders this same tree with React. */
export function reportBody(report: Report): ElementNode {
  return layout(
    { backgroundColor: colors.page },
    row(
      h(
        'td',
        { attrs: { align: 'center' }, style: { padding: '24px 12px' } },
        h(
          'table',
          {
            attrs: { role: 'presentation', width: 640, cellpadding: 0, cellspacing: 0, border: 0 },
            style: {
              width: '100%',
              maxWidth: '640px',
              borderCollapse: 'collapse',
              backgroundColor: colors.card,
              fontFamily: font,
              color: colors.text,
              textAlign: 'left',
            },
          },
          row(
            cell(
              { padding: '24px 24px 16px 24px' },
              h('h1', { style: { margin: '0', fontSize: '24px', color: colors.text } }, report.title),
              h(
                'p',
                { style: { margin: '4px 0 0 0', fontSize: '13px', color: colors.muted } },
                `${report.periodLabel} · generated ${generatedLine(report)}`,
              ),
            ),
          ),
          ...report.sites.map(siteBlock),
          ...failures(report),
          row(
            cell(
              {
                padding: '16px 24px 24px 24px',
                fontSize: '12px',
                color: colors.muted,
                borderTop: `4px solid ${colors.page}`,
              },
              `Plausible Desktop · ${costLine(report)}`,
            ),
          ),
        ),
      ),
    ),
  )
}

export function renderHtml(report: Report): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    serialize(h('title', {}, report.title)),
  ].join('')
  const body = serialize(
    h('body', { style: { margin: '0', padding: '0', backgroundColor: colors.page } }, reportBody(report)),
  )
  return `<!DOCTYPE html>\n<html lang="en"><head>${head}</head>${body}</html>\n`
}
