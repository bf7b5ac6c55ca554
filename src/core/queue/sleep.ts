// Waiting, as a port: the scheduler and the worker wait for backoffs and for the next hour through it,
// so tests replace it with one that moves a fake clock, and close() can cut every wait short.

/** Resolves after `ms`, or rejects with `signal.reason` when the signal aborts first. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error)
    const done = (): void => {
      signal.removeEventListener('abort', abort)
      resolve()
    }
    const timer = setTimeout(done, Math.min(Math.max(0, ms), 2_147_483_647))
    const abort = (): void => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', abort, { once: true })
  })
