// Events API client (plausible-api.md §7): POST /api/event without a key. Checks an event locally first,
// then reports what the server did with it — accepted, or silently dropped (never reported as success).
import { PlausibleError } from '../../shared/errors'
import { checkEvent, eventWireBody } from '../../shared/plausible/event-rules'
import { describeFieldErrors, errorFromResponse, retryAfterMs } from './errors'
import { createTransport, type Transport, type TransportOptions } from './transport'

export interface PlausibleEvent {
  /** `pageview` or a custom event name; ≤ 120 characters. */
  name: string | number
  /** The page the event happened on; required, ≤ 2000 bytes, not a `data:` URL. */
  url: string
  /** The site's domain (a comma list fans out); default: the URL's host, as the server does. */
  domain?: string
  referrer?: string
  /** Scalar values only; at most 30; key ≤ 300 bytes, value ≤ 2000 bytes. */
  props?: Record<string, string | number | boolean>
  /** Revenue goals (plausible.io only). */
  revenue?: { currency: string; amount: number | string }
  /** false: not counted against bounce rate. */
  interactive?: boolean
  /** Keep the #fragment in the pathname (hash-based routing). */
  hashMode?: boolean
}

export interface SendEventOptions {
  /** The visitor's browser; it feeds the visitor hash and browser/OS/device. Bot agents are dropped. */
  userAgent?: string
  /** The visitor's IP (the server reads the first valid entry). Datacenter IPs are dropped. */
  forwardedFor?: string
  /** Send even what the local check refuses, to let the server have its say (conformance tests, odd servers). */
  skipLocalCheck?: boolean
}

export type EventOutcome =
  | { status: 'accepted' }
  /** The server answered 202 but discarded the event (bot, unknown domain, blocked IP, throttling…). */
  | { status: 'dropped'; dropped: number }

/** The server's rules (a port of its validation) live in shared code, so every face checks with its words. */
export { checkEvent }

export interface EventsClient {
  send(event: PlausibleEvent, options?: SendEventOptions): Promise<EventOutcome>
}

/** The JSON body the server expects (long keys), the one the local check judges. */
export function eventBody(event: PlausibleEvent): Record<string, unknown> {
  return eventWireBody(event)
}

export function createEventsClient(transport: Transport): EventsClient {
  return {
    async send(event, options = {}) {
      const problems = options.skipLocalCheck ? {} : checkEvent(event)
      if (Object.keys(problems).length > 0)
        throw new PlausibleError('EVENT_INVALID', {
          message: `The event was not sent: ${describeFieldErrors(problems)}.`,
          details: { fieldErrors: problems },
        })
      const response = await transport.send({
        method: 'POST',
        path: '/api/event',
        body: eventBody(event),
        surface: 'events',
        isAuthenticated: false,
        headers: {
          ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      })
      if (response.status !== 202) {
        const now = transport.now()
        const wait = retryAfterMs(response.headers.get('retry-after'), now)
        throw errorFromResponse(response.status, response.text, {
          surface: 'events',
          now,
          ...(wait === undefined ? {} : { retryAfterMs: wait }),
        })
      }
      const dropped = response.headers.get('x-plausible-dropped')
      if (dropped !== null) return { status: 'dropped', dropped: Number(dropped) || 1 }
      // The server writes `ok`; the docs show `{}` (§7): both mean accepted.
      if (response.text.trim() !== 'ok' && response.text.trim() !== '{}')
        throw new PlausibleError('BAD_RESPONSE', {
          message: `The Events API answered 202 with ${JSON.stringify(response.text.slice(0, 40))} instead of "ok".`,
        })
      return { status: 'accepted' }
    },
  }
}

/** An Events API client on its own: it needs only the server, no key. */
export function createStandaloneEventsClient(options: Omit<TransportOptions, 'apiKey'>): EventsClient {
  return createEventsClient(createTransport(options))
}
