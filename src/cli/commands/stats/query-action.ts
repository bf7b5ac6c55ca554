// The action of `plausible stats query` (registered in query.ts), loaded when the command runs.
import { PlausibleError } from '../../../shared/errors'
import { V2Query } from '../../../shared/plausible/query'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { readInputFile } from '../../input-file'
import { withApi } from '../../shared-options'
import type { QueryFlags } from './query'

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

export async function runStatsQuery(ctx: CliContext, flags: QueryFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
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
  })
}
