// The action of `plausible events import <file>` (registered in import.ts), loaded when the command runs.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { eventBody, type PlausibleEvent } from '../../../core/api/events'
import { normalizeBaseUrl } from '../../../core/api/transport'
import { EventJobPayload, enqueueEvent, keyedEventJobId } from '../../../core/queue/event-sender'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit, type OutputFlags } from '../../emit'
import { readInputFile } from '../../input-file'
import { formatOf, reportError } from '../../output'
import { createProgress } from '../../progress'
import { emptyEventFileMessage, importLineKey, parseEventFile } from '../../../shared/plausible/event-file'
import type { ImportFlags } from './import'

const Invalid = z.object({ line: z.number().int(), reason: z.string() })

export const ImportSummary = z.object({
  file: z.string(),
  /** Lines holding an event (blank lines aside), good and bad. */
  events: z.number().int(),
  /** Journaled by this run (new, or left pending by an earlier one). */
  queued: z.number().int(),
  /** Acknowledged by an earlier run of the same file: not sent again. */
  alreadyDelivered: z.number().int(),
  /** Failed for good in an earlier run (see plausible queue inspect). */
  failedBefore: z.number().int(),
  /** Delivered since this run journaled them, by this process or another (the app, another CLI). */
  delivered: z.number().int(),
  failed: z.number().int(),
  /**
   * Delivered after a crash cut an earlier send of theirs short (this run's or an earlier one's): the
   * server may have them twice. The Events API has no idempotency key, so this is the floor.
   */
  possiblyRepeated: z.number().int(),
  /** Lines refused before sending, each with its number and reason. */
  invalid: z.array(Invalid),
})

export const ImportDryRun = z.object({
  dryRun: z.literal(true),
  file: z.string(),
  events: z.number().int(),
  invalid: z.array(Invalid),
  /** What would be sent, one request per good line; nothing was journaled. */
  requests: z.array(
    z.object({ line: z.number().int(), method: z.literal('POST'), url: z.string(), body: z.unknown() }),
  ),
})

/** The summary of a run, or with --dry-run what would be sent. */
export const ImportOutput = z.union([ImportSummary, ImportDryRun])

