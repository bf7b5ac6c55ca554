// `plausible call --batch`: contract calls from stdin, one JSON object per line ({"call", "input"}),
// answered concurrently through one core — one queue, one budget, one cache — as JSON lines in
// completion order ({"line", "call", "result": {ok, value | error}}). For scripts and agents.
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { z } from 'zod'
import { exitCodes, PlausibleError } from '../../shared/errors'
import { isCallName } from '../../shared/contract'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../shared-options'

const BatchLine = z.object({
  line: z.number().int(),
  call: z.string(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        code: z.string(),
        message: z.string(),
        hint: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ]),
})

export function registerCall(
  program: Command,
  ctx: CliContext,
  stdin: NodeJS.ReadableStream = process.stdin,
): void {
  const command = addApiOptions(
    program
      .command('call')
      .description(
        'Run contract calls read from stdin (one {"call","input"} per line) concurrently; print one JSON line per answer.',
      )
      .requiredOption('--batch', 'read the calls from stdin'),
  )
  describeCommand(command, {
    output: BatchLine,
    notes: 'The exit code is 0 when every call succeeded, 8 when some failed.',
    examples: [
      {
        command: 'plausible call --batch < calls.ndjson',
        description:
          'every call of the file, each line {"call":"stats.realtime","input":{"site":"shop.example.com"}}',
      },
      {
        command: 'plausible call --batch --no-wait < calls.ndjson',
        description: 'many reads; those the hour cannot afford fail at once',
      },
    ],
  })
  command.action((flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api) => {
      // Answers in completion order, printed once all are in: NDJSON by default (one line per
      // answer, as before), or one JSON array with --json, or CSV; --output writes them atomically.
      const answers: Array<z.infer<typeof BatchLine>> = []
      const pending: Array<Promise<boolean>> = []
      let number = 0
      for await (const text of createInterface({ input: stdin })) {
        number += 1
        if (text.trim() === '') continue
        const line = number
        pending.push(
          (async () => {
            let call = ''
            try {
              const parsed = JSON.parse(text) as { call?: unknown; input?: unknown }
              call = typeof parsed.call === 'string' ? parsed.call : ''
              if (!isCallName(call)) throw new Error(`unknown call ${JSON.stringify(parsed.call)}`)
              const run = api[call] as (input: unknown) => Promise<unknown>
              answers.push({ line, call, result: { ok: true, value: await run(parsed.input ?? {}) } })
              return true
            } catch (error) {
              const wire =
                error instanceof PlausibleError
                  ? error.toWire()
                  : new PlausibleError('USAGE', {
                      message: `Line ${line}: ${(error as Error).message}.`,
                      hint: 'Each line is {"call": "<name>", "input": {...}}.',
                    }).toWire()
              answers.push({ line, call, result: { ok: false, error: wire } })
              return false
            }
          })(),
        )
      }
      const results = await Promise.all(pending)
      await emit(
        ctx,
        { ...flags, ...(flags.json || flags.format ? {} : { format: 'ndjson' }) },
        {
          value: answers,
          rows: answers,
        },
      )
      if (results.some((ok) => !ok)) process.exitCode = exitCodes.partial
    }),
  )
}
