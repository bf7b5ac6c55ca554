// `plausible debug http`: the last requests this machine sent to Plausible servers and their answers —
// from every process (the app, each CLI run, `plausible ui`), newest first, keys masked, bodies cut.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { z } from 'zod'
import { HttpExchange, calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'

interface HttpFlags extends ConnectionFlags {
  limit?: number
}

/** The most the `debug.http` call takes, read from its input schema so help and check follow the contract. */
const maxLimit = calls['debug.http'].input.shape.limit.unwrap().maxValue ?? 500

export function registerDebugHttp(debug: Command, ctx: CliContext): void {
  // Read from the history file (through the app when it runs): no account, no request, no budget.
  const command = addOutputOptions(
    debug
      .command('http')
      .description(
        'The last requests sent to Plausible servers and their answers, newest first, keys masked.',
      )
      .addOption(
        new Option(
          '--limit <n>',
          `how many exchanges, newest first: 1 to ${maxLimit} (default 20)`,
        ).argParser(limitFlag),
      ),
  )
  describeCommand(command, {
    output: z.object({ exchanges: z.array(HttpExchange) }),
    notes:
      'Every process records into one capped file in the config dir; Authorization and any known key are masked.',
    examples: [
      { command: 'plausible debug http', description: 'the last 20 exchanges with their bodies' },
      { command: 'plausible debug http --limit 5 --json', description: 'the last 5, as JSON' },
      {
        command: 'plausible debug http --format csv --output requests.csv',
        description: 'the history as a CSV file, one exchange per row',
      },
    ],
  })
  command.action((flags: HttpFlags) =>
    withApi(ctx, flags, async (api) => {
      const answer = await api['debug.http']({ limit: flags.limit ?? 20 })
      await emit(ctx, flags, {
        value: answer,
        rows: answer.exchanges.map((exchange) => ({
          at: exchange.at,
          process: exchange.process,
          method: exchange.method,
          url: exchange.url,
          status: exchange.status,
          ms: exchange.durationMs,
          error: exchange.error,
          requestBody: exchange.requestBody,
          responseBody: exchange.responseBody,
        })),
        text:
          answer.exchanges.length === 0
            ? 'No requests recorded yet.\n'
            : answer.exchanges.map(describe).join('\n'),
      })
    }),
  )
}

/** --limit within what the call takes: past the maximum is refused, not quietly cut to it. */
export function limitFlag(value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw new InvalidArgumentError(`--limit takes a whole number from 1 to ${maxLimit}.`)
  return limit
}

function describe(exchange: HttpExchange): string {
  const outcome =
    exchange.status === null ? `failed: ${exchange.error ?? 'no answer'}` : String(exchange.status)
  const lines = [
    `${exchange.at}  ${exchange.process}  ${exchange.method} ${exchange.url}  → ${outcome} (${exchange.durationMs} ms)`,
    ...Object.entries(exchange.requestHeaders).map(([name, value]) => `  > ${name}: ${value}`),
  ]
  if (exchange.requestBody !== null) lines.push(`  > ${exchange.requestBody}`)
  if (exchange.responseBody !== null) lines.push(`  < ${exchange.responseBody}`)
  if (exchange.isTruncated) lines.push('  (bodies cut to their first 4 KB)')
  return `${lines.join('\n')}\n`
}
