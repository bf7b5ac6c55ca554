// The report as Markdown (GitHub-flavoured tables), for a chat, an issue or a mail in plain text: the
// visitors series as a line of block characters, every value escaped so a page path cannot break a table.
import type { Report, ReportTable, SiteReport } from './model'
import {
  costLine,
  formatChange,
  formatValue,
  generatedLine,
  periodLine,
  seriesSummary,
  textSparkline,
} from './words'

/** Backslash-escapes what Markdown would read as markup (CommonMark: any ASCII punctuation may be escaped). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`)
}

function table(header: string[], align: Array<'left' | 'right'>, rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [
    line(header),
    line(align.map((side) => (side === 'right' ? '---:' : '---'))),
    ...rows.map((cells) => line(cells)),
  ]
}

function topStatsTable(site: SiteReport): string[] {
  const comparing = site.comparison !== null
  const header = comparing
    ? ['Metric', site.period.label, escapeMarkdown(site.comparison?.label ?? ''), 'Change']
    : ['Metric', site.period.label]
  const rows = site.topStats.map((stat) => [
    stat.label,
    formatValue(stat.metric, stat.value),
    ...(comparing
      ? [formatValue(stat.metric, stat.comparisonValue), formatChange(stat.metric, stat.change)]
      : []),
  ])
  return table(header, ['left', 'right', ...(comparing ? (['right', 'right'] as const) : [])], rows)
}

function breakdownTable(section: ReportTable): string[] {
  const heading = `### ${section.title}`
  if (section.rows.length === 0) return [heading, '', '_Nothing in this period._']
  return [
    heading,
    '',
    ...table(
      [section.columnLabel, ...section.metricLabels],
      ['left', ...section.metrics.map(() => 'right' as const)],
      section.rows.map((row) => [
        escapeMarkdown(row.name),
        ...row.values.map((value, index) => formatValue(section.metrics[index] ?? '', value)),
      ]),
    ),
  ]
}

/** The site's annotations in the period (kept on this machine), date first. */
function annotationLines(site: SiteReport): string[] {
  const annotations = site.annotations ?? []
  if (annotations.length === 0) return []
  return [
    '',
    '### Annotations',
    '',
    ...annotations.map((entry) => `- ${entry.date} · ${entry.kind} · ${escapeMarkdown(entry.text)}`),
  ]
}

function siteSection(site: SiteReport): string[] {
  const spark = textSparkline(site.series.points)
  return [
    `## ${escapeMarkdown(site.site)}`,
    '',
    `${escapeMarkdown(periodLine(site))} · ${escapeMarkdown(site.timezone)} · account ${escapeMarkdown(site.account)}`,
    '',
    ...topStatsTable(site),
    '',
    `**Visitors** \`${spark || ' '}\` ${escapeMarkdown(seriesSummary(site.series.points))}`,
    ...site.tables.flatMap((section) => ['', ...breakdownTable(section)]),
    ...annotationLines(site),
    ...(site.notes.length > 0 ? ['', ...site.notes.map((note) => `> ${escapeMarkdown(note)}`)] : []),
  ]
}

export function renderMarkdown(report: Report): string {
  const lines = [
    `# ${escapeMarkdown(report.title)}`,
    '',
    `${escapeMarkdown(report.periodLabel)} · generated ${generatedLine(report)}`,
    ...report.sites.flatMap((site) => ['', ...siteSection(site)]),
  ]
  if (report.failures.length > 0) {
    lines.push('', '## Not reported', '')
    for (const failure of report.failures) {
      const where = failure.site ? `${failure.site} (${failure.account})` : `account ${failure.account}`
      lines.push(`- ${escapeMarkdown(where)}: ${escapeMarkdown(failure.message)}`)
    }
  }
  lines.push('', '---', '', `_Plausible Desktop · ${escapeMarkdown(costLine(report))}_`, '')
  return lines.join('\n')
}
