// The action of `plausible events import <file>` (registered in import.ts), loaded when the command runs.
//
// The file is streamed, never read whole: a first pass takes its digest (each line's job id is keyed by
// it, as the window keys them) and counts its lines; the second checks each line and journals the good
// ones in batches of up to `importBatchSize` (one durable journal write each, journal.ts), while at most
// `maxUnanswered` of them wait for the server. Reading waits for answers, so a million lines cost the
// memory of a few thousand. The counts come from what each job became: told by this process's worker,
// or read from the journal when another process (the app) delivers.
import { resolve } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { eventBody, type PlausibleEvent } from '../../../core/api/events'
import { normalizeBaseUrl } from '../../../core/api/transport'
import { enqueueEvents, keyedEventJobId, type EventJobPayload } from '../../../core/queue/event-sender'
import type { EnqueuedJob } from '../../../core/queue/write-queue'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import { importLineKey, type ParsedLine } from '../../../shared/plausible/event-file'
import type { CliContext } from '../../context'
import { emit, type OutputFlags } from '../../emit'
import { readEventLines, readEventStream, surveyEventFile, type EventStream } from '../../event-file-stream'
import { formatOf, reportError } from '../../output'
import { createProgress } from '../../progress'
import { createAnswers, type Answer } from './import-answers'
import { createDryRunWriter } from './import-dry-run'
import { convertCliEvents, type ConvertedCliEvents } from './import-cli-events'
import { createImportRecorder } from '../../../core/imports/import-recorder'
import { readWorkflowRules } from '../../workflow-rules'
import type { ImportFlags } from './import'

/** Good lines journaled with one durable write, at most. */
export const importBatchSize = 256
/**
 * The first batch: small, so the first requests leave at once. Each next one is as large as all before
 * it (16, 16, 32, 64, 128, then importBatchSize): the batches end on multiples of importBatchSize.
 */
export const firstBatchSize = 16
/** Lines journaled whose answer has not come yet: how far reading may run ahead of the server. */
export const maxUnanswered = 2048
/** How often the journal is read for the answers of jobs another process (the app) delivers. */
const journalPollMs = 200

const fileHint = 'Give the path of an NDJSON or CSV file of events, or - to read them from stdin.'

/** The file argument that means standard input. */
export const stdinPath = '-'

const Invalid = lazySchema(() => z.object({ line: z.number().int(), reason: z.string() }))

export const ImportSummary = lazySchema(() =>
  z.object({
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
    /** This run in the import history (`plausible imports show <id>`). */
    importId: z.string(),
    /** The previous run of the same source, null for the first: see `plausible imports show`. */
    previousImportId: z.string().nullable(),
  }),
)

export const ImportDryRun = lazySchema(() =>
  z.object({
    dryRun: z.literal(true),
    file: z.string(),
    events: z.number().int(),
    invalid: z.array(Invalid),
    /** What would be sent, one request per good line; nothing was journaled. */
    requests: z.array(
      z.object({ line: z.number().int(), method: z.literal('POST'), url: z.string(), body: z.unknown() }),
    ),
  }),
)

/** The summary of a run, or with --dry-run what would be sent. */
export const ImportOutput = lazySchema(() => z.union([ImportSummary, ImportDryRun]))

