// The action of `plausible call --batch` (registered in call.ts), loaded when the command runs.
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { exitCodes, PlausibleError } from '../../shared/errors'
import { isCallName } from '../../shared/contract'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { withApi, type ConnectionFlags } from '../shared-options'

export const BatchLine = lazySchema(() =>
  z.object({
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
  }),
)

export async function runCall(
  ctx: CliContext,
  flags: ConnectionFlags,
  stdin: NodeJS.ReadableStream,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
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
  })
}
