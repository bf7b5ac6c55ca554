// A failure as the product words it: the catalog's message, the hint that says what to do, and a retry.
import { PlausibleError, errorCatalog } from '../../../shared/errors'

export interface ErrorPanelProps {
  error: Error
  onRetry: () => void
  /** Smaller, for a failure inside a card rather than instead of the page. */
  compact?: boolean
}

export function ErrorPanel({ error, onRetry, compact = false }: ErrorPanelProps): React.JSX.Element {
  // Errors reach the renderer as PlausibleErrors (unwrap); anything else is ours and gets the generic text.
  const failure = error instanceof PlausibleError ? error : null
  const code = failure?.code ?? 'INTERNAL'
  const message = failure?.message ?? errorCatalog.INTERNAL.message
  const hint = failure?.hint ?? errorCatalog.INTERNAL.hint
  return (
    <div
      className={compact ? 'error-panel error-panel--compact' : 'error-panel'}
      role="alert"
      data-testid="error-panel"
      data-code={code}
    >
      <div className="error-panel__icon" aria-hidden="true">
        !
      </div>
      <div className="error-panel__text">
        <p className="error-panel__message" data-testid="error-message">
          {message}
        </p>
        <p className="error-panel__hint" data-testid="error-hint">
          {hint}
        </p>
        {failure?.details?.serverMessage && !message.includes(failure.details.serverMessage) ? (
          <p className="error-panel__detail" data-testid="error-detail">
            Server said: {failure.details.serverMessage}
          </p>
        ) : null}
      </div>
      <button type="button" className="button" data-testid="retry-button" onClick={onRetry}>
        Retry
      </button>
    </div>
  )
}