export async function runEventsImport(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  let core: Awaited<ReturnType<CliContext['openCore']>> | undefined
  let stopWatching = (): void => undefined
  let converted: ConvertedCliEvents | null = null
  try {
    converted = flags.from === 'cli-events' ? await convertFromCliEvents(ctx, file, flags) : null
    /** What is read: the file, or the Plausible events a CLI-analytics file was converted into. */
    const readPath = converted?.path ?? file
    const source = {
      hint: fileHint,
      ...(converted ? { format: 'ndjson' as const } : flags.as ? { format: flags.as } : {}),
    }
    // stdin is read once, as it comes: no first pass, so lines are counted and keyed as they arrive.
    const stream: EventStream | null =
      readPath === stdinPath ? readEventStream(ctx.stdin ?? process.stdin, source) : null
    const survey = stream ? null : await surveyEventFile(readPath, source)
    if (survey?.empty && !(converted && converted.invalid.length > 0))
      throw emptyInput(`${file} ${survey.empty}`)
    const linesOf = (): AsyncGenerator<ParsedLine[]> =>
      stream ? stream.pieces() : readEventLines(readPath, survey!, source)
    // The journal and the budget are on disk: this process delivers, or the running app does.
    // The queue starts once the answers are listened to: this process may resume an earlier run's jobs
    // of this file at once, and their answers must count as delivered now, not as sent before.
    core = await ctx.openCore({
      overrides: flags.baseUrl ? { baseUrl: flags.baseUrl } : {},
      ...(flags.dryRun ? { dryRun: true } : { deliverJournal: false }),
    })
    // As events.send resolves it: the Events API takes no key, so a server named for this run gets the
    // events even for the Demo account, never the Demo sandbox.
    const resolved = await core.resolveAccount(flags.account)
    const account = {
      alias: resolved.alias,
      baseUrl: resolved.ignoredBaseUrl ?? resolved.baseUrl,
      isDemo: resolved.isDemo && !resolved.ignoredBaseUrl,
    }
    const invalid: Array<{ line: number; reason: string }> = converted ? [...converted.invalid] : []
    /** Lines known before sending: the file's, or the converted events and the source's bad lines. */
    const linesBefore = (survey?.lines ?? 0) + invalid.length
    /** stdin lines' keys, from the first line's key until the line is journaled. */
    const streamKeys = new Map<number, string>()
    const recorder = createImportRecorder(ctx.configDir, {
      path: file === stdinPath ? stdinPath : resolve(file),
      digest: survey?.digest ?? null,
      format: converted ? 'cli-events' : (survey?.format ?? flags.as ?? 'ndjson'),
      account: account.alias,
    })
    for (const bad of invalid) {
      recorder.refused(bad.reason)
      if (format(flags) === 'table') ctx.stderr.write(`${file}:${bad.line}: ${bad.reason} (skipped)\n`)
    }
    /** The bad lines of a piece: kept for the summary and, for people, said on stderr as they come. */
    const goodOf = (
      lines: ParsedLine[],
    ): Array<{ number: number; event: NonNullable<ParsedLine['event']> }> =>
      lines.flatMap((parsed) => {
        const { line, event, problems } = parsed
        if (stream) streamKeys.set(line, stream.keyOf(parsed))
        if (event) {
          recorder.read(String(event.name))
          return [{ number: line, event }]
        }
        const bad = { line, reason: problems.join('; ') }
        invalid.push(bad)
        recorder.refused(bad.reason)
        if (format(flags) === 'table') ctx.stderr.write(`${file}:${bad.line}: ${bad.reason} (skipped)\n`)
        return []
      })

    if (flags.dryRun) {
      const url = `${account.isDemo ? '(the Demo sandbox)' : normalizeBaseUrl(account.baseUrl)}/api/event`
      const writer = createDryRunWriter(ctx, flags, { file, events: linesBefore })
      for await (const lines of linesOf())
        for (const { number, event } of goodOf(lines))
          await writer.add({ line: number, method: 'POST', url, body: eventBody(event as PlausibleEvent) })
      await writer.finish(invalid)
      if (invalid.length > 0) process.exitCode = exitCodes.partial
      return
    }

    const summary = {
      file,
      events: linesBefore,
      queued: 0,
      alreadyDelivered: 0,
      failedBefore: 0,
      delivered: 0,
      failed: 0,
      possiblyRepeated: 0,
      invalid,
    }
    // Keyed as the window's import and events.send key them: a file sends each line once per account.
    const idOf = (line: number): string => {
      if (!stream) return keyedEventJobId(account.alias, importLineKey(survey!.digest, line))
      const key = streamKeys.get(line)
      streamKeys.delete(line)
      return keyedEventJobId(account.alias, importLineKey(`stdin${key}`, line))
    }
    const prefixOfFile = stream ? keyedEventJobId(account.alias, 'import-stdin') : idOf(0).slice(0, -1)
    const progress = createProgress(ctx, 'events', survey?.lines ?? 0)
    const answers = createAnswers(core.queue, journalPollMs)
    stopWatching = answers.watch(core.telemetry, prefixOfFile)
    answers.startedDelivering(await core.queue.start())
    const settle = (answer: Answer): void => {
      recorder.answered(answer)
      if (answer.state === 'done') summary.delivered += 1
      else summary.failed += 1
      if (answer.possiblyDelivered) summary.possiblyRepeated += 1
      progress.tick()
    }
    answers.onAnswer(settle)

    const payloadOf = (event: EventJobPayload['event']): EventJobPayload => ({
      baseUrl: account.baseUrl,
      isDemo: account.isDemo,
      event,
      ...(flags.userAgent ? { userAgent: flags.userAgent } : {}),
      ...(flags.forwardedFor ? { forwardedFor: flags.forwardedFor } : {}),
    })
    let batch: Array<{ id: string; payload: EventJobPayload }> = []
    let batchSize = firstBatchSize
    let batched = 0
    const journalBatch = async (): Promise<void> => {
      const jobs = batch
      batch = []
      // Reading waits here for answers: what is journaled and unanswered stays within the bound.
      await answers.roomFor(jobs.length, maxUnanswered)
      await recorder.start()
      const results = await enqueueEvents(core!.queue, account.alias, jobs)
      await countJournaled(results)
    }
    /** What journaling said of each job: queued now, or already settled by an earlier run (or this one). */
    const countJournaled = async (results: EnqueuedJob[]): Promise<void> => {
      const settledBefore: string[] = []
      for (const { id, state } of results) {
        const early = answers.takeEarly(id)
        if (state === 'added' || state === 'pending') {
          summary.queued += 1
          if (early) settle(early)
          else answers.expect(id)
        } else if (early) settle(early)
        // Resumed from an earlier run and sent by this one: settled on disk, its answer not told yet.
        else if (core!.queue.isSending(id)) answers.expect(id)
        else {
          if (state === 'failed') summary.failedBefore += 1
          else {
            summary.alreadyDelivered += 1
            recorder.repeatSkipped()
            settledBefore.push(id)
          }
          progress.tick()
        }
      }
      // A crash may have repeated an earlier run's send too: the journal's done job says so.
      const found = await Promise.all(settledBefore.map((id) => core!.queue.find(id)))
      const repeated = found.filter((entry) => entry?.job.possiblyDelivered === true).length
      summary.possiblyRepeated += repeated
      recorder.possiblyRepeated(repeated)
    }

    for await (const lines of linesOf()) {
      if (stream) summary.events += lines.length
      const good = goodOf(lines)
      progress.tick(lines.length - good.length)
      for (const { number, event } of good) {
        batch.push({ id: idOf(number), payload: payloadOf(event) })
        if (batch.length >= batchSize) {
          batched += batch.length
          await journalBatch()
          batchSize = Math.min(importBatchSize, batched)
        }
      }
      // A pipe's piece is what its writer wrote so far: journal it now rather than wait for a full batch.
      if (stream && batch.length > 0) await journalBatch()
    }
    if (batch.length > 0) await journalBatch()
    if (stream && summary.events === 0) throw emptyInput(`stdin ${stream.empty() ?? 'is empty'}`)
    await answers.allAnswered()
    progress.done()
    const { record, previous } = await recorder.finish(
      converted?.lines ?? summary.events,
      stream?.digest() ?? null,
    )
    const history =
      `Import ${record.id} recorded` +
      (previous ? `; compare with the previous run: plausible imports show ${record.id}` : '') +
      '\n'
    await emit(ctx, flags, {
      value: { ...summary, importId: record.id, previousImportId: previous?.id ?? null },
      rows: [{ ...summary, invalid: invalid.length }],
      text:
        `${summary.delivered} of ${summary.events} events delivered now` +
        (summary.alreadyDelivered > 0 ? `, ${summary.alreadyDelivered} already sent before` : '') +
        (invalid.length > 0 ? `, ${invalid.length} invalid lines skipped` : '') +
        (summary.failed > 0 ? `, ${summary.failed} failed (see plausible queue inspect)` : '') +
        (summary.possiblyRepeated > 0
          ? `, ${summary.possiblyRepeated} possibly sent twice (a crash cut their first send short)`
          : '') +
        '\n' +
        history,
    })
    if (summary.failed > 0 || invalid.length > 0) process.exitCode = exitCodes.partial
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  } finally {
    stopWatching()
    await core?.close()
    await converted?.remove()
  }
}

/** --from cli-events: the source converted into Plausible events, in a temporary file. */
async function convertFromCliEvents(
  ctx: CliContext,
  file: string,
  flags: ImportFlags,
): Promise<ConvertedCliEvents> {
  if (!flags.site)
    throw new PlausibleError('USAGE', {
      message: '--from cli-events needs --site: CLI usage events name no site.',
      hint: 'Add --site cli.example.com (the Plausible site that counts your tool’s usage).',
    })
  return convertCliEvents({
    source: file,
    input: file === stdinPath ? (ctx.stdin ?? process.stdin) : null,
    site: flags.site,
    rules: await readWorkflowRules(flags.workflows),
    configDir: ctx.configDir,
    hint: fileHint,
  })
}

function emptyInput(what: string): PlausibleError {
  return new PlausibleError('USAGE', {
    message: `${what}: there is no event to import.`,
    hint: 'Give a file of events: NDJSON, one {"name","url",…} object per line, or CSV, a header row (name,url,…) and one event per row.',
  })
}

function format(flags: OutputFlags): 'table' | 'json' {
  return formatOf(flags)
}
