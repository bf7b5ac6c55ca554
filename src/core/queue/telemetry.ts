// The queue's telemetry: one stream of events about jobs and budgeted requests, for `queue inspect`,
// the window and logs. Listeners never break the sender: a throwing listener is dropped from the call.

export interface JobError {
  code: string
  message: string
}

export type QueueEvent =
  | { type: 'queued'; jobId: string; kind: string; account: string; at: number }
  | { type: 'started'; jobId: string; kind: string; account: string; attempt: number; at: number }
  | {
      type: 'retry'
      /** A write job's id, or null for a read retried inside one call. */
      jobId: string | null
      account: string
      attempt: number
      nextAttemptAt: number
      error: JobError
      at: number
    }
  | {
      type: 'succeeded'
      jobId: string
      kind: string
      account: string
      attempts: number
      /** What the sender reported beyond success, e.g. `{ dropped: 1 }` for an event the server discarded. */
      outcome?: unknown
      /** A crash cut an earlier send of this job short: the server may have it twice. */
      possiblyDelivered?: true
      at: number
    }
  | {
      type: 'failed'
      jobId: string
      kind: string
      account: string
      attempts: number
      error: JobError
      at: number
    }
  | {
      type: 'budget-exhausted'
      jobId: string | null
      account: string
      reason: 'paused' | 'hour' | 'reserve' | 'day'
      resetsAt: number
      /** True when the request waits for the reset; false when it failed at once (--no-wait). */
      isWaiting: boolean
      at: number
    }
  | { type: 'paused'; account: string; until: number; at: number }

export type QueueEventListener = (event: QueueEvent) => void

export interface Telemetry {
  emit(event: QueueEvent): void
  /** Returns the function that unsubscribes. */
  subscribe(listener: QueueEventListener): () => void
}

export function createTelemetry(): Telemetry {
  const listeners = new Set<QueueEventListener>()
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event)
        } catch {
          // A broken listener must not fail a delivery.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
