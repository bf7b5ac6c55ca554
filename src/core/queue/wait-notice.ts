// Tells whoever asked for a request that it waits for the budget, and when the wait ends, so a person at
// a terminal is never left in silence for up to an hour. In a host that serves many askers at once (the
// app's control socket) the listener travels with the call's async context (AsyncLocalStorage), so the
// scheduler reaches the connection that carries a CLI's call without any caller passing it down. A CLI
// process has one asker, itself: it names its listener for the whole process, since running a call in an
// async context turns on Node's async hooks, which then slow every promise of the run.
import { AsyncLocalStorage } from 'node:async_hooks'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'

export const WaitNotice = lazySchema(() =>
  z.discriminatedUnion('phase', [
    z.object({
      phase: z.literal('waiting'),
      account: z.string(),
      /** Why: the server paused the key after a 429, the hour or the day is spent, or only the reserve is left. */
      reason: z.enum(['paused', 'hour', 'reserve', 'day']),
      /** When the request is tried again (ms since the epoch). */
      until: z.number(),
      hourlyLimit: z.number(),
      dailyLimit: z.number().nullable(),
    }),
    z.object({ phase: z.literal('resumed'), account: z.string() }),
  ]),
)
export type WaitNotice = z.infer<typeof WaitNotice>

export type WaitListener = (notice: WaitNotice) => void

const listeners = new AsyncLocalStorage<WaitListener>()

/** Runs `body` so that every budget wait of the requests it makes is told to `listener`. */
export function withWaitListener<T>(listener: WaitListener, body: () => Promise<T>): Promise<T> {
  return listeners.run(listener, body)
}

/** The one asker of a process that serves only itself (the CLI), when it said so. */
let processListener: WaitListener | undefined

/**
 * Every budget wait of this process's requests is told to `listener` (unless a call runs with its own,
 * withWaitListener); returns what puts the one before it back.
 */
export function listenInThisProcess(listener: WaitListener): () => void {
  const before = processListener
  processListener = listener
  return () => {
    if (processListener === listener) processListener = before
  }
}

/** The listener of the call running now, if any (the control socket client keeps it per request). */
export function currentWaitListener(): WaitListener | undefined {
  return listeners.getStore() ?? processListener
}

/** Told from inside the scheduler; a listener that throws never breaks the request. */
export function noticeWait(notice: WaitNotice): void {
  try {
    currentWaitListener()?.(notice)
  } catch {
    // Printing a notice is a courtesy; the request goes on.
  }
}
