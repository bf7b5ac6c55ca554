// The action of `plausible sandbox` (registered in sandbox.ts), loaded when the command runs: the sandbox
// server and its seeded data load only here.
import { startSandbox } from '../../core/sandbox'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { reportError } from '../output'
import { untilSignal } from '../until-signal'
import type { SandboxFlags } from './sandbox'

export const SandboxOutput = lazySchema(() =>
  z.object({
    baseUrl: z.string(),
    apiKey: z.string(),
    statsOnlyKey: z.string(),
    mode: z.enum(['cloud', 'ce']),
    hourlyLimit: z.number().int(),
    sites: z.array(z.object({ domain: z.string(), timezone: z.string() })),
  }),
)

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
  // Listening for the stop before the line that says it is ready: whoever reads that line may send SIGTERM
  // at once, and a signal with no listener yet would kill the process instead of closing the sandbox.
  const stopped = stop()
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
  await stopped
  await sandbox.close()
}

export async function runSandboxCommand(ctx: CliContext, flags: SandboxFlags): Promise<void> {
  try {
    await runSandbox(ctx, flags)
  } catch (error) {
    process.exitCode = reportError(ctx, error, flags.json ? 'json' : 'table')
  }
}
