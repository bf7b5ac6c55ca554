// What became of the jobs an import journaled, as they are answered: told by this process's worker
// (telemetry), or read from the journal while another process (the app) delivers it. Only the jobs
// still waiting for an answer are held, so the import can bound them and wait for room.
import type { Telemetry } from '../../../core/queue/telemetry'
import type { WriteQueue } from '../../../core/queue/write-queue'

export interface Answer {
  state: 'done' | 'failed'
  /** A crash cut an earlier send short: the server may have it twice. */
  possiblyDelivered: boolean
  /** The server answered 202 and dropped it (x-plausible-dropped). */
  isDropped: boolean
}

/** Whether a sender's outcome says the server dropped the event (event-sender.ts). */
function droppedIn(outcome: unknown): boolean {
  return typeof outcome === 'object' && outcome !== null && 'dropped' in outcome
}

/** Jobs in a row found still waiting before a look at the journal stops: the oldest are answered first. */
const stillWaitingPerLook = 8

export interface Answers {
  /**
   * Listens to the worker and reads the journal for the answers of jobs whose id starts with `prefix`;
   * call before the queue starts, then say whether it delivers (what queue.start() resolved with).
   */
  watch(telemetry: Telemetry, prefix: string): () => void
  startedDelivering(isDelivering: boolean): void
  /** Called once per job expected, when its answer comes. */
  onAnswer(listener: (answer: Answer) => void): void
  /** A job this run journaled: its answer is waited for. */
  expect(id: string): void
  /**
   * The answer a job got before this run journaled it (an earlier run left it pending and this worker
   * sent it first); forgotten once taken.
   */
  takeEarly(id: string): Answer | undefined
  /** Resolves once `count` more jobs keep the unanswered ones within `max`. */
  roomFor(count: number, max: number): Promise<void>
  allAnswered(): Promise<void>
}

export function createAnswers(queue: Pick<WriteQueue, 'find' | 'isDelivering'>, pollMs: number): Answers {
  const waiting = new Set<string>()
  const early = new Map<string, Answer>()
  let listener: (answer: Answer) => void = () => undefined
  let changed: (() => void) | null = null
  /** Whether this process delivered at the last look; null until the queue started. */
  let wasDelivering: boolean | null = null
  let isLooking = false

  const answer = (id: string, result: Answer): void => {
    if (!waiting.delete(id)) return
    listener(result)
    changed?.()
  }
  const until = async (isDone: () => boolean): Promise<void> => {
    while (!isDone()) await new Promise<void>((resolve) => (changed = resolve))
  }

  /** The oldest unanswered jobs, read from the journal; all of them when this process just took it over. */
  async function look(isSweep: boolean): Promise<void> {
    let stillWaiting = 0
    for (const id of [...waiting]) {
      const found = await queue.find(id)
      if (found?.state === 'done' || found?.state === 'failed')
        answer(id, {
          state: found.state,
          possiblyDelivered: found.job.possiblyDelivered === true,
          isDropped: droppedIn(found.job.outcome),
        })
      else if (!isSweep && (stillWaiting += 1) >= stillWaitingPerLook) return
    }
  }

  return {
    watch(telemetry, prefix) {
      const unsubscribe = telemetry.subscribe((event) => {
        if (event.type !== 'succeeded' && event.type !== 'failed') return
        if (!event.jobId.startsWith(prefix)) return
        const result: Answer = {
          state: event.type === 'succeeded' ? 'done' : 'failed',
          possiblyDelivered: event.type === 'succeeded' && event.possiblyDelivered === true,
          isDropped: event.type === 'succeeded' && droppedIn(event.outcome),
        }
        if (waiting.has(event.jobId)) answer(event.jobId, result)
        else early.set(event.jobId, result)
      })
      // This process's worker tells every answer; another process's is read from the journal. A worker
      // that took the journal over tells only what it sends: what the other sent before is read once.
      const timer = setInterval(() => {
        if (wasDelivering === null) return
        const isDelivering = queue.isDelivering()
        const isSweep = isDelivering && !wasDelivering
        wasDelivering = isDelivering
        if (isLooking || waiting.size === 0 || (isDelivering && !isSweep)) return
        isLooking = true
        void look(isSweep)
          .catch(() => undefined)
          .finally(() => (isLooking = false))
      }, pollMs)
      timer.unref()
      return () => {
        clearInterval(timer)
        unsubscribe()
      }
    },
    startedDelivering(isDelivering) {
      wasDelivering = isDelivering
    },
    onAnswer(next) {
      listener = next
    },
    expect(id) {
      waiting.add(id)
    },
    takeEarly(id) {
      const found = early.get(id)
      early.delete(id)
      return found
    },
    roomFor: (count, max) => until(() => waiting.size === 0 || waiting.size + count <= max),
    allAnswered: () => until(() => waiting.size === 0),
  }
}
