// A settings checkbox that saves on change: it shows the wanted value from the click on (set in the same
// event, so it never flickers back while the call is in flight), then the core's answer, or the core's
// old value beside the typed failure.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { CallName } from '../../../../shared/contract'
import { SaveNote } from './save-note'

export interface SavedSwitchProps {
  /** The value the core holds now. */
  saved: boolean
  /** The contract call that stores a new value. */
  save: (value: boolean) => Promise<unknown>
  /** The query (call name) whose answer the save changes. */
  invalidates: CallName
  label: string
  hint: string
  testId: string
}

export function SavedSwitch({
  saved,
  save,
  invalidates,
  label,
  hint,
  testId,
}: SavedSwitchProps): React.JSX.Element {
  const client = useQueryClient()
  const mutation = useMutation<unknown, Error, boolean>({
    mutationFn: save,
    onSuccess: () => client.invalidateQueries({ queryKey: [invalidates] }),
  })
  const [wanted, setWanted] = useState<boolean | null>(null)
  return (
    <div className="saved-switch">
      <label className="check">
        <input
          type="checkbox"
          data-testid={testId}
          checked={wanted ?? saved}
          disabled={mutation.isPending}
          onChange={(event) => {
            const value = event.target.checked
            setWanted(value)
            mutation.mutate(value, { onSettled: () => setWanted(null) })
          }}
        />
        {label}
        <span className="field__hint">({hint})</span>
      </label>
      <SaveNote state={mutation} testId={`${testId}-note`} />
    </div>
  )
}
