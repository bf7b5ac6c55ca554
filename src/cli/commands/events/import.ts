// `plausible events import <file>`: every event of an NDJSON or CSV file through the crash-safe journal,
// then delivered and waited for. A bad line never stops the import: it is reported with its number and
// reason, the good ones are sent, and the exit code is 8 (partial). The journal survives a crash, kill -9
// or Ctrl+C; running the same import again sends only what is not yet acknowledged (each line's job id
// is derived from the file's content and the line number). The summary is read from the journal, so it
// counts what any process delivered for this file (the app, another CLI), and how many events a crash
// may have sent twice. --dry-run checks every line and prints the requests that would go out, journaling
// nothing.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, type OutputFlags } from '../../emit'
import type { ConnectionFlags } from '../../shared-options'
import type { EventFileFormat } from '../../../shared/plausible/event-file'

export interface ImportFlags extends Pick<ConnectionFlags, 'account' | 'baseUrl' | 'dryRun'>, OutputFlags {
  userAgent?: string
  forwardedFor?: string
  as?: EventFileFormat
  from?: 'events' | 'cli-events'
  site?: string
  workflows?: string
}

export function registerEventsImport(events: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    events
      .command('import')
      .description(
        'Send every event of an NDJSON or CSV file through the crash-safe journal, and wait until delivered.',
      )
      .argument(
        '<file>',
        'NDJSON: one {"name","url","domain"?,"props"?,…} per line; CSV: a header row (name,url,domain,props.<key>…); - reads stdin as it arrives',
      )
      .addOption(
        new Option('--as <format>', 'read the file as ndjson or csv (default: by its extension)').choices([
          'ndjson',
          'csv',
        ]),
      )
      .addOption(
        new Option(
          '--from <schema>',
          'events (default) or cli-events: CLI usage events converted by the privacy rules (see plausible track)',
        ).choices(['events', 'cli-events']),
      )
      .option('--site <domain>', 'with --from cli-events: the site that receives the events')
      .option(
        '--workflows <file>',
        'with --from cli-events: JSON workflow rules (default: deploy, test, build)',
      )
      .option('--account <alias>', 'account whose server receives the events (default: the default account)')
      .option('--base-url <url>', 'server for this run (default: PLAUSIBLE_BASE_URL)')
      .option('--user-agent <ua>', 'User-Agent sent with each event (the server drops bots)')
      .option('--forwarded-for <ip>', "X-Forwarded-For sent with each event: the visitor's IP")
      .option('--dry-run', 'check every line and print the requests that would be sent; journal nothing'),
  )
  describeCommand(command, {
    // Its many flags are in llms-full.txt: llms.txt keeps to 8 KB.
    isBriefInLlmsTxt: true,
    // The summary of a run, or with --dry-run what would be sent.
    output: async () => (await import('./import-action')).ImportOutput,
    notes:
      'Bad lines are reported with their number and reason and skipped; the good ones are sent. Exit code 8 when any line was bad or failed.',
    examples: [
      {
        command: 'plausible events import events.ndjson',
        description: 'send a file of events to the default account’s server',
      },
      {
        command: 'plausible events import signups.csv --json',
        description: 'a CSV file (header: name,url,props.plan); the summary as JSON',
      },
      {
        command: 'tool | plausible events import -',
        description:
          'import NDJSON or CSV from a pipe as it is written; each run is in plausible imports list',
      },
      {
        command: 'plausible events import --from cli-events usage.ndjson --site cli.example.com --dry-run',
        description:
          'CLI usage events as CLI Command and CLI Workflow events: see what would leave the machine',
      },
      {
        command: 'plausible events import events.ndjson --dry-run',
        description: 'check every line and show what would be sent, without sending',
      },
    ],
  })
  // The action and what it needs (zod, the journal, the core) load only when the command runs.
  command.action(async (file: string, flags: ImportFlags) =>
    (await import('./import-action')).runEventsImport(ctx, file, flags),
  )
}
