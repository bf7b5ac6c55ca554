// The report view (#/report?site=…&period=…): the report the CLI writes, built by report.build at the
// window's priority and drawn from the HTML file's own element tree; exported as that same HTML file or as
// Markdown, copied as Markdown, printed to PDF by the app (or by the browser's print under `plausible ui`).
import { useQuery } from '@tanstack/react-query'
import { useState, useSyncExternalStore } from 'react'
import { isDesktopApp, useApi } from '../api/client'
import { ErrorPanel } from '../components/error-panel'
import { treeToReact } from '../components/report/report-tree'
import { ScreenFrame } from '../components/screen-frame'
import { reportBody } from '../../../shared/report/html'
import { renderMarkdown } from '../../../shared/report/markdown'
import { mediaTypes, renderReport, reportFileName, type ReportFormat } from '../../../shared/report/render'
import type { Report } from '../../../shared/report/model'
import { costLine } from '../../../shared/report/words'
import { downloadBlob } from '../download'
import { reportTargetOf } from './report-params'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

function download(report: Report, format: ReportFormat): void {
  const blob = new Blob([renderReport(report, format)], { type: mediaTypes[format] })
  downloadBlob(reportFileName(report, format), blob)
}

/** The Clipboard API where the page may use it; the older copy command where it may not (a locked-down host). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'report-copy-area'
    document.body.append(area)
    area.select()
    const copied = document.execCommand('copy')
    area.remove()
    if (!copied) throw new Error('The clipboard refused the text.')
  }
}

export function ReportScreen(): React.JSX.Element {
  const api = useApi()
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  const target = reportTargetOf(hash)
  const report = useQuery({
    queryKey: ['report.build', target] as const,
    queryFn: () => api['report.build'](target),
    staleTime: 5 * 60_000,
  })
  const [status, setStatus] = useState('')
  const data = report.data
  const state = report.error && !data ? 'error' : data ? 'ready' : 'loading'
  const desktop = isDesktopApp()

  const printPdf = async (): Promise<void> => {
    if (!data) return
    if (!desktop) {
      window.print()
      return
    }
    try {
      const saved = await api['report.print']({ report: data })
      setStatus(saved.path ? `Saved ${saved.path}` : '')
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <ScreenFrame
      screen="report"
      title={data?.title ?? 'Report'}
      intro={
        data
          ? `${data.periodLabel} · ${costLine(data)}. Its export is the very file plausible report writes.`
          : 'Building the report from the same reads as the dashboard…'
      }
      state={state}
    >
      {report.error && !data ? (
        <ErrorPanel error={report.error} onRetry={() => void report.refetch()} />
      ) : null}
      {data ? (
        <>
          <div className="report-toolbar" role="toolbar" aria-label="Report export">
            <button
              type="button"
              className="picker-button"
              data-testid="report-export-html"
              onClick={() => download(data, 'html')}
            >
              Export HTML
            </button>
            <button
              type="button"
              className="picker-button"
              data-testid="report-export-md"
              onClick={() => download(data, 'md')}
            >
              Export Markdown
            </button>
            <button
              type="button"
              className="picker-button"
              data-testid="report-copy-md"
              onClick={() =>
                void copyText(renderMarkdown(data)).then(
                  () => setStatus('Markdown copied'),
                  (error: unknown) => setStatus(error instanceof Error ? error.message : String(error)),
                )
              }
            >
              Copy Markdown
            </button>
            <button
              type="button"
              className="picker-button"
              data-testid="report-pdf"
              onClick={() => void printPdf()}
            >
              {desktop ? 'Save as PDF' : 'Print…'}
            </button>
            <span className="report-status" role="status" data-testid="report-status">
              {status}
            </span>
          </div>
          <div className="report-frame" data-testid="report-view">
            {treeToReact(reportBody(data))}
          </div>
        </>
      ) : null}
    </ScreenFrame>
  )
}
