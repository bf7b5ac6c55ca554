// Tells whoever asked for a request that it waits for the budget, and when the wait ends, so a person at
// a terminal is never left in silence for up to an hour. The listener travels with the call's async
// context (AsyncLocalStorage), so the scheduler reaches the asker — the CLI in this process, or the
// control socket connection that carries a CLI's call — without any caller passing it down.
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

/** The listener of the call running now, if any (the control socket client keeps it per request). */
export function currentWaitListener(): WaitListener | undefined {
  return listeners.getStore()
}

/** Told from inside the scheduler; a listener that throws never breaks the request. */
export function noticeWait(notice: WaitNotice): void {
  try {
    listeners.getStore()?.(notice)
  } catch {
    // Printing a notice is a courtesy; the request goes on.
  }
}
