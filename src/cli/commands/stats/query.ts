// `plausible stats query`: a raw Stats API v2 query (§4.1) from a file or stdin, checked locally against
// the v2 schema — a bad one is refused naming the JSON pointer at fault, as the server would (§4.9) —
// then sent through the budget like every other read; prints the server's answer.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export interface QueryFlags extends ConnectionFlags {
  file?: string
}

export function registerStatsQuery(stats: Command, ctx: CliContext): void {
  const command = addApiOptions(
    stats
      .command('query')
      .description('Run a raw Stats API v2 query (JSON from --file or stdin) and print the answer.')
      .addOption(new Option('--file <path>', 'the query as JSON (default: read stdin)')),
  )
  describeCommand(command, {
    callsApi: true,
    output: async () => (await import('../../../shared/plausible/query')).V2Response,
    notes:
      'The query is the body of POST /api/v2/query: site_id, metrics, date_range, and optionally dimensions, filters, order_by, include, pagination.',
    examples: [
      {
        command: 'plausible stats query --file query.json --json',
        description: 'run the query of a file, print the server’s JSON answer',
      },
      {
        command:
          'echo \'{"site_id":"example.com","metrics":["visitors"],"date_range":"7d","dimensions":["visit:source"]}\' | plausible stats query',
        description: 'a breakdown from stdin, as a table',
      },
    ],
  })
  command.action(async (flags: QueryFlags) => (await import('./query-action')).runStatsQuery(ctx, flags))
}
