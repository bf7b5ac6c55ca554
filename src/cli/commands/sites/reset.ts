// `plausible sites reset <domain>`: no API resets a site's stats (plausible-api.md §6, §9); only the
// dashboard's danger zone does, behind a browser session. This prints that page and opens it on a terminal.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerSitesReset(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('reset')
      .argument('<domain>', 'the site whose stats to reset')
      .description("Print (and open) the dashboard page that resets a site's stats: no API can do it.")
      .option('--no-open', 'only print the link, even on a terminal'),
  )
  describeCommand(command, {
    callsApi: false,
    output: async () => (await import('./reset-action')).ResetOutput,
    notes:
      "Plausible has no API to reset stats; the dashboard's danger zone does it after you sign in. Nothing is sent.",
    examples: [
      { command: 'plausible sites reset example.com', description: 'open the danger zone in the browser' },
      {
        command: 'plausible sites reset example.com --no-open --json',
        description: 'just the link, as JSON',
      },
    ],
  })
  command.action(async (domain: string, flags: ConnectionFlags & { open?: boolean }) =>
    (await import('./reset-action')).runSitesReset(ctx, domain, flags),
  )
}
