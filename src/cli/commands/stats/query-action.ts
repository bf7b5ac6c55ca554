// The action of `plausible stats query` (registered in query.ts), loaded when the command runs.
import { PlausibleError } from '../../../shared/errors'
import type { V2Query } from '../../../shared/plausible/query'
import { assertQueryAccepted } from '../../../shared/plausible/query-rules/local-check'
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

/**
 * JSON, then the server's query rules (query-rules): a query the server would refuse is refused here with
 * its words (QUERY_INVALID), the JSON pointer of the fault in the hint, and nothing sent.
 */
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
  assertQueryAccepted(value, {}, { source })
  return value as V2Query
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
