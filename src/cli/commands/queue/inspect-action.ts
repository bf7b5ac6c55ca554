// The action of `plausible queue inspect` (registered in inspect.ts), loaded when the command runs.
import { hostname } from 'node:os'
import { QueueInspection } from '../../../shared/contract'
import { lockHolderWords, staleLockWords } from '../../../shared/lock-words'
import { describeSources } from '../../../shared/stats/usage'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { renderTable } from '../../output'
import { withApi } from '../../shared-options'
import type { InspectFlags } from './inspect'

/** Who delivers the journal, after the counts: a lock nobody holds is named, with what happens to it. */
export function describeWorker(worker: QueueInspection['worker']): string {
  const holder = lockHolderWords(worker.pid, worker.host, hostname())
  switch (worker.state) {
    case 'this-process':
      return ''
    case 'held':
      return ` (delivered by ${holder}${worker.since ? ` since ${worker.since}` : ''})`
    case 'settling':
      return ` (${worker.lock} is being written or was cut short; if nobody holds it, it is taken over within seconds)`
    case 'free':
      return ' (nobody delivers them now: the app or the next plausible command does)'
    case 'stale':
      return ` (nobody delivers them: ${worker.lock} ${staleLockWords(worker.reason, holder)}; the next plausible command takes it over, or delete the file)`
  }
}

export function describeInspection(inspection: QueueInspection): string {
  const lines: string[] = []
  const { budget } = inspection
  if (budget) {
    const daily =
      budget.dailyLimit != null ? `, ${budget.remainingToday}/${budget.dailyLimit} left today` : ''
    const paused = budget.pausedUntil ? `, paused by the server until ${budget.pausedUntil}` : ''
    lines.push(
      `${budget.account}: ${budget.remainingThisHour}/${budget.hourlyLimit} requests left this hour (since ${budget.hourStartedAt}, resets ${budget.resetsAt})${daily}${paused}`,
    )
    if (budget.thisHourBySource) lines.push(`spent this hour: ${describeSources(budget.thisHourBySource)}`)
  }
  lines.push(
    `write jobs: ${inspection.pending} pending, ${inspection.inFlight} in flight, ${inspection.failed} failed` +
      describeWorker(inspection.worker),
  )
  if (inspection.possiblyDelivered > 0)
    lines.push(
      `possibly delivered twice: ${inspection.possiblyDelivered} job(s) in the last day — a crash cut their send short, so they were sent again (the Events API cannot tell a repeat)`,
    )
  const { corrupt } = inspection
  if (corrupt.files.length > 0)
    lines.push(
      `unreadable job files: ${corrupt.files.length} in ${corrupt.folder} — see \`plausible queue corrupt list\`, then retry (once mended) or delete them`,
    )
  const waiting = inspection.requests.filter((entry) => entry.queued + entry.running + entry.waiting > 0)
  for (const entry of waiting)
    lines.push(
      `requests for ${entry.account}: ${entry.running} running, ${entry.queued} queued, ${entry.waiting} waiting`,
    )
  let text = `${lines.join('\n')}\n`
  if (inspection.jobs.length > 0) {
    text += renderTable(
      ['id', 'kind', 'account', 'state', 'attempts', 'next try', 'last error'],
      inspection.jobs.map((job) => [
        job.id,
        job.kind,
        job.account,
        job.possiblyDelivered ? `${job.state} (possibly delivered)` : job.state,
        job.attempts,
        job.nextAttemptAt ?? '—',
        job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : '—',
      ]),
    )
  }
  return text
}

export async function runQueueInspect(ctx: CliContext, flags: InspectFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const inspection = await api['queue.inspect']({
      ...(account ? { account } : {}),
      ...(flags.limit ? { limit: flags.limit } : {}),
    })
    await emit(ctx, flags, {
      value: inspection,
      rows: inspection.jobs.map((job) => ({
        ...job,
        lastError: job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : null,
      })),
      text: describeInspection(inspection),
    })
  })
}
