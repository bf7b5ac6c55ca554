// Turns the OS keychain's raw failures (libsecret, macOS Security, Windows Credential Manager) into
// sentences people can act on. The raw text is kept only as the error's cause, never in its message.
import { PlausibleError } from '../../shared/errors'

interface KnownFailure {
  pattern: RegExp
  sentence: string
}

const knownFailures: KnownFailure[] = [
  {
    pattern:
      /autolaunch D-Bus|Could not connect|address is empty|Failed to connect to socket|Connection refused|DBUS_SESSION_BUS_ADDRESS|No such file or directory/i,
    sentence: 'No D-Bus session is running, so no Secret Service (GNOME Keyring, KWallet) can be reached.',
  },
  {
    pattern: /was not provided by any \.service files|org\.freedesktop\.secrets/i,
    sentence: 'No Secret Service (GNOME Keyring, KWallet) is installed or running in this session.',
  },
  {
    pattern: /locked collection|collection\/login|Object does not exist|prompt/i,
    sentence: 'The login keyring is locked and no prompt can be shown to unlock it.',
  },
  {
    pattern: /User interaction is not allowed|errSecInteractionNotAllowed|-25308/i,
    sentence: 'The macOS keychain is locked and cannot ask for the password right now.',
  },
  {
    pattern: /user name or passphrase you entered is not correct|errSecAuthFailed|-25293/i,
    sentence: 'The macOS keychain refused access (wrong keychain password or access denied).',
  },
  {
    pattern: /keychain could not be found|errSecNoDefaultKeychain|-25307/i,
    sentence: 'This macOS user has no default keychain.',
  },
  {
    pattern: /Credential Manager|ERROR_NO_SUCH_LOGON_SESSION|logon session/i,
    sentence: 'The Windows Credential Manager is not available in this logon session.',
  },
]

/** A sentence for a raw keychain failure; a generic one when the failure is not known. */
export function describeKeychainFailure(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  return (
    knownFailures.find((failure) => failure.pattern.test(raw))?.sentence ??
    'The OS keychain reported an error it did not explain.'
  )
}

export function keychainError(error: unknown, what: string): PlausibleError {
  if (error instanceof PlausibleError) return error
  return new PlausibleError('KEYCHAIN_UNAVAILABLE', {
    message: `The OS keychain failed while ${what}: ${describeKeychainFailure(error)}`,
    cause: error,
  })
}
