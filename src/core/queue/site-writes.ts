// Sites API writes (sites, goals, props, shared links, guests) as journaled jobs: the caller waits for
// the server's answer, and a change a crash or a quit interrupts is sent again by the next worker.
// The answer travels as the done job's outcome in the journal, so it reaches the waiting caller whether
// this process delivers the journal or another one (the app, an import) does; telemetry is the wake-up.
import { z } from 'zod'
import { PlausibleError, isErrorCode, type WireError } from '../../shared/errors'
import type { PlausibleClient } from '../api/client'
import { requestPriorities, type RequestPriority } from '../budget/policy'
import type { Connection, Connector } from '../connection'
import { nodeCrypto } from '../builtin-module'
import { toPlausibleError } from '../dispatch'
import type { Telemetry } from './telemetry'
import { timerSleep } from './sleep'
import { isRetryable, type JobSender, type WriteQueue } from './write-queue'
import { lazySchema } from '../../shared/lazy-schema'

const Tracker = lazySchema(() => z.record(z.string(), z.union([z.boolean(), z.string(), z.null()])))

/** Each write is one Sites API request (§6); the payload holds what it needs and never a key. */
export const SiteWrite = lazySchema(() =>
  z.discriminatedUnion('op', [
    z.object({
      op: z.literal('site.create'),
      domain: z.string(),
      timezone: z.string().optional(),
      teamId: z.string().optional(),
      tracker: Tracker.optional(),
    }),
    z.object({
      op: z.literal('site.update'),
      site: z.string(),
      domain: z.string().optional(),
      tracker: Tracker.optional(),
    }),
    z.object({ op: z.literal('site.delete'), site: z.string() }),
    z.object({
      op: z.literal('goal.add'),
      site: z.string(),
      goalType: z.enum(['event', 'page']),
      eventName: z.string().optional(),
      pagePath: z.string().optional(),
      displayName: z.string().optional(),
      customProps: z.record(z.string(), z.string()).optional(),
    }),
    z.object({ op: z.literal('goal.remove'), site: z.string(), goalId: z.number().int() }),
    z.object({ op: z.literal('prop.add'), site: z.string(), property: z.string() }),
    z.object({ op: z.literal('prop.remove'), site: z.string(), property: z.string() }),
    z.object({ op: z.literal('shared-link.create'), site: z.string(), name: z.string() }),
    z.object({
      op: z.literal('guest.invite'),
      site: z.string(),
      email: z.string(),
      role: z.enum(['viewer', 'editor']),
    }),
    z.object({ op: z.literal('guest.remove'), site: z.string(), email: z.string() }),
  ]),
)
export type SiteWrite = z.infer<typeof SiteWrite>

/** The journal's job kind for every Sites API write. */
export const siteWriteJobKind = 'site-write'

const SiteWritePayload = lazySchema(() =>
  z.object({
    /** The concrete alias at enqueue time, so a later change of the default account does not redirect it. */
    account: z.string(),
    /** The server at enqueue time: a resumed job is never sent to another server. */
    baseUrl: z.string(),
    priority: z.enum(requestPriorities),
    write: SiteWrite,
  }),
)
type SiteWritePayload = z.infer<typeof SiteWritePayload>

const Outcome = lazySchema(() =>
  z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        code: z.string(),
        message: z.string(),
        hint: z.string(),
        details: z.unknown().optional(),
      }),
    }),
  ]),
)
type Outcome = z.infer<typeof Outcome>

