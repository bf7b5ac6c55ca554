// One entry for every face: the report in the format asked for, and a file name that says what it holds.
import { renderHtml } from './html'
import { renderMarkdown } from './markdown'
import type { Report } from './model'

export const reportFormats = ['md', 'html', 'json'] as const
export type ReportFormat = (typeof reportFormats)[number]

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report)
    case 'html':
      return renderHtml(report)
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
  }
}

export const mediaTypes: Record<ReportFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  json: 'application/json',
}

/**
 * `shop.example.com-2026-11-16-2026-11-22.html`: the site (or `all-sites`) and the period's days (or
 * its key where only the server knows them), in letters every file system takes.
 */
export function reportFileName(report: Report, format: ReportFormat, scopeName?: string): string {
  const first = report.sites[0]
  const who = scopeName ?? (report.sites.length === 1 && first ? first.site : 'all-sites')
  const period = first?.period
  const when =
    period?.first && period.last
      ? period.first === period.last
        ? period.first
        : `${period.first}-${period.last}`
      : report.periodLabel
  return safeFileName(`${who}-${when}`, format)
}

export function safeFileName(stem: string, extension: string): string {
  const cleaned = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
  return `${cleaned || 'report'}.${extension}`
}
