// Keeps keys out of every error that leaves the core: known keys (resolved from a store, the
// environment or a call's input) and anything sent as a Bearer token are replaced by their mask.
// A proxy or a fork may echo the Authorization header in an error body; this is where that stops.
import { PlausibleError, type WireError } from '../../shared/errors'
import { maskKey } from '../accounts/mask'

export interface SecretRedactor {
  /** Remembers a key for the life of the process, so later errors that quote it are masked. */
  remember(secret: string | null | undefined): void
  redact(text: string): string
  /** The same error with every text it carries redacted (message, hint, server text, cause). */
  redactError(error: unknown): unknown
}

/** `Bearer <token>` and `authorization: <token>`, quoted or not. */
const bearerPattern = /(bearer\s+|authorization["']?\s*[:=]\s*["']?(?:bearer\s+)?)([A-Za-z0-9._~+/=-]{8,})/gi

/** Shorter strings are not treated as keys: masking them would mangle ordinary words. */
const minimumSecretLength = 8

export function createSecretRedactor(): SecretRedactor {
  const secrets = new Set<string>()

  function redact(text: string): string {
    let result = text
    for (const secret of secrets)
      if (result.includes(secret)) result = result.split(secret).join(maskKey(secret))
    return result.replace(bearerPattern, (_, prefix: string, token: string) => `${prefix}${maskKey(token)}`)
  }

  function redactDetails(details: WireError['details']): WireError['details'] {
    if (!details?.serverMessage) return details
    return { ...details, serverMessage: redact(details.serverMessage) }
  }

  function redactCause(cause: unknown): unknown {
    if (!(cause instanceof Error)) return typeof cause === 'string' ? redact(cause) : cause
    const copy = new Error(redact(cause.message))
    copy.name = cause.name
    if (cause.stack) copy.stack = redact(cause.stack)
    return copy
  }

  return {
    remember(secret) {
      const trimmed = secret?.trim()
      if (trimmed && trimmed.length >= minimumSecretLength) secrets.add(trimmed)
    },
    redact,
    redactError(error) {
      if (error instanceof PlausibleError) {
        const redacted = new PlausibleError(error.code, {
          message: redact(error.message),
          hint: redact(error.hint),
          details: redactDetails(error.details),
          cause: redactCause(error.cause),
        })
        if (error.stack) redacted.stack = redact(error.stack)
        return redacted
      }
      return redactCause(error)
    },
  }
}
