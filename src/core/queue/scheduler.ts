// Sends each API request of an account in its turn: one bottleneck limiter per account orders requests
// by priority (window > CLI > background > tray) within a bounded concurrency, the ledger decides whether
// the hour (and day) can afford the request, and faults are handled here so every caller gets the same:
// a 429 pauses the account until the next UTC hour (or Retry-After) and reaches its caller as RATE_LIMITED, 5xx and network failures retry with
// exponential backoff and jitter, other 4xx go back to the caller at once.
//
// The scheduler works at the level of HTTP requests: `fetchFor` hands a client a fetch, so a call that
// makes several requests (sites paging) spends and waits for each. A refused or backing-off request
// leaves the limiter while it waits, so it never blocks a more urgent one behind it. An uncontended
// request starts without waiting for bottleneck's turn, still counted in its books (limiter-lane.ts).
import { PlausibleError } from '../../shared/errors'
import { BufferedResponse } from '../api/buffered-response'
import { retryAfterMs } from '../api/errors'
import type { BudgetAccount, Grant, Ledger } from '../budget/ledger'
import { refusalError } from '../budget/ledger'
import {
  backoffDelayMs,
  classifyStatus,
  defaultBackoff,
  limiterPriorityOf,
  type BackoffPolicy,
  type RequestPriority,
} from '../budget/policy'
import { nextUtcHour } from '../budget/utc-hour'
import type { Clock, Fetch } from '../ports'
import { createLimiterLane, type LimiterLane } from './limiter-lane'
import { timerSleep, type Sleep } from './sleep'
import type { Telemetry } from './telemetry'
import { noticeWait } from './wait-notice'

export interface ScheduleOptions {
  priority: RequestPriority
  /** true (the default everywhere): a request the budget cannot afford waits for the reset; false: BUDGET_EXHAUSTED at once. */
  wait: boolean
  /** For telemetry: the write job this request belongs to. */
  jobId?: string
}

export interface SchedulerOptions {
  ledger: Ledger
  clock: Clock
  telemetry?: Telemetry
  sleep?: Sleep
  random?: () => number
  /** Requests in flight per account. Default 4. */
  maxConcurrent?: number
  backoff?: BackoffPolicy
  /** Per attempt, from the moment the request leaves the queue. Default 30 s. */
  attemptTimeoutMs?: number
  /** Told each time a request of the account starts without waiting for bottleneck's turn (tests). */
  onStartedAtOnce?: (account: string) => void
}

export interface AccountActivity {
  account: string
  queued: number
  running: number
  /** Requests waiting outside the limiter for the budget to reset or a backoff to end. */
  waiting: number
}

export interface Scheduler {
  /** A fetch for one account: each request waits its turn, is counted, and is retried or paused as above. */
  fetchFor(account: BudgetAccount, options: ScheduleOptions, fetch?: Fetch): Fetch
  activity(): AccountActivity[]
  /** Ends every wait with an error, drops queued requests and waits for running ones. */
  close(): Promise<void>
}

