// `plausible track --site <domain> -- <command> [args…]`: runs a command (stdio passed through, its exit
// code returned unchanged) and sends one privacy-safe `CLI Command` event about it, and a `CLI Workflow`
// event when it ends a workflow run (issue 18; the rules in shared/cli-analytics).
import type { Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { positiveInteger } from '../shared-options'

export interface TrackFlags {
  site: string
  account?: string
  baseUrl?: string
  workflows?: string
  depth?: number
  dryRun?: boolean
}

export function registerTrack(program: Command, ctx: CliContext): void {
  const command = program
    .command('track')
    .description('Run a command and report it as a privacy-safe usage event (no argument values).')
    .argument('<command...>', 'the command and its arguments, after --')
    .requiredOption('--site <domain>', 'the site that receives the events')
    .option('--account <alias>', 'account whose server receives the events (default: the default account)')
    .option('--base-url <url>', 'server for this run (default: PLAUSIBLE_BASE_URL)')
    .option(
      '--workflows <file>',
      'JSON rules [{"workflow","steps":[command paths]}] (default: deploy, test, build)',
    )
    .option(
      '--depth <n>',
      'argument words kept as the command path, if they read as subcommands (default 1)',
      positiveInteger('--depth'),
    )
    .option('--dry-run', 'run the command, print the events that would be sent to stderr, send nothing')
  describeCommand(command, {
    callsApi: false,
    isBriefInLlmsTxt: true,
    notes:
      'Sent: the tool, its command path, flag names (less those named like token, password, secret or key), an exit class, a duration bucket and whether CI ran it. Never argument values, paths, e-mails or environment variables. Sessions (30 idle minutes) are keyed by a salted hash of user and machine that stays on this machine.',
    examples: [
      {
        command: 'plausible track --site cli.example.com -- npm test',
        description: 'run the tests and send one event',
      },
      {
        command: 'plausible track --site cli.example.com --dry-run -- make build',
        description: 'show what would be sent',
      },
    ],
  })
  command.action(async (words: string[], flags: TrackFlags) =>
    (await import('./track-action')).runTrack(ctx, words, flags),
  )
}
