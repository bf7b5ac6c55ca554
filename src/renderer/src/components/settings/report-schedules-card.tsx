// Scheduled reports (off until one is added): weekly or monthly, of one site or of every site, written
// into a folder when the period starts. The folder comes from the app's folder dialog, or is typed under
// `plausible ui` (a browser cannot name a folder on this machine). Saved in the core (reportSchedules.*).
import { useState } from 'react'
import type { ReportSchedules } from '../../../../shared/report/schedule'
import { isDesktopApp, useApi } from '../../api/client'
import { useCallMutation } from '../../api/mutations'
import type { SitesResult } from '../../api/queries'
import { SaveNote } from './save-note'

const allSites = '*'

function whatOf(schedule: ReportSchedules['schedules'][number]): string {
  if (schedule.scope === 'site')
    return `${schedule.site ?? ''}${schedule.account ? ` (${schedule.account})` : ''}`
  if (schedule.scope === 'account') return `every site of ${schedule.account ?? 'the default account'}`
  return 'every site of every account'
}

function lastRunOf(list: ReportSchedules, id: string): string {
  const run = list.runs[id]
  if (!run) return 'Nothing written yet: the first report comes when the next period starts.'
  if (run.files.length === 0)
    return `Not written (${run.error ?? 'unknown error'}); tried again within the hour.`
  return `Last written ${new Date(run.at).toLocaleString()}: ${run.files.join(', ')}${run.error ? ` (${run.error})` : ''}`
}

export function ReportSchedulesCard({
  list,
  sites,
}: {
  list: ReportSchedules
  sites: SitesResult
}): React.JSX.Element {
  const api = useApi()
  const add = useCallMutation('reportSchedules.add', ['reportSchedules.list'])
  const remove = useCallMutation('reportSchedules.remove', ['reportSchedules.list'])
  const [cadence, setCadence] = useState<'weekly' | 'monthly'>('weekly')
  const [what, setWhat] = useState(allSites)
  const [format, setFormat] = useState<'html' | 'md'>('html')
  const [folder, setFolder] = useState('')
  const [pickProblem, setPickProblem] = useState<string | null>(null)
  const desktop = isDesktopApp()

  const pick = async (): Promise<void> => {
    try {
      const chosen = await api['dialog.pickFolder']({ title: 'Folder for scheduled reports' })
      if (chosen.path) setFolder(chosen.path)
      setPickProblem(null)
    } catch (error) {
      setPickProblem(error instanceof Error ? error.message : String(error))
    }
  }

  const submit = (event: React.FormEvent): void => {
    event.preventDefault()
    const [account, site] = what === allSites ? [undefined, undefined] : what.split('\n')
    add.mutate({
      cadence,
      scope: site ? 'site' : 'all-accounts',
      ...(site ? { site } : {}),
      ...(account ? { account } : {}),
      format,
      folder: folder.trim(),
      // Each report against the period before, as Plausible's own e-mail reports do.
      compare: 'previous_period',
    })
  }

  return (
    <section className="card" data-testid="report-schedules-card" aria-labelledby="report-schedules-title">
      <div className="card__head">
        <h2 id="report-schedules-title" className="card__title">
          Scheduled reports
        </h2>
        <span className="card__intro">
          Off until you add one. A weekly report is written on Monday at 00:00 for the week before, a monthly
          one on the 1st for the month before, at background priority; a report missed while this computer was
          off is written once at the next start.
        </span>
      </div>
      {list.schedules.length > 0 ? (
        <ul className="report-schedules" data-testid="report-schedules">
          {list.schedules.map((schedule) => (
            <li key={schedule.id} data-testid="report-schedule" data-schedule-id={schedule.id}>
              <strong>{schedule.cadence === 'weekly' ? 'Weekly' : 'Monthly'}</strong>, {whatOf(schedule)},{' '}
              {schedule.format === 'html' ? 'HTML' : 'Markdown'} into {schedule.folder}
              <br />
              <span className="explain">{lastRunOf(list, schedule.id)}</span>{' '}
              <button
                type="button"
                className="link-button"
                data-testid="report-schedule-remove"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: schedule.id })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="explain" data-testid="report-schedules-none">
          No scheduled reports.
        </p>
      )}
      <form className="form" onSubmit={submit} data-testid="report-schedule-form">
        <div className="field-pair">
          <label className="field">
            Every
            <select
              data-testid="report-schedule-cadence"
              value={cadence}
              onChange={(event) => setCadence(event.target.value as 'weekly' | 'monthly')}
            >
              <option value="weekly">week</option>
              <option value="monthly">month</option>
            </select>
          </label>
          <label className="field">
            Of
            <select
              data-testid="report-schedule-what"
              value={what}
              onChange={(event) => setWhat(event.target.value)}
            >
              <option value={allSites}>every site of every account</option>
              {sites.sites.map((site) => (
                <option key={`${site.account}/${site.domain}`} value={`${site.account}\n${site.domain}`}>
                  {site.domain} ({site.account})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            As
            <select
              data-testid="report-schedule-format"
              value={format}
              onChange={(event) => setFormat(event.target.value as 'html' | 'md')}
            >
              <option value="html">HTML</option>
              <option value="md">Markdown</option>
            </select>
          </label>
        </div>
        <label className="field">
          Into the folder
          <input
            type="text"
            data-testid="report-schedule-folder"
            value={folder}
            readOnly={desktop}
            placeholder={desktop ? 'Choose a folder…' : '/home/me/Reports (the whole path)'}
            onChange={(event) => setFolder(event.target.value)}
          />
        </label>
        {desktop ? (
          <button
            type="button"
            className="picker-button"
            data-testid="report-schedule-pick"
            onClick={() => void pick()}
          >
            Choose folder…
          </button>
        ) : null}
        {pickProblem ? <span className="field__problem">{pickProblem}</span> : null}
        <div className="form__foot">
          <button
            type="submit"
            className="button"
            data-testid="report-schedule-add"
            disabled={folder.trim() === '' || add.isPending}
          >
            Add scheduled report
          </button>
          <SaveNote state={add} testId="report-schedule-note" />
        </div>
      </form>
    </section>
  )
}
