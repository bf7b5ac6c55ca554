// `plausible sandbox`: a Plausible-compatible server on loopback with seeded data, for scripts and agents.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { startSandbox, type SandboxMode } from '../../core/sandbox'
import { z } from 'zod'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { reportError } from '../output'
import { positiveInteger } from '../shared-options'

export interface SandboxFlags {
  port: number
  mode: SandboxMode
  limit?: number
  json?: boolean
}

export const SandboxOutput = z.object({
  baseUrl: z.string(),
  apiKey: z.string(),
  statsOnlyKey: z.string(),
  mode: z.enum(['cloud', 'ce']),
  hourlyLimit: z.number().int(),
  sites: z.array(z.object({ domain: z.string(), timezone: z.string() })),
})

export function registerSandbox(program: Command, ctx: CliContext): void {
  const command = program
    .command('sandbox')
    .description('Start a Plausible-compatible server with deterministic demo data on 127.0.0.1.')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free one').default(0).argParser(port))
    .addOption(
      new Option(
        '--mode <mode>',
        'cloud answers like plausible.io (Sites API, 600/hour); ce like self-hosted Community Edition (no Sites API, 1,000,000/hour)',
      )
        .choices(['cloud', 'ce'])
        .default('cloud'),
    )
    .addOption(
      new Option('--limit <n>', "API requests per key per UTC hour (default: the mode's limit)").argParser(
        positiveInteger('--limit'),
      ),
    )
    .option(
      '--json',
      'print one line {"baseUrl","apiKey","statsOnlyKey","mode","hourlyLimit","sites"} once listening',
    )
  describeCommand(command, {
    output: SandboxOutput,
    notes: 'It prints its own demo keys: they open only this sandbox, never a real server.',
    examples: [
      {
        command: 'plausible sandbox --port 8000',
        description: 'a server on a fixed port with 600 requests/hour',
      },
      {
        command: 'plausible sandbox --port 0 --limit 50 --json',
        description: 'any free port, a small budget, one JSON line for scripts',
      },
      {
        command: 'plausible sandbox --mode ce',
        description: 'answer like self-hosted Plausible CE (no Sites API)',
      },
    ],
  })
  command.action(async (flags: SandboxFlags) => {
    try {
      await runSandbox(ctx, flags)
    } catch (error) {
      process.exitCode = reportError(ctx, error, flags.json ? 'json' : 'table')
    }
  })
}

/** Starts the sandbox, prints where it is, and serves until `stop` resolves (SIGINT/SIGTERM by default). */
export async function runSandbox(
  ctx: Pick<CliContext, 'stdout'>,
  flags: SandboxFlags,
  stop: () => Promise<void> = untilSignal,
): Promise<void> {
  const sandbox = await startSandbox({
    port: flags.port,
    mode: flags.mode,
    ...(flags.limit ? { hourlyLimit: flags.limit } : {}),
  })
  if (flags.json) {
    await emit(ctx, flags, {
      value: {
        baseUrl: sandbox.baseUrl,
        apiKey: sandbox.apiKey,
        statsOnlyKey: sandbox.statsOnlyKey,
        mode: sandbox.mode,
        hourlyLimit: sandbox.hourlyLimit,
        sites: sandbox.sites,
      },
    })
  } else {
    ctx.stdout.write(
      [
        `Sandbox (${sandbox.mode === 'cloud' ? 'cloud: like plausible.io, with the Sites API' : 'ce: like self-hosted Community Edition, no Sites API'}) listening on ${sandbox.baseUrl}, ${sandbox.hourlyLimit} requests per key per UTC hour`,
        `Demo API key (stats and sites:provision): ${sandbox.apiKey}`,
        `Stats-only API key (stats:read, no Sites API writes): ${sandbox.statsOnlyKey}`,
        `Sites: ${sandbox.sites.map((site) => `${site.domain} (${site.timezone})`).join(', ')}`,
        '',
        `Try: PLAUSIBLE_BASE_URL=${sandbox.baseUrl} PLAUSIBLE_API_KEY=${sandbox.apiKey} plausible stats aggregate --site ${sandbox.sites[0]?.domain ?? 'example.com'}`,
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    )
  }
  await stop()
  await sandbox.close()
}

function port(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('--port takes a number from 0 to 65535 (0 picks a free port).')
  }
  return number
}

export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
