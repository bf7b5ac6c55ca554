// `plausible call --batch`: contract calls from stdin, one JSON object per line ({"call", "input"}),
// answered concurrently through one core — one queue, one budget, one cache — as JSON lines in
// completion order ({"line", "call", "result": {ok, value | error}}). For scripts and agents.
import type { Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { addApiOptions, type ConnectionFlags } from '../shared-options'

export function registerCall(
  program: Command,
  ctx: CliContext,
  /** Default process.stdin, read when the command runs (touching it sets up the stream: not for help). */
  stdin?: NodeJS.ReadableStream,
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
    output: async () => (await import('./call-action')).BatchLine,
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
  command.action(async (flags: ConnectionFlags) =>
    (await import('./call-action')).runCall(ctx, flags, stdin ?? process.stdin),
  )
}
