// events.* — sending Events API events (plausible-api.md §7) through the crash-safe write journal: the
// event is checked field by field, journaled, and the call waits for what the server did with it.
import { randomUUID } from 'node:crypto'
import { isErrorCode, PlausibleError } from '../../shared/errors'
import type { EventReceipt } from '../../shared/plausible/event'
import { createStandaloneEventsClient, type PlausibleEvent } from '../api/events'
import { dryRunFetch } from '../api/dry-run'
import { enqueueEvent, keyedEventJobId, type EventJobPayload } from '../queue/event-sender'
import { timerSleep } from '../queue/sleep'
import type { Telemetry } from '../queue/telemetry'
import type { WriteQueue } from '../queue/write-queue'
import { windowImportsOf } from './imports'
import type { DomainHandlers, HandlerDeps } from './types'

/** How often a sender waiting on a journal another process delivers looks at it again. */
const journalPollMs = 200

export function eventHandlers(deps: HandlerDeps): DomainHandlers<'events'> {
  const send = sendingHandlers(deps)['events.send']
  return {
    async 'events.send'(input) {
      if (!input.importId) return send(input)
      // A line of a file the window imports: counted into its run in the import history (imports.start).
      const runs = windowImportsOf(deps)
      runs.assertOpen(input.importId)
      const name = String(input.event.name)
      try {
        const receipt = await send(input)
        await runs.record(input.importId, name, { receipt })
        return receipt
      } catch (error) {
        await runs.record(input.importId, name, { error })
        throw error
      }
    },
  }
}

function sendingHandlers(deps: HandlerDeps): DomainHandlers<'events'> {
  const { accounts, demo, queue, telemetry } = deps
  return {
    async 'events.send'({ account, event, userAgent, forwardedFor, idempotencyKey }) {
      const resolved = await accounts.resolve(account)
      // The Events API takes no key: a server named for this run gets the event, never the Demo sandbox.
      const isDemo = resolved.isDemo && !resolved.ignoredBaseUrl
      const payload: EventJobPayload = {
        baseUrl: resolved.ignoredBaseUrl ?? resolved.baseUrl,
        isDemo,
        event,
        ...(userAgent ? { userAgent } : {}),
        ...(forwardedFor ? { forwardedFor } : {}),
      }
      if (deps.isDryRun) {
        // Nothing is journaled: the request is described (after the same field checks) and refused.
        const baseUrl = isDemo ? (await demo.get()).baseUrl : payload.baseUrl
        await createStandaloneEventsClient({ baseUrl, fetch: dryRunFetch }).send(event as PlausibleEvent, {
          ...(userAgent ? { userAgent } : {}),
          ...(forwardedFor ? { forwardedFor } : {}),
        })
      }
      // A keyed event is one job per account and key, whoever sends it and however often.
      const id = idempotencyKey ? keyedEventJobId(resolved.alias, idempotencyKey) : `send-${randomUUID()}`
      // Listening before the job exists: this process may deliver it before enqueue returns.
      const receipt = waitForReceipt(queue, telemetry, id)
      let state: string
      try {
        ;({ state } = await enqueueEvent(queue, { account: resolved.alias, payload, id }))
      } catch (error) {
        receipt.cancel()
        throw error
      }
      if (state !== 'done') return receipt.settled
      receipt.cancel()
      const earlier = await receiptFromJournal(queue, id)
      if (!earlier) throw new PlausibleError('INTERNAL', { message: `The journal lost job ${id}.` })
      return { ...earlier, isRepeat: true }
    },
  }
}

/**
 * What became of job `id`: the telemetry of this process answers at once when it delivers the journal;
 * when another process (the app, an import) delivers it, the journal on disk says so within a poll.
 */
function waitForReceipt(
  queue: WriteQueue,
  telemetry: Telemetry,
  id: string,
): { settled: Promise<EventReceipt>; cancel: () => void } {
  const stop = new AbortController()
  let unsubscribe = (): void => undefined
  const settled = new Promise<EventReceipt>((resolve, reject) => {
    const finish = (outcome: () => Promise<EventReceipt | null>): void => {
      outcome().then(
        (receipt) => {
          if (!receipt || stop.signal.aborted) return
          stop.abort()
          unsubscribe()
          resolve(receipt)
        },
        (error: unknown) => {
          if (stop.signal.aborted) return
          stop.abort()
          unsubscribe()
          reject(error)
        },
      )
    }
    unsubscribe = telemetry.subscribe((event) => {
      if (!('jobId' in event) || event.jobId !== id) return
      // The journal itself cannot be written (a full disk): it will never hold the answer, so the error
      // that names the file is the answer. The job stays journaled and is sent once the disk has room.
      if (event.type === 'retry' && event.error.code === 'CONFIG_DIR') {
        const { message } = event.error
        finish(() => Promise.reject(new PlausibleError('CONFIG_DIR', { message })))
        return
      }
      // A retry is answered once the journal holds it (written just after the event), so the receipt
      // never says "queued" before the job is safely on disk with its error.
      if (event.type === 'succeeded' || event.type === 'failed' || event.type === 'retry')
        finish(() => receiptFromJournal(queue, id))
    })
    void (async () => {
      while (!stop.signal.aborted) {
        await timerSleep(journalPollMs, stop.signal).catch(() => undefined)
        if (!stop.signal.aborted) finish(() => receiptFromJournal(queue, id))
      }
    })()
  })
  return {
    settled,
    cancel: () => {
      stop.abort()
      unsubscribe()
    },
  }
}

/** The receipt the journal gives for a job: null while it waits for its first answer. */
async function receiptFromJournal(queue: WriteQueue, id: string): Promise<EventReceipt | null> {
  const found = await queue.find(id)
  if (!found) return null
  const { state, job } = found
  if (state === 'done') {
    const dropped = droppedOf(job.outcome)
    return dropped === undefined
      ? { status: 'accepted', jobId: id }
      : { status: 'dropped', dropped, jobId: id }
  }
  if (state === 'failed') {
    const code = job.lastError && isErrorCode(job.lastError.code) ? job.lastError.code : 'INTERNAL'
    throw new PlausibleError(code, { ...(job.lastError ? { message: job.lastError.message } : {}) })
  }
  if (job.lastError && job.attempts > 0)
    return {
      status: 'queued',
      jobId: id,
      retry: {
        code: job.lastError.code,
        message: job.lastError.message,
        nextAttemptAt: new Date(job.nextAttemptAt).toISOString(),
      },
    }
  return null
}

function droppedOf(outcome: unknown): number | undefined {
  if (outcome && typeof outcome === 'object' && 'dropped' in outcome && typeof outcome.dropped === 'number')
    return outcome.dropped
  return undefined
}
