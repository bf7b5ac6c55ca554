// Chooses a typed error from an HTTP status and body, keeping the server's own text (plausible-api.md §2–§4).
import { PlausibleError } from '../../shared/errors'

/** The server's message from `{"error": "..."}`, `{"errors": {...}}` or plain text; at most 500 characters. */
export function serverMessageOf(body: string): string | undefined {
  const trimmed = body.trim()
  if (trimmed === '') return undefined
  try {
    const parsed: unknown = JSON.parse(trimmed)
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>
      if (typeof record.error === 'string') return record.error.slice(0, 500)
      if (typeof record.message === 'string') return record.message.slice(0, 500)
      if (record.errors && typeof record.errors === 'object')
        return JSON.stringify(record.errors).slice(0, 500)
    }
  } catch {
    // Not JSON: a proxy's HTML page or plain text; show its start.
  }
  return trimmed.replace(/\s+/g, ' ').slice(0, 200)
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); Plausible sends none, proxies may. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function errorFromResponse(status: number, body: string): PlausibleError {
  const serverMessage = serverMessageOf(body)
  const details = { status, ...(serverMessage ? { serverMessage } : {}) }
  const withServerText = (fallback: string): string =>
    serverMessage ? `${fallback} Server said: ${serverMessage}` : fallback
  if (status === 401) {
    const missing = serverMessage?.startsWith('Missing API key') ?? false
    return new PlausibleError(missing ? 'AUTH_MISSING' : 'AUTH_INVALID', {
      details,
      message: withServerText(missing ? 'No API key was sent.' : 'The API key or site ID was refused.'),
    })
  }
  if (status === 402)
    return new PlausibleError('PLAN_REQUIRED', {
      details,
      message: withServerText('The plan behind this key does not include this API.'),
    })
  if (status === 404)
    return new PlausibleError('NOT_FOUND', {
      details,
      message: withServerText('The server has no such resource.'),
    })
  if (status === 429)
    return new PlausibleError('RATE_LIMITED', {
      details,
      message: withServerText('The server refused the request: this key used up its hourly API budget.'),
    })
  if (status >= 500)
    return new PlausibleError('SERVER_ERROR', {
      details,
      message: `The Plausible server failed with HTTP ${status}.`,
    })
  if (status === 400 || status === 422) {
    return new PlausibleError('QUERY_INVALID', {
      details,
      message: serverMessage ?? 'The server rejected the request as invalid.',
    })
  }
  return new PlausibleError('BAD_RESPONSE', {
    details,
    message: `The server answered HTTP ${status}, which the Plausible API does not use here.`,
  })
}
