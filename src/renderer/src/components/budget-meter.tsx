// How much of this hour's API budget is left for the account, and when it resets (design.md "The budget").
import { useBudget } from '../api/queries'

const clockTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function BudgetMeter({ account }: { account: string | undefined }): React.JSX.Element | null {
  const budget = useBudget(account)
  const snapshot = budget.data
  if (!snapshot) return null
  const share = snapshot.hourlyLimit > 0 ? snapshot.remainingThisHour / snapshot.hourlyLimit : 0
  const level = snapshot.pausedUntil ? 'paused' : share < 0.1 ? 'low' : 'ok'
  return (
    <div className={`budget budget--${level}`} data-testid="budget" data-level={level}>
      <div className="budget__bar" aria-hidden="true">
        <progress
          className="budget__progress"
          max={snapshot.hourlyLimit}
          value={snapshot.remainingThisHour}
        />
      </div>
      <span data-testid="budget-remaining" data-value={snapshot.remainingThisHour}>
        {snapshot.pausedUntil
          ? `Paused until ${clockTime(snapshot.pausedUntil)}: the server's hourly limit was reached`
          : `${snapshot.remainingThisHour} of ${snapshot.hourlyLimit} API requests left this hour`}
      </span>
      <span className="budget__reset">resets {clockTime(snapshot.resetsAt)}</span>
    </div>
  )
}
