// The tray's own switches (start at login, pause polling), saved at once with `tray.set`, and a read-only
// line per key of what the tray's polling does now, as `tray.get` reports it.
import type { PollingStatus, TrayState } from '../../../../shared/contract/glance'
import { useApi } from '../../api/client'
import { SavedSwitch } from './saved-switch'

const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

function every(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  return `${Math.round(seconds / 60)} min`
}

/** One key's polling in a sentence: how often, or why it waits. */
export function pollingSentence(status: PollingStatus): string {
  const sites = status.sites.length === 1 ? '1 site' : `${status.sites.length} sites`
  if (status.pausedUntil)
    return `${status.account}: ${sites}, waiting until ${clock(status.pausedUntil)} (the hour’s budget is spent or the server said 429).`
  if (status.intervalMs === null) return `${status.account}: ${sites}, paused.`
  const next = status.nextPollAt ? `, next at ${clock(status.nextPollAt)}` : ''
  return `${status.account}: ${sites}, a round every ${every(status.intervalMs)}${next}.`
}

export function TrayCard({ tray, pinCount }: { tray: TrayState; pinCount: number }): React.JSX.Element {
  const api = useApi()
  const { settings, polling } = tray
  return (
    <section className="card" data-testid="tray-card" aria-labelledby="tray-title">
      <div className="card__head">
        <h2 id="tray-title" className="card__title">
          Tray
        </h2>
      </div>
      <div className="settings-switches">
        <SavedSwitch
          saved={settings.startAtLogin}
          save={(startAtLogin) => api['tray.set']({ startAtLogin })}
          invalidates="tray.get"
          label="Start at login"
          hint="the tray only, no window"
          testId="tray-start-at-login"
        />
        <SavedSwitch
          saved={settings.isPollingPaused}
          save={(isPollingPaused) => api['tray.set']({ isPollingPaused })}
          invalidates="tray.get"
          label="Pause polling"
          hint="no request is spent on the tray until you resume"
          testId="tray-paused"
        />
      </div>
      <div className="tray-status" data-testid="tray-status" data-polling={polling.length}>
        <h3 className="tray-status__title">Polling now</h3>
        {polling.length > 0 ? (
          <ul className="tray-status__list">
            {polling.map((status) => (
              <li key={status.account} data-testid="tray-status-line" data-account={status.account}>
                {pollingSentence(status)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="explain" data-testid="tray-status-none">
            {settings.isPollingPaused
              ? 'Paused: the tray polls nothing until you resume.'
              : pinCount === 0
                ? 'Nothing: no site is pinned.'
                : 'No tray polls in this process: the tray lives in the desktop app, and this window is served without it (plausible ui).'}
          </p>
        )}
      </div>
    </section>
  )
}
