// The action of `plausible debug http` (registered in http.ts), loaded when the command runs.
import { HttpExchange } from '../../../shared/contract'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi } from '../../shared-options'
import type { HttpFlags } from './http'

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

export async function runDebugHttp(ctx: CliContext, flags: HttpFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
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
  })
}
