// `plausible metrics [--serve [host:port]]`: the budget, the write journal, the request history and the
// tray's realtime samples as Prometheus text, printed once or served on loopback (issue 18). Read from
// the core (the app's when it runs): a scrape sends no request to any Plausible server.
import type { Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'

export interface MetricsFlags {
  /** true when --serve is given without an address (the default one is used). */
  serve?: string | true
  allowNonLoopback?: boolean
}

export function registerMetrics(program: Command, ctx: CliContext): void {
  const command = program
    .command('metrics')
    .description('Budget, journal, 429s, latency and realtime as Prometheus text (no API request).')
    .option('--serve [host:port]', 'serve GET /metrics until Ctrl+C (default 127.0.0.1:9464)')
    .option('--allow-non-loopback', 'let --serve listen on an address other machines can reach')
  describeCommand(command, {
    callsApi: false,
    isBriefInLlmsTxt: true,
    notes:
      "Gauges of the moment: per account the budget (limit, used, left, reserve, per source, paused, last 429), journal jobs by state, the last requests of `plausible debug http` (429s, a latency histogram) and the pinned sites' last realtime sample.",
    examples: [
      { command: 'plausible metrics', description: 'print the metrics once' },
      {
        command: 'plausible metrics --serve 127.0.0.1:9464',
        description: 'serve them to a Prometheus scraper on loopback',
      },
    ],
  })
  command.action(async (flags: MetricsFlags) => (await import('./metrics-action')).runMetrics(ctx, flags))
}
