// One account's turns: bottleneck orders its requests by priority within a bounded concurrency. Its local
// datastore yields to the event loop with setTimeout(0) at each step, 4–5 ms a job on this kind of
// machine, which a request that would not wait anyway (nothing waiting for a turn, a slot free) need not
// pay: it starts at once. The moment a request has to wait for its turn, every request started at once
// and still running is entered in bottleneck first, as a placeholder at its top priority that holds a
// slot until that request ends. So when bottleneck starts a waiting request, all of them hold their slots
// in its count, and while any request waits nothing starts at once: the concurrency bound and the
// priority order of any queue that forms stay bottleneck's own.
// Bottleneck itself (20–50 ms to load) is loaded when the first request has to wait: a CLI run that sends
// one request at a time never loads it.
import type Bottleneck from 'bottleneck'

/** Bottleneck runs priority 0 first; requests use 1–9 (policy.ts limiterPriorityOf), so placeholders go first. */
export const slotHolderPriority = 0

export interface LaneCounts {
  /** Filed in bottleneck's priority queue, not started yet (handed over a few ms before they are filed). */
  queued: number
  /** Started, at once or in bottleneck's turn, and not ended. */
  running: number
}

export interface LimiterLane {
  /** Runs `job` in its turn: at once when nothing waits and a slot is free, else when bottleneck says. */
  run<T>(priority: number, job: () => Promise<T>): Promise<T>
  counts(): LaneCounts
  /** Drops the waiting jobs (their callers get bottleneck's error) and waits for the running ones. */
  stop(): Promise<void>
}

export interface LimiterLaneOptions {
  maxConcurrent: number
  /** Told each time a request starts without bottleneck's turn (tests watch the fast path with it). */
  onStartedAtOnce?: () => void
}

/** A job handed to bottleneck: filed at once when it is loaded, else held until it is. */
interface Entry {
  priority: number
  enter(limiter: Bottleneck): void
  /** Bottleneck could not be loaded. */
  fail(error: unknown): void
}

export function createLimiterLane(options: LimiterLaneOptions): LimiterLane {
  const { maxConcurrent } = options
  const counts: LaneCounts = { queued: 0, running: 0 }
  /** Handed over and not started, filed yet or not: while any request waits, none starts at once. */
  let waitingForTurn = 0
  /** Requests started at once and still running, each with whether bottleneck counts its slot yet. */
  const startedAtOnce = new Map<Promise<void>, { isEntered: boolean }>()
  let limiter: Bottleneck | undefined
  let loading: Promise<void> | undefined
  let isStopped = false
  /** Handed over before bottleneck was loaded: placeholders first, in order, then requests. */
  const held: Entry[] = []

  async function running<T>(job: () => Promise<T>): Promise<T> {
    counts.running += 1
    try {
      return await job()
    } finally {
      counts.running -= 1
    }
  }

  function enter(entry: Entry): void {
    if (limiter) return entry.enter(limiter)
    held.push(entry)
    loading ??= import('bottleneck').then(
      ({ default: Limiter }) => {
        limiter = new Limiter({ maxConcurrent })
        limiter.on('queued', ({ options: job }: { options: { priority: number } }) => {
          if (job.priority !== slotHolderPriority) counts.queued += 1
        })
        // Filed as bottleneck would have filed them had it been there: placeholders ahead (they were
        // handed over first and take priority 0), then requests by priority, each in arrival order.
        for (const entry of held.splice(0).sort((a, b) => a.priority - b.priority)) entry.enter(limiter)
      },
      (error: unknown) => {
        loading = undefined
        for (const entry of held.splice(0)) entry.fail(error)
      },
    )
  }

  /** Ahead of a request that waits: a slot in bottleneck's count for each request that did not. */
  function enterStartedAtOnce(): void {
    for (const [ended, slot] of startedAtOnce) {
      if (slot.isEntered) continue
      slot.isEntered = true
      enter({
        priority: slotHolderPriority,
        // A stopped limiter refuses it: the request it stands for runs to its end all the same.
        enter: (limiter) => {
          limiter.schedule({ priority: slotHolderPriority }, () => ended).catch(() => undefined)
        },
        fail: () => undefined,
      })
    }
  }

  return {
    run<T>(priority: number, job: () => Promise<T>): Promise<T> {
      if (!Number.isInteger(priority) || priority <= slotHolderPriority || priority > 9)
        throw new RangeError(
          `A request's priority is 1–9 (${slotHolderPriority} holds slots); got ${priority}.`,
        )
      if (isStopped) return Promise.reject(new Error('This limiter lane has been stopped.'))
      if (waitingForTurn === 0 && counts.running < maxConcurrent) {
        options.onStartedAtOnce?.()
        const started = running(job)
        const ended = started.then(
          () => undefined,
          () => undefined,
        )
        startedAtOnce.set(ended, { isEntered: false })
        void ended.then(() => startedAtOnce.delete(ended))
        return started
      }
      enterStartedAtOnce()
      waitingForTurn += 1
      return new Promise<T>((resolve, reject) =>
        enter({
          priority,
          enter: (limiter) =>
            void limiter
              .schedule({ priority }, () => {
                waitingForTurn -= 1
                counts.queued -= 1
                return running(job)
              })
              .then(resolve, reject),
          fail: (error) => {
            waitingForTurn -= 1
            reject(error)
          },
        }),
      )
    },
    counts: () => ({ ...counts }),
    async stop() {
      isStopped = true
      await loading
      await limiter?.stop({ dropWaitingJobs: true }).catch(() => undefined)
      await Promise.all(startedAtOnce.keys())
    },
  }
}
