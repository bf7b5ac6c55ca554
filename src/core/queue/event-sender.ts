// Write jobs of kind `event`: one Events API send (POST /api/event, plausible-api.md §7) through the
// API client's events module. The Events API takes no key and is not counted against the hourly budget
// (§3), so these jobs do not go through the ledger; the write queue's own concurrency bounds them.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { EventInput } from '../../shared/plausible/event'
import { createStandaloneEventsClient, checkEvent, type PlausibleEvent } from '../api/events'
import { PlausibleError } from '../../shared/errors'
import { describeFieldErrors } from '../api/errors'
import type { Fetch } from '../ports'
import { JobId } from './journal'
import { eventJobKind } from './event-job-kind'
import type { EnqueuedJob, JobSender, WriteQueue } from './write-queue'

export const EventJobPayload = lazySchema(() =>
  z.object({
    /** The server at enqueue time; the Demo account's in-process sandbox is looked up at send time instead. */
    baseUrl: z.string(),
    isDemo: z.boolean().optional(),
    event: EventInput,
    userAgent: z.string().optional(),
    forwardedFor: z.string().optional(),
  }),
)
export type EventJobPayload = z.infer<typeof EventJobPayload>

export function createEventSender(deps: { fetch?: Fetch; demoBaseUrl: () => Promise<string> }): JobSender {
  const baseFetch = deps.fetch ?? fetch
  return async (job, { signal }) => {
    const parsed = EventJobPayload.safeParse(job.payload)
    if (!parsed.success)
      throw new PlausibleError('EVENT_INVALID', { message: `Job ${job.id} does not hold an event.` })
    const payload = parsed.data
    const client = createStandaloneEventsClient({
      baseUrl: payload.isDemo ? await deps.demoBaseUrl() : payload.baseUrl,
      // The client sets its own timeout; closing the queue cuts a send short as well.
      fetch: ((input, init) => fetchUntilClosed(baseFetch, input, init, signal)) as Fetch,
    })
    const result = await client.send(payload.event as PlausibleEvent, {
      ...(payload.userAgent ? { userAgent: payload.userAgent } : {}),
      ...(payload.forwardedFor ? { forwardedFor: payload.forwardedFor } : {}),
    })
    // A 202 that dropped the event is still delivered (sending it again would be dropped again), but
    // the receipt says so (§7 x-plausible-dropped); an accepted event needs no outcome written.
    return result.status === 'dropped' ? { dropped: result.dropped } : undefined
  }
}

/**
 * fetch cut short by the client's own timeout or by `closing`. Not AbortSignal.any: each signal it makes
 * stays listed on the long-lived closing signal, so an import of a million events would keep a million
 * of them and walk that list on every send (nodejs/node#55351); a listener taken off after the answer
 * costs nothing.
 */
function fetchUntilClosed(
  baseFetch: Fetch,
  input: Parameters<Fetch>[0],
  init: Parameters<Fetch>[1],
  closing: AbortSignal,
): ReturnType<Fetch> {
  if (closing.aborted) return Promise.reject(closing.reason as Error)
  const stop = new AbortController()
  const onClose = (): void => stop.abort(closing.reason)
  const timeout = init?.signal
  const onTimeout = (): void => stop.abort(timeout?.reason)
  closing.addEventListener('abort', onClose, { once: true })
  timeout?.addEventListener('abort', onTimeout, { once: true })
  return baseFetch(input, { ...init, signal: stop.signal }).finally(() => {
    closing.removeEventListener('abort', onClose)
    timeout?.removeEventListener('abort', onTimeout)
  })
}

/**
 * The journal job of an event its sender named with an idempotency key: one per account and key, and always
 * a valid job id (a file name). A key the id cannot hold as it is (a dot or a colon, or too long beside the
 * alias) is hashed, under its own prefix so it never meets a key kept as it is.
 */
export function keyedEventJobId(account: string, idempotencyKey: string): string {
  const readable = `event-${account}-${idempotencyKey}`
  if (JobId.safeParse(readable).success) return readable
  return `eventh-${account}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 64)}`
}

/**
 * Journals many events with one durable write (an import's batch); refuses the whole batch, before
 * anything is queued, when one event is one the server would reject.
 */
export async function enqueueEvents(
  queue: WriteQueue,
  account: string,
  events: ReadonlyArray<{ id: string; payload: EventJobPayload }>,
): Promise<EnqueuedJob[]> {
  for (const { id, payload } of events) {
    const problems = checkEvent(payload.event as PlausibleEvent)
    if (Object.keys(problems).length > 0)
      throw new PlausibleError('EVENT_INVALID', {
        message: `The event of job ${id} was not queued: ${describeFieldErrors(problems)}.`,
        details: { fieldErrors: problems },
      })
  }
  return queue.enqueueMany(events.map(({ id, payload }) => ({ kind: eventJobKind, account, payload, id })))
}

/** Journals one event for delivery; refuses an event the server would reject before it is queued. */
export async function enqueueEvent(
  queue: WriteQueue,
  input: { account: string; payload: EventJobPayload; id?: string },
): Promise<{ id: string; state: string }> {
  const problems = checkEvent(input.payload.event as PlausibleEvent)
  if (Object.keys(problems).length > 0)
    throw new PlausibleError('EVENT_INVALID', {
      message: `The event was not queued: ${describeFieldErrors(problems)}.`,
      details: { fieldErrors: problems },
    })
  return queue.enqueue({
    kind: eventJobKind,
    account: input.account,
    payload: input.payload,
    ...(input.id ? { id: input.id } : {}),
  })
}
