// `plausible events import <file>`: journals every event of an NDJSON file, then delivers them and waits.
// The journal survives a crash, kill -9 or Ctrl+C; running the same import again sends only what is
// not yet acknowledged (each line's job id is derived from the file's content and the line number).
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { z } from 'zod'
import { exitCodes, PlausibleError } from '../../../shared/errors'
import { EventJobPayload, enqueueEvent } from '../../../core/queue/event-sender'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { reportError, writeJson } from '../../output'
import type { ConnectionFlags } from '../../shared-options'

interface ImportFlags extends Pick<ConnectionFlags, 'account' | 'baseUrl' | 'json'> {
  userAgent?: string
}

const ImportSummary = z.object({
  file: z.string(),
  events: z.number().int(),
  /** Journaled by this run (new, or left pending by an earlier one). */
  queued: z.number().int(),
  /** Acknowledged by an earlier run of the same file: not sent again. */
  alreadyDelivered: z.number().int(),
  /** Failed for good in an earlier run (see plausible queue inspect). */
  failedBefore: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
})

export function registerEventsImport(events: Command, ctx: CliContext): void {
  const command = events
    .command('import')
    .description(
      'Send every event of an NDJSON file through the crash-safe journal, and wait until delivered.',
    )
    .argument('<file>', 'one Events API event per line: {"name","url","domain"?,"props"?,…}')
    .option('--account <alias>', 'account whose server receives the events (default: the default account)')
    .option('--base-url <url>', 'server for this run (default: PLAUSIBLE_BASE_URL)')
    .option('--user-agent <ua>', 'User-Agent sent with each event (the server drops bots)')
    .option('--json', 'print each job event as one JSON line, then the summary')
  describeCommand(command, {
    output: ImportSummary,
    examples: [
      {
        command: 'plausible events import events.ndjson',
        description: 'send a file of events to the default account’s server',
      },
      {
        command: 'plausible events import events.ndjson --json',
        description: 'progress and summary as JSON lines',
      },
    ],
  })
  command.action((file: string, flags: ImportFlags) => runEventsImport(ctx, file, flags))
}

export async function runEventsImport(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  let core: Awaited<ReturnType<CliContext['openCore']>> | undefined
  try {
    const text = await readFile(file, 'utf8')
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 16)
    const lines = text.split('\n').map((line, index) => ({ line: line.trim(), number: index + 1 }))
    const events = lines.filter((entry) => entry.line !== '')
    // The journal and the budget are on disk: this process delivers, or the running app does.
    core = await ctx.openCore({ overrides: flags.baseUrl ? { baseUrl: flags.baseUrl } : {} })
    const account = await core.handlers['accounts.list']({}).then((list) => {
      const wanted = flags.account ?? ctx.env.PLAUSIBLE_ACCOUNT
      const found = wanted
        ? list.accounts.find((entry) => entry.alias === wanted)
        : (list.accounts.find((entry) => entry.isDefault) ?? list.accounts[0])
      if (!found) throw new PlausibleError(wanted ? 'ACCOUNT_NOT_FOUND' : 'NO_ACCOUNT')
      return found
    })
    const summary = {
      file,
      events: events.length,
      queued: 0,
      alreadyDelivered: 0,
      failedBefore: 0,
      delivered: 0,
      failed: 0,
    }
    // Known before the first enqueue: this process may resume an earlier run's jobs at once.
    const ids = new Set(events.map(({ number }) => `import-${digest}-${number}`))
    const deliveredNow = new Set<string>()
    const doneBefore = new Set<string>()
    core.telemetry.subscribe((event) => {
      if (!('jobId' in event) || event.jobId === null || !ids.has(event.jobId)) return
      if (event.type === 'succeeded') deliveredNow.add(event.jobId)
      if (event.type === 'failed') summary.failed += 1
      if (flags.json) writeJson(ctx, event)
    })
    for (const { line, number } of events) {
      let event: unknown
      try {
        event = JSON.parse(line)
      } catch {
        throw new PlausibleError('USAGE', { message: `${file}:${number} is not JSON.` })
      }
      const payload = EventJobPayload.parse({
        baseUrl: account.baseUrl,
        isDemo: account.isDemo,
        event,
        ...(flags.userAgent ? { userAgent: flags.userAgent } : {}),
      })
      const id = `import-${digest}-${number}`
      const { state } = await enqueueEvent(core.queue, { account: account.alias, payload, id })
      if (state === 'added' || state === 'pending') summary.queued += 1
      else if (state === 'failed') summary.failedBefore += 1
      else doneBefore.add(id)
    }
    await core.queue.drain()
    summary.delivered = deliveredNow.size
    // A job resumed and delivered by this run before its line was read shows up as done: not "before".
    summary.alreadyDelivered = [...doneBefore].filter((id) => !deliveredNow.has(id)).length
    if (flags.json) writeJson(ctx, summary)
    else
      ctx.stdout.write(
        `${summary.delivered} of ${summary.events} events delivered now` +
          (summary.alreadyDelivered > 0 ? `, ${summary.alreadyDelivered} already sent before` : '') +
          (summary.failed > 0 ? `, ${summary.failed} failed (see plausible queue inspect)` : '') +
          '\n',
      )
    if (summary.failed > 0) process.exitCode = exitCodes.partial
  } catch (error) {
    process.exitCode = reportError(ctx, error, flags.json ? 'json' : 'table')
  } finally {
    await core?.close()
  }
}
