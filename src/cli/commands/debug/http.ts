// `plausible debug http`: the last requests this machine sent to Plausible servers and their answers —
// from every process (the app, each CLI run, `plausible ui`), newest first, keys masked, bodies cut.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { debugHttpMaxLimit } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions } from '../../emit'
import type { ConnectionFlags } from '../../shared-options'

export interface HttpFlags extends ConnectionFlags {
  limit?: number
}

/** The most the `debug.http` call takes: the contract's own bound, so help and check follow it. */
const maxLimit = debugHttpMaxLimit

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
    output: contractOutput('debug.http'),
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
  command.action(async (flags: HttpFlags) => (await import('./http-action')).runDebugHttp(ctx, flags))
}

/** --limit within what the call takes: past the maximum is refused, not quietly cut to it. */
export function limitFlag(value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw new InvalidArgumentError(`--limit takes a whole number from 1 to ${maxLimit}.`)
  return limit
}