/** One request per write; the server's answer is what the caller gets. */
export function performSiteWrite(client: PlausibleClient, write: SiteWrite): Promise<unknown> {
  const sites = client.sites
  switch (write.op) {
    case 'site.create':
      return sites.create({
        domain: write.domain,
        ...(write.timezone ? { timezone: write.timezone } : {}),
        ...(write.teamId ? { teamId: write.teamId } : {}),
        ...(write.tracker ? { trackerScriptConfiguration: write.tracker } : {}),
      })
    case 'site.update':
      return sites.update(write.site, {
        ...(write.domain !== undefined ? { domain: write.domain } : {}),
        ...(write.tracker ? { trackerScriptConfiguration: write.tracker } : {}),
      })
    case 'site.delete':
      return sites.delete(write.site)
    case 'goal.add':
      return sites.goals.findOrCreate(
        write.site,
        write.goalType === 'event'
          ? {
              goalType: 'event',
              eventName: write.eventName ?? '',
              ...(write.displayName ? { displayName: write.displayName } : {}),
              ...(write.customProps ? { customProps: write.customProps } : {}),
            }
          : {
              goalType: 'page',
              pagePath: write.pagePath ?? '',
              ...(write.displayName ? { displayName: write.displayName } : {}),
              ...(write.customProps ? { customProps: write.customProps } : {}),
            },
      )
    case 'goal.remove':
      return sites.goals.delete(write.site, write.goalId)
    case 'prop.add':
      return sites.customProps.add(write.site, write.property)
    case 'prop.remove':
      return sites.customProps.remove(write.site, write.property)
    case 'shared-link.create':
      return sites.sharedLinks.findOrCreate(write.site, write.name)
    case 'guest.invite':
      return sites.guests.invite(write.site, write.email, write.role)
    case 'guest.remove':
      return sites.guests.remove(write.site, write.email)
  }
}

export interface SiteWrites {
  /**
   * Journals the write, waits for the worker to deliver it and answers the server's reply (or throws its
   * typed error). With `wait: false`, a write the hour cannot afford fails with BUDGET_EXHAUSTED and stays
   * journaled, to be sent at the reset. A dry run only describes the request: nothing is journaled.
   */
  run(
    connection: Connection,
    write: SiteWrite,
    options: { priority: RequestPriority; wait?: boolean },
  ): Promise<{ account: string; value: unknown }>
  /** Delivers jobs of `siteWriteJobKind`; registered on the write queue by the core. */
  sender: JobSender
}

export interface SiteWritesDeps {
  queue: WriteQueue
  telemetry: Telemetry
  connector: Connector
  dryRun?: boolean
  /** How often a caller looks at the journal for an answer another process wrote. Default 200 ms. */
  pollMs?: number
  /**
   * After the server took a write this process sent: cached reads of sites, goals and properties are
   * stale. (A caller clears them too once answered: the write may have gone out from another process.)
   */
  onWritten?: () => void
}

