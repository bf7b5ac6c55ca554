// The Queue screen's lines about what the write journal could not do cleanly: job files it could not read
// (counted until the user retries or deletes them, as `plausible queue corrupt` does) and jobs a crash may
// have delivered twice (the Events API has no idempotency key, so a send cut short is sent again).
import { useState } from 'react'
import type { CorruptJobs } from '../../../shared/contract'
import { useCallMutation } from '../api/mutations'

export function PossiblyDeliveredNotice({ count }: { count: number }): React.JSX.Element | null {
  if (count === 0) return null
  return (
    <p
      className="notice notice--spaced"
      role="status"
      data-testid="queue-possibly-delivered"
      data-value={count}
    >
      <strong>{count.toLocaleString('en-US')} possibly delivered twice</strong> in the last day: a crash cut
      their send short, so they were sent again. The server cannot tell a repeat.
    </p>
  )
}

export function CorruptJobsNotice({ corrupt }: { corrupt: CorruptJobs }): React.JSX.Element | null {
  const retry = useCallMutation('queue.corruptRetry', ['queue.inspect'])
  const remove = useCallMutation('queue.corruptDelete', ['queue.inspect'])
  const [isConfirming, setConfirming] = useState(false)
  const count = corrupt.files.length
  // Why the last retry left a file, for the files still there (not once deleted).
  const kept =
    retry.data?.results.flatMap((result) =>
      result.result !== 'queued' && corrupt.files.some((file) => file.name === result.name) ? [result] : [],
    ) ?? []
  if (count === 0 && kept.length === 0) return null
  const error = retry.error ?? remove.error
  const isBusy = retry.isPending || remove.isPending
  return (
    <div className="notice notice--warn notice--spaced" data-testid="queue-corrupt" data-count={count}>
      {count > 0 ? (
        <p>
          <strong>
            {count} job file{count === 1 ? '' : 's'} could not be read
          </strong>{' '}
          and wait in <code>{corrupt.folder}</code>. Look inside; mend a file and retry it, or delete them.
        </p>
      ) : null}
      {kept.length > 0 ? (
        <ul data-testid="queue-corrupt-kept">
          {kept.map((result) => (
            <li key={result.name}>
              <code>{result.name}</code>: {result.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p data-testid="queue-corrupt-error">{error.message}</p> : null}
      {count > 0 ? (
        <p>
          <button
            type="button"
            className="button button--small"
            data-testid="queue-corrupt-retry"
            disabled={isBusy}
            onClick={() => retry.mutate({})}
          >
            Retry
          </button>{' '}
          <button
            type="button"
            className="button button--small button--ghost button--danger"
            data-testid="queue-corrupt-delete"
            disabled={isBusy}
            onClick={() => {
              if (!isConfirming) return setConfirming(true)
              setConfirming(false)
              remove.mutate({})
            }}
          >
            {isConfirming ? `Delete ${count} file${count === 1 ? '' : 's'} for good` : 'Delete'}
          </button>
        </p>
      ) : null}
    </div>
  )
}
