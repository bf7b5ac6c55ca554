// What became of the last save in a settings card: saving, saved (with the time), or the typed failure.
import { FailureNote } from '../failure-note'

export interface SaveState {
  isPending: boolean
  isSuccess: boolean
  error: Error | null
  submittedAt: number
}

export function SaveNote({ state, testId }: { state: SaveState; testId: string }): React.JSX.Element | null {
  if (state.isPending)
    return (
      <span className="save-note" role="status" data-testid={testId} data-state="saving">
        Saving…
      </span>
    )
  if (state.error) return <FailureNote error={state.error} testId={`${testId}-error`} />
  if (!state.isSuccess) return null
  const at = new Date(state.submittedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return (
    <span className="form__done save-note" role="status" data-testid={testId} data-state="saved">
      Saved at {at}.
    </span>
  )
}
