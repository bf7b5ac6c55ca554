// `plausible stats query`: a raw Stats API v2 query (§4.1) from a file or stdin, checked locally against
// the v2 schema — a bad one is refused naming the JSON pointer at fault, as the server would (§4.9) —
// then sent through the budget like every other read; prints the server's answer.
import { Option, type Command } from 'commander'
import { PlausibleError } from '../../../shared/errors'
import { V2Query, V2Response } from '../../../shared/plausible/query'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { readInputFile } from '../../input-file'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

interface QueryFlags extends ConnectionFlags {
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
    output: V2Response,
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
  command.action((flags: QueryFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const source = flags.file ?? 'stdin'
      const query = parseQuery(await readSource(ctx, flags.file), source)
      const response = await api['stats.query']({ ...(account ? { account } : {}), query })
      const dimensions = query.dimensions ?? []
      await emit(ctx, flags, {
        value: response,
        rows: response.results.map((row) => ({
          ...Object.fromEntries(
            dimensions.map((dimension, index) => [dimension, row.dimensions[index] ?? null]),
          ),
          ...Object.fromEntries(query.metrics.map((metric, index) => [metric, row.metrics[index] ?? null])),
        })),
      })
    }),
  )
}

async function readSource(ctx: CliContext, file: string | undefined): Promise<string> {
  if (file !== undefined) {
    return await readInputFile(file, 'Give --file a JSON file that exists, or pipe the query on stdin.')
  }
  const stdin = ctx.stdin ?? process.stdin
  if (stdin.isTTY)
    throw new PlausibleError('USAGE', {
      message: 'stats query reads the query from --file or stdin, and stdin is a terminal.',
      hint: "Example: plausible stats query --file query.json, or echo '{…}' | plausible stats query",
    })
  let text = ''
  for await (const chunk of stdin)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
  return text
}

/** JSON, then the v2 schema; the first fault, one line, with its JSON pointer. */
export function parseQuery(text: string, source: string): V2Query {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new PlausibleError('USAGE', {
      message: `The query in ${source} is not JSON: ${(error as Error).message}.`,
      hint: 'A query is one JSON object: {"site_id": "example.com", "metrics": ["visitors"], "date_range": "7d"}',
    })
  }
  const parsed = V2Query.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const pointer = `#/${(issue?.path ?? []).map(String).join('/')}`
  throw new PlausibleError('USAGE', {
    message: `The query in ${source} is not a valid v2 query: ${pointer}: ${issue?.message ?? 'not valid'}.`,
    hint: 'Fix the part the pointer names; `plausible stats --help` lists the metrics, dimensions and filters, and which go together.',
  })
}
