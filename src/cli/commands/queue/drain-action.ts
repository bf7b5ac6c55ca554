// The action of `plausible queue drain` (registered in drain.ts), loaded when the command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import { timerSleep } from '../../../core/queue/sleep'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { formatOf, reportError } from '../../output'
import { createProgress } from '../../progress'
import type { DrainFlags } from './drain'

export const DrainSummary = lazySchema(() =>
  z.object({
    /** Jobs pending when the drain started. */
    pending: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** Still journaled when the drain stopped (only with --timeout). */
    remaining: z.number().int().nonnegative(),
    /** This process delivered; false when the app (or another process) did while this one watched. */
    deliveredHere: z.boolean(),
  }),
)

export async function runQueueDrain(ctx: CliContext, flags: DrainFlags): Promise<void> {
  let core: Awaited<ReturnType<CliContext['openCore']>> | undefined
  try {
    core = await ctx.openCore({ addDemoIfEmpty: false })
    const queueOfCore = core.queue
    const before = await queueOfCore.snapshot(500)
    const ids = new Set(before.jobs.filter((job) => job.state !== 'failed').map((job) => job.id))
    const progress = createProgress(ctx, 'jobs done', before.pending)
    const settled = new Set<string>()
    const unsubscribe = core.telemetry.subscribe((event) => {
      if ((event.type === 'succeeded' || event.type === 'failed') && !settled.has(event.jobId)) {
        settled.add(event.jobId)
        progress.tick()
      }
    })
    const stop = new AbortController()
    const timedOut =
      flags.timeout === undefined
        ? new Promise<never>(() => undefined)
        : timerSleep(flags.timeout * 1000, stop.signal).then(() => true)
    const finished = await Promise.race([queueOfCore.drain().then(() => false), timedOut])
    stop.abort()
    unsubscribe()
    progress.done()
    // Counted from the journal, so jobs another process delivered count the same as ours.
    let delivered = 0
    let failed = 0
    for (const id of ids) {
      const found = await queueOfCore.find(id)
      if (found?.state === 'done' || found === null) delivered += 1
      else if (found.state === 'failed') failed += 1
    }
    const remaining = (await queueOfCore.snapshot(1)).pending
    const summary = {
      pending: before.pending,
      delivered,
      failed,
      remaining,
      deliveredHere: before.isDelivering,
    }
    await emit(ctx, flags, {
      value: summary,
      text:
        `${delivered} of ${before.pending} jobs delivered` +
        (failed > 0 ? `, ${failed} failed (see plausible queue inspect)` : '') +
        (finished && remaining > 0 ? `, ${remaining} still journaled after ${flags.timeout} s` : '') +
        (before.isDelivering ? '' : ' (delivered by the running app)') +
        '\n',
    })
    if (failed > 0 || remaining > 0) process.exitCode = exitCodes.partial
  } catch (error) {
    process.exitCode = reportError(
      ctx,
      error instanceof PlausibleError ? error : new PlausibleError('INTERNAL', { cause: error }),
      formatOf(flags),
    )
  } finally {
    await core?.close()
  }
}
