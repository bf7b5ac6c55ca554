// `plausible sandbox`: a Plausible-compatible server on loopback with seeded data, for scripts and agents.
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { SandboxMode } from '../../core/sandbox'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { positiveInteger } from '../shared-options'

export interface SandboxFlags {
  port: number
  mode: SandboxMode
  limit?: number
  json?: boolean
}

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
    isBriefInLlmsTxt: true,
    output: async () => (await import('./sandbox-action')).SandboxOutput,
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
  command.action(async (flags: SandboxFlags) =>
    (await import('./sandbox-action')).runSandboxCommand(ctx, flags),
  )
}

function port(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('--port takes a number from 0 to 65535 (0 picks a free port).')
  }
  return number
}
