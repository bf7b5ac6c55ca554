// The add form's consent to send a key over plain http: shown only for an http URL to another machine
// (the shared rule the core enforces), and it must be ticked before the form sends the key anywhere.
import { insecureHttpConsentLabel, isPlainHttpToNetwork } from '../../../shared/plain-http'

/** True when `baseUrl` needs the box ticked before its key may be sent. */
export function needsInsecureHttpConsent(baseUrl: string): boolean {
  return isPlainHttpToNetwork(baseUrl)
}

export function InsecureHttpConsent({
  baseUrl,
  isAllowed,
  onChange,
}: {
  baseUrl: string
  isAllowed: boolean
  onChange: (isAllowed: boolean) => void
}): React.JSX.Element | null {
  if (!needsInsecureHttpConsent(baseUrl)) return null
  return (
    <div className="field--wide insecure-http" data-testid="add-insecure-http">
      <p className="field__hint">
        This address is plain http: the key would cross the network unencrypted. Use the server’s https://
        address if it has one.
      </p>
      <label className="check">
        <input
          type="checkbox"
          data-testid="add-allow-insecure-http"
          checked={isAllowed}
          onChange={(event) => onChange(event.target.checked)}
        />
        {insecureHttpConsentLabel}
      </label>
    </div>
  )
}
