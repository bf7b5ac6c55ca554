// A failed write as the product words it, inside the form that caused it: message, hint, the error code.
import { PlausibleError, errorCatalog } from '../../../shared/errors'

export function FailureNote({ error, testId = 'form-error' }: { error: Error | null; testId?: string }) {
  if (!error) return null
  const failure = error instanceof PlausibleError ? error : null
  const code = failure?.code ?? 'INTERNAL'
  return (
    <div className="failure-note" role="alert" data-testid={testId} data-code={code}>
      <p className="failure-note__message" data-testid={`${testId}-message`}>
        {failure?.message ?? errorCatalog.INTERNAL.message}
      </p>
      <p className="failure-note__hint" data-testid={`${testId}-hint`}>
        {failure?.hint ?? errorCatalog.INTERNAL.hint}
      </p>
      {failure?.details?.serverMessage && !failure.message.includes(failure.details.serverMessage) ? (
        <p className="failure-note__detail">Server said: {failure.details.serverMessage}</p>
      ) : null}
      {failure?.details?.fieldErrors ? (
        <ul className="failure-note__fields" data-testid={`${testId}-fields`}>
          {Object.entries(failure.details.fieldErrors).map(([field, messages]) => (
            <li key={field} data-field={field}>
              <code>{field}</code> {messages.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
