// Races a keychain call against a deadline, so a locked or hung keychain fails with a typed error
// instead of hanging the window or the CLI (gh's internal/keyring does the same with 3 s).
import { PlausibleError } from '../../shared/errors'

export const defaultKeychainTimeoutMs = 3_000

export function withDeadline<T>(operation: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PlausibleError('KEYCHAIN_TIMEOUT', {
            message: `The OS keychain did not answer within ${timeoutMs / 1000} s while ${what}.`,
          }),
        ),
      timeoutMs,
    )
    // The native call cannot be cancelled; the timer alone must not keep a CLI process alive.
    timer.unref()
  })
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer))
}
