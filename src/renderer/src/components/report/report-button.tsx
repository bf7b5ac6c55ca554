// "Report": opens the report view for a site (or every site) and period. Exported for any toolbar that
// shows a site and a period: the dashboard's, the overview's.
import { reportHref, type ReportTarget } from '../../routes/report-params'

export function ReportButton({ target }: { target: ReportTarget }): React.JSX.Element {
  return (
    <a
      className="picker-button"
      data-testid="report-button"
      href={reportHref(target)}
      title="A report to export, print or copy"
    >
      Report
    </a>
  )
}
