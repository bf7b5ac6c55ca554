// The notices above the dashboard: budget low (what still refreshes, when the hour resets) and offline
// (what is shown is the last answer, as of when).
import type { BudgetSnapshot } from '../../../shared/contract'
import { isBudgetLow } from '../../../shared/stats/realtime'

const clockTime = (ms: number): string =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function BudgetNotice({
  budget,
  now,
}: {
  budget: BudgetSnapshot | undefined
  now: number
}): React.JSX.Element | null {
  if (!budget || !isBudgetLow(budget, now)) return null
  const paused = budget.pausedUntil !== null && Date.parse(budget.pausedUntil) > now
  const reset = clockTime(Date.parse(paused && budget.pausedUntil ? budget.pausedUntil : budget.resetsAt))
  return (
    <div className="notice notice--warn" role="status" data-testid="budget-notice" data-paused={paused}>
      <strong>
        {paused
          ? 'The server’s hourly limit was reached.'
          : `Budget low: ${budget.remainingThisHour} of ${budget.hourlyLimit} requests left this hour.`}
      </strong>{' '}
      {paused
        ? `Nothing is sent to this account until ${reset}; what you see is the last data.`
        : `Realtime updates are paused and views refresh only when you change them; answers fresher than five minutes are reused. The hour resets at ${reset}.`}
    </div>
  )
}

export function OfflineNotice({
  asOf,
  onRetry,
}: {
  asOf: number | null
  onRetry: () => void
}): React.JSX.Element | null {
  if (asOf === null) return null
  return (
    <div className="notice notice--offline" role="status" data-testid="offline-notice" data-as-of={asOf}>
      <strong>Offline.</strong> Showing the last data, as of{' '}
      <time dateTime={new Date(asOf).toISOString()}>
        {new Date(asOf).toLocaleString([], {
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        })}
      </time>
      .{' '}
      <button type="button" className="link-button" onClick={onRetry} data-testid="offline-retry">
        Try again
      </button>
    </div>
  )
}
