// The action of `plausible metrics` (registered in metrics.ts), loaded when the command runs.
import { PlausibleError } from '../../shared/errors'
import { collectMetrics } from '../../shared/metrics/metrics-snapshot'
import { renderPrometheusText } from '../../shared/metrics/prometheus-text'
import {
  checkLoopback,
  defaultMetricsAddress,
  parseListenAddress,
  type ListenAddress,
} from '../../core/metrics/listen-address'
import type { CliContext } from '../context'
import { reportError } from '../output'
import { untilSignal } from '../until-signal'
import type { MetricsFlags } from './metrics'

export async function runMetrics(
  ctx: CliContext,
  flags: MetricsFlags,
  stop: () => Promise<void> = untilSignal,
): Promise<void> {
  let connection: Awaited<ReturnType<CliContext['connect']>> | undefined
  try {
    // Checked before connecting: a refused address opens nothing.
    const address = flags.serve === undefined ? null : addressOf(flags)
    connection = await ctx.connect({})
    const { api } = connection
    const render = async (): Promise<string> => renderPrometheusText(await collectMetrics(api))
    if (!address) return void ctx.stdout.write(await render())
    await serve(ctx, address, render, stop)
  } catch (error) {
    process.exitCode = reportError(ctx, error, 'table')
  } finally {
    await connection?.close()
  }
}

function addressOf(flags: MetricsFlags): ListenAddress {
  const address = parseListenAddress(
    flags.serve === true || flags.serve === undefined ? defaultMetricsAddress : flags.serve,
    '--serve',
  )
  if (!flags.allowNonLoopback) checkLoopback(address, '--allow-non-loopback')
  return address
}

async function serve(
  ctx: CliContext,
  address: ListenAddress,
  render: () => Promise<string>,
  stop: () => Promise<void>,
): Promise<void> {
  const { startMetricsServer } = await import('../../core/metrics/metrics-server')
  // Listening for the stop before saying it is ready: whoever reads that line may signal at once.
  const stopped = stop()
  const server = await startMetricsServer({
    ...address,
    render,
    onError: (error) => ctx.log?.log('warning', { message: `metrics: ${String(error)}` }),
  }).catch((error: unknown) => {
    throw new PlausibleError('USAGE', {
      message: `--serve could not listen on ${address.host}:${address.port}: ${error instanceof Error ? error.message : String(error)}.`,
      hint: 'Pick another port (0 picks a free one), or stop what already listens there.',
      cause: error,
    })
  })
  ctx.stdout.write(`Serving metrics on ${server.url} (Ctrl+C to stop)\n`)
  await stopped
  await server.close()
}