export async function runEventsImport(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  let core: Awaited<ReturnType<CliContext['openCore']>> | undefined
  try {
    const text = await readInputFile(file, 'Give the path of an NDJSON or CSV file of events.')
    const parsed = parseEventFile(text, { fileName: file, ...(flags.as ? { format: flags.as } : {}) })
    const empty = emptyEventFileMessage(file, parsed)
    if (empty)
      throw new PlausibleError('USAGE', {
        message: empty,
        hint: 'Give a file of events: NDJSON, one {"name","url",…} object per line, or CSV, a header row (name,url,…) and one event per row.',
      })
    const { lines } = parsed
    const invalid = lines.flatMap((line) =>
      line.event ? [] : [{ line: line.line, reason: line.problems.join('; ') }],
    )
    const good = lines.flatMap(({ line, event }) => (event ? [{ number: line, event }] : []))
    // The journal and the budget are on disk: this process delivers, or the running app does.
    core = await ctx.openCore({
      overrides: flags.baseUrl ? { baseUrl: flags.baseUrl } : {},
      ...(flags.dryRun ? { dryRun: true } : {}),
    })
    const account = await core.handlers['accounts.list']({}).then((list) => {
      const wanted = flags.account ?? ctx.env.PLAUSIBLE_ACCOUNT
      const found = wanted
        ? list.accounts.find((entry) => entry.alias === wanted)
        : (list.accounts.find((entry) => entry.isDefault) ?? list.accounts[0])
      if (!found) throw new PlausibleError(wanted ? 'ACCOUNT_NOT_FOUND' : 'NO_ACCOUNT')
      return found
    })
    if (format(flags) === 'table')
      for (const bad of invalid) ctx.stderr.write(`${file}:${bad.line}: ${bad.reason} (skipped)\n`)
    if (flags.dryRun) {
      const url = `${account.isDemo ? '(the Demo sandbox)' : normalizeBaseUrl(account.baseUrl)}/api/event`
      const requests = good.map(({ number, event }) => ({
        line: number,
        method: 'POST' as const,
        url,
        body: eventBody(event as PlausibleEvent),
      }))
      await emit(ctx, flags, {
        value: { dryRun: true, file, events: lines.length, invalid, requests },
        rows: requests.map((request) => ({ line: request.line, url: request.url, body: request.body })),
        text:
          requests
            .map((request) => `${request.line}: POST ${request.url} ${JSON.stringify(request.body)}`)
            .join('\n') +
          `\n(dry run: ${requests.length} of ${lines.length} events would be sent, ${invalid.length} invalid; nothing was journaled)\n`,
      })
      if (invalid.length > 0) process.exitCode = exitCodes.partial
      return
    }
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 16)
    const summary = {
      file,
      events: lines.length,
      queued: 0,
      alreadyDelivered: 0,
      failedBefore: 0,
      delivered: 0,
      failed: 0,
      possiblyRepeated: 0,
      invalid,
    }
    // Known before the first enqueue: this process may resume an earlier run's jobs at once.
    // Keyed as the window's import and events.send key them: a file sends each line once per account.
    const idOf = (line: number): string => keyedEventJobId(account.alias, importLineKey(digest, line))
    const ids = new Set(good.map(({ number }) => idOf(number)))
    const deliveredNow = new Set<string>()
    const doneBefore = new Set<string>()
    const failedBefore = new Set<string>()
    const progress = createProgress(ctx, 'delivered', ids.size)
    core.telemetry.subscribe((event) => {
      if (!('jobId' in event) || event.jobId === null || !ids.has(event.jobId)) return
      if (event.type === 'succeeded') deliveredNow.add(event.jobId)
      if (event.type === 'succeeded' || event.type === 'failed') progress.tick()
    })
    for (const { number, event } of good) {
      const payload = EventJobPayload.parse({
        baseUrl: account.baseUrl,
        isDemo: account.isDemo,
        event,
        ...(flags.userAgent ? { userAgent: flags.userAgent } : {}),
        ...(flags.forwardedFor ? { forwardedFor: flags.forwardedFor } : {}),
      })
      const id = idOf(number)
      const { state } = await enqueueEvent(core.queue, { account: account.alias, payload, id })
      if (state === 'added' || state === 'pending') summary.queued += 1
      else {
        if (state === 'failed') failedBefore.add(id)
        else doneBefore.add(id)
        progress.tick()
      }
    }
    await core.queue.drain()
    progress.done()
    // A job resumed and delivered by this run before its line was read shows up as done: not "before".
    const alreadyDelivered = new Set([...doneBefore].filter((id) => !deliveredNow.has(id)))
    summary.alreadyDelivered = alreadyDelivered.size
    summary.failedBefore = failedBefore.size
    // Read from the journal, not from this process's telemetry: the app or another CLI may have sent them.
    for (const id of ids) {
      const found = await core.queue.find(id)
      if (found?.job.possiblyDelivered && found.state === 'done') summary.possiblyRepeated += 1
      if (alreadyDelivered.has(id) || failedBefore.has(id)) continue
      if (found?.state === 'done') summary.delivered += 1
      else if (found?.state === 'failed') summary.failed += 1
    }
    await emit(ctx, flags, {
      value: summary,
      rows: [{ ...summary, invalid: invalid.length }],
      text:
        `${summary.delivered} of ${summary.events} events delivered now` +
        (summary.alreadyDelivered > 0 ? `, ${summary.alreadyDelivered} already sent before` : '') +
        (invalid.length > 0 ? `, ${invalid.length} invalid lines skipped` : '') +
        (summary.failed > 0 ? `, ${summary.failed} failed (see plausible queue inspect)` : '') +
        (summary.possiblyRepeated > 0
          ? `, ${summary.possiblyRepeated} possibly sent twice (a crash cut their first send short)`
          : '') +
        '\n',
    })
    if (summary.failed > 0 || invalid.length > 0) process.exitCode = exitCodes.partial
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  } finally {
    await core?.close()
  }
}

function format(flags: OutputFlags): 'table' | 'json' {
  return formatOf(flags)
}