type Outcome =
  | { kind: 'refused'; grant: Extract<Grant, { granted: false }> }
  | { kind: 'answered'; response: Response }
  | { kind: 'threw'; error: unknown }

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { ledger, clock, telemetry } = options
  const sleep = options.sleep ?? timerSleep
  const random = options.random ?? Math.random
  const backoff = options.backoff ?? defaultBackoff
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000
  const lanes = new Map<string, { lane: LimiterLane; alias: string; waiting: number }>()
  const closing = new AbortController()

  function laneOf(account: BudgetAccount): { lane: LimiterLane; alias: string; waiting: number } {
    let entry = lanes.get(account.id)
    if (!entry) {
      entry = {
        lane: createLimiterLane({
          maxConcurrent: options.maxConcurrent ?? 4,
          ...(options.onStartedAtOnce
            ? { onStartedAtOnce: () => options.onStartedAtOnce?.(account.alias) }
            : {}),
        }),
        alias: account.alias,
        waiting: 0,
      }
      lanes.set(account.id, entry)
    }
    return entry
  }

  async function waitUntil(entry: { waiting: number }, until: number): Promise<void> {
    entry.waiting += 1
    try {
      // The clock is injected: loop until it says the time has come (a fake clock moves in sleep).
      for (let left = until - clock(); left > 0; left = until - clock()) await sleep(left, closing.signal)
    } finally {
      entry.waiting -= 1
    }
  }

  async function send(
    account: BudgetAccount,
    schedule: ScheduleOptions,
    attemptRequest: (signal: AbortSignal) => Promise<Response>,
  ): Promise<Response> {
    const entry = laneOf(account)
    const jobId = schedule.jobId ?? null
    let attempt = 0
    for (;;) {
      if (closing.signal.aborted) throw closedError()
      const outcome: Outcome = await entry.lane.run(
        limiterPriorityOf(schedule.priority),
        async (): Promise<Outcome> => {
          const grant = await ledger.reserve(account, schedule.priority)
          if (!grant.granted) return { kind: 'refused', grant }
          attempt += 1
          try {
            return {
              kind: 'answered',
              response: await sendAttempt(attemptRequest, attemptTimeoutMs, closing.signal),
            }
          } catch (error) {
            // Refused before a byte was sent: the server counted nothing, so neither do we.
            if (neverReachedServer(error)) await ledger.refund(account, schedule.priority)
            return { kind: 'threw', error }
          }
        },
      )

      if (outcome.kind === 'refused') {
        const { grant } = outcome
        telemetry?.emit({
          type: 'budget-exhausted',
          jobId,
          account: account.alias,
          reason: grant.reason,
          resetsAt: grant.retryAt,
          isWaiting: schedule.wait,
          at: clock(),
        })
        if (!schedule.wait) throw refusalError(account, grant)
        noticeWait({
          phase: 'waiting',
          account: account.alias,
          reason: grant.reason,
          until: grant.retryAt,
          hourlyLimit: account.hourlyLimit,
          dailyLimit: account.dailyLimit,
        })
        try {
          await waitUntil(entry, grant.retryAt)
        } finally {
          noticeWait({ phase: 'resumed', account: account.alias })
        }
        continue
      }

      if (outcome.kind === 'answered') {
        const { response } = outcome
        const status = classifyStatus(response.status)
        if (status === 'rate-limited') {
          // §3: Plausible sends no Retry-After, so the counter resets at the next UTC hour; a proxy may say otherwise.
          const after = retryAfterMs(response.headers.get('retry-after'), clock())
          const until = after === undefined ? nextUtcHour(clock()) : clock() + after
          await ledger.pause(account, until)
          telemetry?.emit({ type: 'paused', account: account.alias, until, at: clock() })
          // This caller learns it from the server's own words (RATE_LIMITED); the requests after it
          // find the account paused and wait for the reset, or fail at once with --no-wait.
          return response
        }
        if (status === 'retry' && attempt < backoff.maxAttempts) {
          await response.body?.cancel()
          await backOff(entry, jobId, account, attempt, {
            code: 'SERVER_ERROR',
            message: `HTTP ${response.status}`,
          })
          continue
        }
        return response
      }

      if (attempt < backoff.maxAttempts && !closing.signal.aborted) {
        await backOff(entry, jobId, account, attempt, { code: 'NETWORK', message: describe(outcome.error) })
        continue
      }
      throw outcome.error
    }
  }

  async function backOff(
    entry: { waiting: number },
    jobId: string | null,
    account: BudgetAccount,
    attempt: number,
    error: { code: string; message: string },
  ): Promise<void> {
    const delay = backoffDelayMs(attempt, random, backoff)
    telemetry?.emit({
      type: 'retry',
      jobId,
      account: account.alias,
      attempt: attempt + 1,
      nextAttemptAt: clock() + delay,
      error,
      at: clock(),
    })
    await waitUntil(entry, clock() + delay)
  }

  return {
    fetchFor(account, schedule, baseFetch = fetch) {
      const scheduled = (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]): Promise<Response> => {
        // The caller's signal is its own timeout, started before the request waited its turn; each
        // attempt gets the same timeout from the moment it is really sent.
        const { signal: _callerSignal, ...rest } = init ?? {}
        return send(account, schedule, (signal) => baseFetch(input, { ...rest, signal }))
      }
      return scheduled as Fetch
    },
    activity() {
      return [...lanes.values()].map(({ lane, alias, waiting }) => ({
        account: alias,
        ...lane.counts(),
        waiting,
      }))
    },
    async close() {
      closing.abort(closedError())
      await Promise.all([...lanes.values()].map(({ lane }) => lane.stop()))
    },
  }
}

/**
 * One attempt, its answer's body included, under its own deadline, with nothing left behind when it ends:
 * the timer is cleared and the close listener removed. (AbortSignal.timeout keeps its signal and fetch's
 * listeners for the full timeout, and AbortSignal.any ties every request to the long-lived closing
 * signal, nodejs/node#55351: a busy hour kept thousands of them.)
 */
async function sendAttempt(
  attemptRequest: (signal: AbortSignal) => Promise<Response>,
  timeoutMs: number,
  closing: AbortSignal,
): Promise<Response> {
  const attempt = new AbortController()
  const timer = setTimeout(
    () => attempt.abort(new DOMException(`No answer within ${timeoutMs} ms.`, 'TimeoutError')),
    timeoutMs,
  )
  const onClose = (): void => attempt.abort(closing.reason)
  closing.addEventListener('abort', onClose, { once: true })
  try {
    const response = await attemptRequest(attempt.signal)
    // An answer the fetch already read whole (core.ts's fetch over node:http) has no body left to wait for.
    const answer: unknown = response
    if (answer instanceof BufferedResponse) return answer.asResponse()
    // Read under the deadline, so a server that stalls mid-body times out as one that never answers.
    const body = Buffer.from(await response.arrayBuffer())
    return new BufferedResponse(
      response.status,
      response.statusText,
      response.headers,
      body,
      response.url,
    ).asResponse()
  } finally {
    clearTimeout(timer)
    closing.removeEventListener('abort', onClose)
  }
}

function closedError(): PlausibleError {
  return new PlausibleError('INTERNAL', {
    message: 'Plausible Desktop is closing; the request was not sent.',
  })
}

/** Connection refused or a name that does not resolve: nothing reached a server. */
function neverReachedServer(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | null)?.cause?.code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error.cause as { code?: string } | undefined)?.code
    return code ? `${error.message} (${code})` : error.message
  }
  return 'network error'
}
