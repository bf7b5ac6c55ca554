// "N current visitors" with Plausible's pulsing dot: unique visitors in the last five minutes.
import type { SiteRef } from '../api/queries'
import { useRealtime } from '../api/queries'

export function RealtimeBadge({ site }: { site: SiteRef }): React.JSX.Element {
  const realtime = useRealtime(site)
  const visitors = realtime.data?.visitors
  if (realtime.error) {
    // Not worth a full error state: the rest of the dashboard still works.
    return (
      <span className="realtime realtime--off" data-testid="realtime-visitors" title={realtime.error.message}>
        Realtime unavailable
      </span>
    )
  }
  return (
    <span className="realtime" data-testid="realtime-visitors" data-value={visitors ?? ''} aria-live="polite">
      <span className="realtime__dot" aria-hidden="true" />
      {visitors === undefined ? (
        <span className="skeleton skeleton--inline" />
      ) : (
        `${visitors} current visitor${visitors === 1 ? '' : 's'}`
      )}
    </span>
  )
}
