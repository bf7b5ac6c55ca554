// `plausible sites overview`: every site of every account with its visitors of the last 24 hours, the
// change against the 24 hours before and an hourly sparkline — the window's landing page in a terminal.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export interface OverviewFlags extends ConnectionFlags {
  /** Read every site again now (numbers younger than a minute stay), as far as the budget allows. */
  refresh?: boolean
}

export function registerSitesOverview(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('overview')
      .description(callSummaries['overview.get'])
      .option(
        '--refresh',
        'read every site again now, as far as the budget allows (default: only numbers older than the refresh interval)',
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('overview.get'),
    notes:
      'One request per site, at CLI priority, only for numbers older than the account\'s refresh interval: younger ones (kept in overview.json by the app or an earlier run) cost nothing. "Visitors" adds up each hour\'s unique visitors over this hour and the 24 before it. An account out of budget shows its last numbers with their age and a warning on stderr; the exit code stays 0.',
    examples: [
      { command: 'plausible sites overview', description: 'every site of every account, as a table' },
      {
        command: 'plausible sites overview --account work --json',
        description: "one account's sites with the sparkline and refresh schedule, as JSON",
      },
      {
        command: 'plausible sites overview --format csv',
        description: 'one row per site: visitors, the 24 hours before, change, current visitors',
      },
      {
        command: 'plausible sites overview --refresh',
        description: 'read every site again now instead of using numbers read minutes ago',
      },
    ],
  })
  command.action(async (flags: OverviewFlags) =>
    (await import('./overview-action')).runSitesOverview(ctx, flags),
  )
}
