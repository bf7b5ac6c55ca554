// `plausible doctor`: checks the config folder and files, the key store, and each account (server
// reachable, capabilities, budget, clock skew); ok / warn / fail per check, exit code 1 on any fail.
import type { Command } from 'commander'
import { contractOutput, describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { addApiOptions, type ConnectionFlags } from '../shared-options'

export function registerDoctor(program: Command, ctx: CliContext): void {
  const command = addApiOptions(
    program
      .command('doctor')
      .description(
        'Check the config files, the key store and each account (reachable, capabilities, budget, clock skew).',
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('doctor.run'),
    notes:
      'Each account costs up to three API requests the first time (the capability probe); the health check and clock comparison are free. Exit code 1 when any check fails.',
    examples: [
      { command: 'plausible doctor', description: 'every check, one line each' },
      { command: 'plausible doctor --account work --json', description: 'one account, as JSON' },
    ],
  })
  command.action(async (flags: ConnectionFlags) => (await import('./doctor-action')).runDoctor(ctx, flags))
}