export function createSiteWrites(deps: SiteWritesDeps): SiteWrites {
  /** Jobs a caller in this process is waiting for. */
  const awaited = new Set<string>()
  const pollMs = deps.pollMs ?? 200

  const sender: JobSender = async (job) => {
    const parsed = SiteWritePayload.safeParse(job.payload)
    if (!parsed.success)
      throw new PlausibleError('INTERNAL', { message: `Job ${job.id} does not hold a Sites API write.` })
    const payload = parsed.data
    try {
      // wait: false — a spent hour makes the queue hold the job until the reset, not a worker slot.
      const connection = await deps.connector.connect(payload.account, {
        priority: payload.priority,
        wait: false,
      })
      if (connection.account.baseUrl !== payload.baseUrl)
        throw new PlausibleError('USAGE', {
          message: `This change was queued for ${payload.baseUrl}, but account "${payload.account}" now points at ${connection.account.baseUrl}; it was not sent.`,
          hint: 'Run the command again against the server you mean.',
        })
      const value = await deps.connector.send(connection, (client) => performSiteWrite(client, payload.write))
      deps.onWritten?.()
      return { ok: true, value } satisfies Outcome
    } catch (thrown) {
      const error = toPlausibleError(thrown)
      const isBudget = error.code === 'BUDGET_EXHAUSTED' || error.code === 'RATE_LIMITED'
      // The server's refusal is its answer: a caller here receives it in full (hint and details), so the
      // job is done. Without a caller (a job resumed after a crash) it stays in failed/ for `queue inspect`.
      if (!isBudget && !isRetryable(error) && awaited.has(job.id))
        return { ok: false, error: error.toWire() } satisfies Outcome
      throw error
    }
  }

  /** The journal's answer for job `id`: null while it is pending. */
  async function outcomeOf(id: string, wait: boolean): Promise<Outcome | null> {
    const found = await deps.queue.find(id)
    if (!found) return null
    const { state, job } = found
    if (state === 'done') {
      const outcome = Outcome.safeParse(job.outcome)
      return outcome.success ? outcome.data : { ok: true, value: job.outcome }
    }
    if (state === 'failed') {
      const code = job.lastError && isErrorCode(job.lastError.code) ? job.lastError.code : 'INTERNAL'
      throw new PlausibleError(code, job.lastError ? { message: job.lastError.message } : {})
    }
    const isWaitingForBudget =
      job.lastError?.code === 'BUDGET_EXHAUSTED' || job.lastError?.code === 'RATE_LIMITED'
    if (!wait && isWaitingForBudget) throw budgetDeclined(id, job.nextAttemptAt)
    return null
  }

  /** Settles with the job's outcome; listens before the job exists, since this process may deliver it at once. */
  function awaitOutcome(id: string, wait: boolean): { settled: Promise<Outcome>; cancel: () => void } {
    const stop = new AbortController()
    let unsubscribe = (): void => undefined
    const settled = new Promise<Outcome>((resolve, reject) => {
      const finish = (look: () => Promise<Outcome | null>): void => {
        look().then(
          (outcome) => {
            if (!outcome || stop.signal.aborted) return
            stop.abort()
            unsubscribe()
            resolve(outcome)
          },
          (error: unknown) => {
            if (stop.signal.aborted) return
            stop.abort()
            unsubscribe()
            reject(toPlausibleError(error))
          },
        )
      }
      unsubscribe = deps.telemetry.subscribe((event) => {
        if (!('jobId' in event) || event.jobId !== id) return
        if (event.type === 'succeeded' || event.type === 'failed') finish(() => outcomeOf(id, wait))
        if (event.type === 'budget-exhausted' && !wait)
          finish(() => Promise.reject(budgetDeclined(id, event.resetsAt)))
      })
      // Another process may deliver the journal: its answer shows up there within a poll.
      void (async () => {
        while (!stop.signal.aborted) {
          await timerSleep(pollMs, stop.signal).catch(() => undefined)
          if (!stop.signal.aborted) finish(() => outcomeOf(id, wait))
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

  return {
    sender,
    async run(connection, write, options) {
      const account = connection.account.alias
      const direct = async () => ({
        account,
        value: await deps.connector.send(connection, (client) => performSiteWrite(client, write)),
      })
      // A dry run describes the request (the dry-run fetch refuses it) and journals nothing.
      if (deps.dryRun) return direct()
      // A key given for this run alone (PLAUSIBLE_API_KEY) lives in this process only: a journal another
      // process delivers could not send the job, so the request goes out directly.
      if (connection.account.keySource === 'env' && !(await deps.queue.snapshot(1)).isDelivering)
        return direct()
      const payload: SiteWritePayload = {
        account,
        baseUrl: connection.account.baseUrl,
        priority: options.priority,
        write,
      }
      const id = `${write.op.replace('.', '-')}-${nodeCrypto().randomUUID()}`
      awaited.add(id)
      const outcome = awaitOutcome(id, options.wait !== false)
      try {
        await deps.queue.enqueue({ kind: siteWriteJobKind, account, payload, id })
        const answer = await outcome.settled
        if (answer.ok) return { account, value: answer.value }
        throw errorFromWire(answer.error)
      } finally {
        outcome.cancel()
        awaited.delete(id)
      }
    },
  }
}

function budgetDeclined(id: string, resetsAt: number): PlausibleError {
  const at = new Date(resetsAt).toISOString()
  return new PlausibleError('BUDGET_EXHAUSTED', {
    message: `This account has no API budget left this hour; the change stays queued (job ${id}) and is sent at ${at.slice(11, 16)} UTC.`,
    hint: 'Follow it with `plausible queue inspect`; without --no-wait the command waits for the answer.',
    details: { resetsAt: at },
  })
}

function errorFromWire(wire: {
  code: string
  message: string
  hint: string
  details?: unknown
}): PlausibleError {
  if (!isErrorCode(wire.code)) return new PlausibleError('INTERNAL', { message: wire.message })
  return new PlausibleError(wire.code, {
    message: wire.message,
    hint: wire.hint,
    ...(wire.details ? { details: wire.details as WireError['details'] } : {}),
  })
}
